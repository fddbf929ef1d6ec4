import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AppError, type Usage } from '../domain/index.js';
import { VERSION } from '../version.js';
import type { CallRole, Cohort } from './observations.js';
import type { Capability } from './config.js';

/**
 * OpenTelemetry spans around provider calls, through the API package only: without an SDK registered by the
 * application (NodeSDK, auto-instrumentation) every span is a no-op. The span is active while the provider
 * runs, so the SDK's own HTTP spans nest under it. Attributes follow the GenAI semantic conventions where
 * they apply; ids, texts and answers are never attached (resumes are personal data).
 */
const tracer = trace.getTracer('jobmatch-ai', VERSION);

export interface TracedCall {
  capability: Capability;
  provider: string;
  model: string;
  role: CallRole;
  cohort: Cohort;
  requestId: string | null;
}

export function traceProviderCall<T>(call: TracedCall, usageOf: (value: T) => Usage, run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(`jobmatch.${call.capability} ${call.provider}`, { kind: SpanKind.CLIENT }, async (span) => {
    const recording = span.isRecording();
    if (recording) {
      span.setAttributes({
        'gen_ai.provider.name': call.provider,
        'gen_ai.request.model': call.model,
        'jobmatch.capability': call.capability,
        'jobmatch.role': call.role,
        'jobmatch.cohort': call.cohort,
        ...(call.requestId ? { 'jobmatch.request_id': call.requestId } : {}),
      });
    }
    try {
      const value = await run();
      if (recording) recordUsage(span, usageOf(value));
      return value;
    } catch (e) {
      // The stable code only: provider messages can quote the input.
      const code = e instanceof AppError ? e.code : 'internal_error';
      span.setAttribute('error.type', code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      throw e;
    } finally {
      span.end();
    }
  });
}

function recordUsage(span: Span, usage: Usage): void {
  span.setAttributes({
    'gen_ai.usage.input_tokens': usage.inputTokens,
    'gen_ai.usage.output_tokens': usage.outputTokens,
    'jobmatch.cost_usd': usage.costUsd,
  });
}
