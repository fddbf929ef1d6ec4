import {
  OpenFeature,
  OpenFeatureEventEmitter,
  ProviderEvents,
  StandardResolutionReasons,
  type Client,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { z } from 'zod';
import { bucketOf, groupIdFor, inRollout } from './bucket.js';
import { CAPABILITIES, ROUTING_MODES, type Capability, type CapabilityRouting } from './config.js';
import type { RoutingSource } from './source.js';

/** The flag each capability's routing decision is read from. */
export const ROUTING_FLAG_PREFIX = 'routing.';
export const routingFlagKey = (capability: Capability): string => `${ROUTING_FLAG_PREFIX}${capability}`;

/**
 * The value of a routing flag: what any OpenFeature provider (ours, or LaunchDarkly, Unleash, flagd …
 * configured with the same JSON variants) must return. Validated on every evaluation; an invalid value means
 * the flag's default — the control provider — which is also the kill switch.
 */
export const RouteVariantSchema = z.object({
  provider: z.string().min(1),
  cohort: z.enum(['control', 'candidate']),
  mode: z.enum(ROUTING_MODES),
  bucket: z.number().int().min(1).max(100).nullable(),
  /** Tried in order when `provider` fails (parse only). */
  fallbacks: z.array(z.string()),
  shadow: z.string().nullable(),
  shadowSampleRate: z.number().min(0).max(1),
  timeoutMs: z.number().int().positive(),
  shadowTimeoutMs: z.number().int().positive(),
  retries: z.number().int().min(0),
});
export type RouteVariant = z.infer<typeof RouteVariantSchema>;

/**
 * The decision for one user, from a capability's routing. Users without an id are always in the control
 * cohort (documented rule): with no stable key they can't be kept on one side, and the control is the
 * provider already trusted. `full` mode is the exception — there the candidate serves everyone.
 */
export function decideRoute(capability: Capability, r: CapabilityRouting, userId: string | undefined): RouteVariant {
  return routeAt(capability, r, userId ? bucketOf(userId, groupIdFor(capability)) : null);
}

/**
 * A decision depends only on the routing and the user's bucket: at most 101 distinct ones per capability and
 * config. Each is built once, frozen and shared, which keeps the per-request path free of allocation and
 * lets evaluateRoute skip re-validating our own values. A config change is a new object, so a new table.
 */
const decided = new WeakMap<CapabilityRouting, Map<Capability, RouteVariant[]>>();
const ours = new WeakSet<object>();

function routeAt(capability: Capability, r: CapabilityRouting, bucket: number | null): RouteVariant {
  let byCapability = decided.get(r);
  if (!byCapability) decided.set(r, (byCapability = new Map()));
  let byBucket = byCapability.get(capability);
  if (!byBucket) byCapability.set(capability, (byBucket = []));
  // Buckets run 1–100, so slot 0 holds the unbucketed decision.
  const slot = bucket ?? 0;
  let route = byBucket[slot];
  if (!route) {
    route = Object.freeze(buildRoute(capability, r, bucket));
    ours.add(route);
    byBucket[slot] = route;
  }
  return route;
}

function buildRoute(capability: Capability, r: CapabilityRouting, bucket: number | null): RouteVariant {
  const candidateServes = r.candidate !== null && (r.mode === 'full' || (r.mode === 'canary' && bucket !== null && inRollout(bucket, r.rolloutPercent)));
  const provider = candidateServes ? (r.candidate as string) : r.control;
  // A candidate that fails hands over to the control before any configured fallback.
  const chain = candidateServes ? [r.control, ...r.fallbacks] : r.fallbacks;
  const shadows = !candidateServes && r.candidate !== null && (r.mode === 'shadow' || r.mode === 'canary') && r.shadowSampleRate > 0;
  return {
    provider,
    cohort: candidateServes ? 'candidate' : 'control',
    mode: r.mode,
    bucket,
    fallbacks: Object.freeze(capability === 'parse' ? [...new Set(chain)].filter((p) => p !== provider) : []) as string[],
    shadow: shadows ? r.candidate : null,
    shadowSampleRate: r.shadowSampleRate,
    timeoutMs: r.timeoutMs,
    shadowTimeoutMs: r.shadowTimeoutMs,
    retries: r.retries,
  };
}

const controlOnly = new WeakMap<CapabilityRouting, CapabilityRouting>();

/**
 * What a request gets when the flag can't be evaluated (no provider, an error, a malformed value): the control
 * provider with the configured fallbacks, unbucketed. Also the kill switch's shape.
 */
export function controlRoute(capability: Capability, r: CapabilityRouting): RouteVariant {
  let control = controlOnly.get(r);
  if (!control) controlOnly.set(r, (control = { ...r, mode: 'control' }));
  return routeAt(capability, control, null);
}

function capabilityOf(flagKey: string): Capability | undefined {
  const name = flagKey.slice(ROUTING_FLAG_PREFIX.length);
  return flagKey.startsWith(ROUTING_FLAG_PREFIX) && (CAPABILITIES as readonly string[]).includes(name) ? (name as Capability) : undefined;
}

/**
 * Our OpenFeature provider: database-backed, hot-reloaded (through RoutingSource), bucketing with Unleash's
 * algorithm. Only object flags named `routing.<capability>` exist; anything else resolves to its default.
 */
export class RoutingFlagProvider implements Provider {
  readonly metadata = { name: 'jobmatch-routing' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();

  constructor(private readonly source: RoutingSource) {
    source.onChange((s) => this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: CAPABILITIES.map(routingFlagKey), metadata: { version: s.version } }));
  }

  private notFound<T>(defaultValue: T): ResolutionDetails<T> {
    return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: 'FLAG_NOT_FOUND' as never };
  }

  resolveBooleanEvaluation(_key: string, defaultValue: boolean): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.notFound(defaultValue));
  }

  resolveStringEvaluation(_key: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.notFound(defaultValue));
  }

  resolveNumberEvaluation(_key: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.notFound(defaultValue));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    const capability = capabilityOf(flagKey);
    if (!capability) return Promise.resolve(this.notFound(defaultValue));
    const snapshot = this.source.current();
    const route = decideRoute(capability, snapshot.config[capability], context.targetingKey);
    return Promise.resolve({
      value: route as unknown as T,
      variant: route.cohort,
      reason: route.mode === 'canary' && route.bucket !== null ? StandardResolutionReasons.SPLIT : StandardResolutionReasons.STATIC,
      flagMetadata: { version: snapshot.version },
    });
  }
}

let domains = 0;

/** A client bound to our provider in its own OpenFeature domain, so several instances in one process don't share it. */
export async function createRoutingFlags(source: RoutingSource): Promise<Client> {
  const domain = `jobmatch-routing-${++domains}`;
  await OpenFeature.setProviderAndWait(domain, new RoutingFlagProvider(source));
  return OpenFeature.getClient(domain);
}

/** Reads the decision through OpenFeature; a missing or malformed value falls back to the control provider. */
export async function evaluateRoute(client: Client, capability: Capability, control: RouteVariant, userId: string | undefined): Promise<{ route: RouteVariant; variant: string }> {
  const details = await client.getObjectDetails(routingFlagKey(capability), control as unknown as JsonValue, userId ? { targetingKey: userId } : {});
  if (ours.has(details.value as object)) return { route: details.value as unknown as RouteVariant, variant: details.variant ?? 'default' };
  const parsed = RouteVariantSchema.safeParse(details.value);
  if (!parsed.success) return { route: control, variant: 'default' };
  return { route: parsed.data, variant: details.variant ?? parsed.data.cohort };
}
