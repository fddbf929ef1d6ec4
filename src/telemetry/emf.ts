import { z } from 'zod';
import type { ProviderCall, RoutingObserver } from '../routing/observations.js';

/**
 * CloudWatch Embedded Metric Format: one JSON line per provider call on stdout, which the CloudWatch agent,
 * Lambda or ECS (awslogs / FireLens) turn into metrics without an API call or SDK. Dimensions are only
 * Capability and Provider (bounded); request id, model and error code ride along as plain properties, searchable
 * in Logs Insights at no metric cost. Alarms to create: docs/cloudwatch-alarms.md.
 */

export const EMF_NAMESPACE = 'JobmatchAI';

export const EmfEnvSchema = z.object({
  JOBMATCH_CLOUDWATCH_EMF: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export interface EmfOptions {
  /** Receives one complete line (newline included). Default: process.stdout. */
  write?: (line: string) => void;
  namespace?: string;
}

/** Serving calls share one series per capability+provider (what alarms watch); shadow calls get their own, by role. */
const SERVING_DIMENSIONS = [['Capability', 'Provider']];
const SHADOW_DIMENSIONS = [['Capability', 'Provider', 'Role']];

const METRICS = [
  { Name: 'Latency', Unit: 'Milliseconds' },
  { Name: 'Requests', Unit: 'Count' },
  /** Failures that were the provider's fault: the same signal as the SLO error rate and the rollout guard. */
  { Name: 'Errors', Unit: 'Count' },
  { Name: 'CostUsd', Unit: 'None' },
  { Name: 'InputTokens', Unit: 'Count' },
  { Name: 'OutputTokens', Unit: 'Count' },
  { Name: 'Retries', Unit: 'Count' },
  { Name: 'CacheHits', Unit: 'Count' },
] as const;

/** The EMF document for one provider call. */
export function emfRecord(call: ProviderCall, namespace = EMF_NAMESPACE): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: call.at,
      CloudWatchMetrics: [{ Namespace: namespace, Dimensions: call.role === 'shadow' ? SHADOW_DIMENSIONS : SERVING_DIMENSIONS, Metrics: METRICS }],
    },
    Capability: call.capability,
    Provider: call.provider,
    Role: call.role,
    Latency: Math.round(call.latencyMs * 1000) / 1000,
    Requests: 1,
    Errors: call.errorType === 'provider' ? 1 : 0,
    CostUsd: call.usage.costUsd,
    InputTokens: call.usage.inputTokens,
    OutputTokens: call.usage.outputTokens,
    Retries: call.retries,
    CacheHits: call.cached === true ? 1 : 0,
    // Properties, not dimensions: context for Logs Insights.
    Model: call.model,
    Cohort: call.cohort,
    Outcome: call.outcome,
    ErrorType: call.errorType,
    ErrorCode: call.errorCode,
    RequestId: call.requestId,
  };
}

export function createEmfObserver(options: EmfOptions = {}): RoutingObserver {
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const namespace = options.namespace ?? EMF_NAMESPACE;
  return {
    onCall(call) {
      write(`${JSON.stringify(emfRecord(call, namespace))}\n`);
    },
  };
}

/** The EMF observer when JOBMATCH_CLOUDWATCH_EMF is true, else null. */
export function emfFromEnv(env: Record<string, string | undefined> = process.env, options: EmfOptions = {}): RoutingObserver | null {
  return EmfEnvSchema.parse(env).JOBMATCH_CLOUDWATCH_EMF ? createEmfObserver(options) : null;
}
