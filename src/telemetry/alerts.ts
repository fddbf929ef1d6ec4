import type { RolloutAlertKind } from '../routing/guard.js';
import type { Logger } from './logger.js';

/** Anything worth telling a person about: rollout decisions, budgets crossed. */
export interface Alert {
  kind: RolloutAlertKind | 'budget_exceeded';
  capability: string;
  message: string;
  metrics: object | null;
  /** Epoch ms. */
  at: number;
}

export interface AlertSinkOptions {
  /** Receives each alert as a JSON POST (Slack-compatible: the message is also sent as `text`). */
  webhookUrl?: string;
  logger: Pick<Logger, 'info' | 'warn'>;
  timeoutMs?: number;
}

/** Kinds that mean the candidate was (or would have been) taken away from users: someone should look. */
const WARNING_KINDS: ReadonlySet<Alert['kind']> = new Set(['rolled_back', 'would_roll_back', 'budget_exceeded']);

/**
 * Alerts to the log and, when configured, a webhook. The sink never throws: an unreachable webhook
 * is logged and otherwise ignored, so alerting can never stand in the way of a rollback. A malformed URL is
 * a configuration error and fails here, at startup.
 */
export function createAlertSink(options: AlertSinkOptions): (alert: Alert) => Promise<void> {
  const { logger, timeoutMs = 5000 } = options;
  const webhookUrl = options.webhookUrl?.trim() || undefined; // an empty variable means no webhook
  // The query string (and any user:password) may carry a token, so logs name the endpoint only.
  const endpoint = webhookUrl === undefined ? null : safeEndpoint(webhookUrl);
  const target = webhookUrl === undefined ? null : requestTarget(webhookUrl);

  return async (alert) => {
    const fields = { alert: alert.kind, capability: alert.capability, metrics: alert.metrics };
    if (WARNING_KINDS.has(alert.kind)) logger.warn(fields, alert.message);
    else logger.info(fields, alert.message);
    if (!target) return;

    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: JSON.stringify({
          kind: alert.kind,
          capability: alert.capability,
          message: alert.message,
          text: alert.message,
          metrics: alert.metrics,
          at: new Date(alert.at).toISOString(),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) logger.warn({ endpoint, status: response.status, alert: alert.kind }, 'alert webhook refused the alert');
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describe(error);
      logger.warn({ endpoint, reason, alert: alert.kind }, 'alert webhook failed');
    }
  };
}

function safeEndpoint(url: string): string {
  if (!URL.canParse(url)) throw new TypeError('the alert webhook URL is not a valid URL');
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** fetch refuses URLs with `user:password@`, so those travel as HTTP Basic credentials instead. */
function requestTarget(url: string): { url: string; headers: Record<string, string> } {
  const u = new URL(url);
  if (!u.username && !u.password) return { url, headers: {} };
  const credentials = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { url: u.href, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } };
}

/** The error and its cause (fetch wraps network errors as "fetch failed"), with any URL cut to its endpoint. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`.replace(/https?:\/\/[^\s"'<>]+/g, (url) => (URL.canParse(url) ? safeEndpoint(url) : '[url]'));
}
