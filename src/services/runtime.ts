import { resultCacheFromSettings, type ManagedResultCache } from '../cache/result-cache.js';
import type { Config } from '../config.js';
import { ProviderError, type Embedder, type ResumeParser } from '../domain/index.js';
import { LocalEmbedder } from '../providers/local/embeddings/index.js';
import { PARSER_PROVIDERS, createEmbedder, createParser } from '../providers/registry.js';
import { providersNamed } from '../routing/config.js';
import { createRoutingFlags } from '../routing/flags.js';
import { RolloutGuard, type RolloutState, type RolloutStateStore } from '../routing/guard.js';
import type { RoutingObserver } from '../routing/observations.js';
import { Resilience } from '../routing/resilience.js';
import { Router, type RequestContext } from '../routing/router.js';
import { ShadowRunner } from '../routing/shadow.js';
import { RoutingSource } from '../routing/source.js';
import { CallStats } from '../routing/stats.js';
import { loadRolloutStates, openDatabase, redactUrl, saveRolloutState, type Db } from '../store/index.js';
import { createAlertSink } from '../telemetry/alerts.js';
import { DatabaseBudgetGate } from '../telemetry/budget.js';
import { createEmfObserver } from '../telemetry/emf.js';
import { UsageLedger } from '../telemetry/ledger.js';
import { createMetrics, type Metrics } from '../telemetry/metrics.js';
import type { Logger } from '../telemetry/logger.js';
import { createFeedback, type FeedbackService } from './feedback.js';
import { JobService } from './jobs.js';

/** Everything a running instance holds: what the HTTP server, the CLI and library users share. */
export interface Services {
  db: Db;
  jobs: JobService;
  router: Router;
  /** Recent provider calls and shadow results: what the guard, SLOs and experiments read. */
  stats: CallStats;
  guard: RolloutGuard;
  /** Subscribe further observers to every provider call (metrics, the ledger and stats already are). */
  observers: ObserverHub;
  /** Prometheus registry and the HTTP-level metrics. */
  metrics: Metrics;
  /** Spending caps, when any are configured. */
  budget: DatabaseBudgetGate | undefined;
  /** The exact-match result cache, unless JOBMATCH_CACHE=false. */
  cache: ManagedResultCache | undefined;
  /** User feedback per request and the online A/B comparison of cohorts. */
  feedback: FeedbackService;
  /** A routed parser for callers without a request context (CLI, library): control cohort. */
  parser: ResumeParser;
  close(): Promise<void>;
}

/** Fans routing observations out to any number of observers; one failing observer doesn't stop the others. */
export class ObserverHub implements RoutingObserver {
  private readonly observers: RoutingObserver[] = [];

  constructor(private readonly logger?: Logger) {}

  add(observer: RoutingObserver): void {
    this.observers.push(observer);
  }

  private each(fn: (o: RoutingObserver) => void): void {
    for (const o of this.observers) {
      try {
        fn(o);
      } catch (err) {
        this.logger?.warn({ err }, 'observer failed');
      }
    }
  }

  onCall: RoutingObserver['onCall'] = (call) => this.each((o) => o.onCall?.(call));
  onShadow: RoutingObserver['onShadow'] = (result) => this.each((o) => o.onShadow?.(result));
  onRoute: RoutingObserver['onRoute'] = (route, requestId) => this.each((o) => o.onRoute?.(route, requestId));
}

/** The local embedder alone: the space the sample corpus ships vectors for. */
export function defaultEmbedders(): Map<string, Embedder> {
  const local = new LocalEmbedder();
  return new Map([[local.space.id, local]]);
}

class DatabaseRolloutStates implements RolloutStateStore {
  constructor(private readonly db: Db) {}
  async load(): Promise<RolloutState[]> {
    return (await loadRolloutStates(this.db)) as RolloutState[];
  }
  save(state: RolloutState): Promise<void> {
    return saveRolloutState(this.db, state.capability, state);
  }
}

/** Parsers are built on first use: a cloud parser nobody routes to shouldn't need credentials at start-up. */
function parserPool(config: Config): (name: string) => ResumeParser {
  const parsers = new Map<string, ResumeParser>();
  return (name) => {
    let parser = parsers.get(name);
    if (!parser) {
      try {
        parser = createParser(name, config.providers);
      } catch (e) {
        throw new ProviderError('auth', `The ${name} parser cannot start: ${(e as Error).message}`, { provider: name, retryable: false });
      }
      parsers.set(name, parser);
    }
    return parser;
  };
}

/**
 * Opens the database (migrating it), loads the job index, seeds the sample corpus on a first start, and
 * builds migration control: the routing source (polled), the OpenFeature client, resilience, shadow, guard.
 */
export async function openServices(config: Config, logger: Logger): Promise<Services> {
  const t0 = performance.now();
  // Provider settings first: a misconfiguration should stop us before the database is touched.
  const settings = config.providers;
  const embedProviders = [...new Set([...settings.JOBMATCH_EMBED_PROVIDERS, ...providersNamed(config.routing).embed])];
  const embedders = new Map(embedProviders.map((name) => createEmbedder(name, settings)).map((e) => [e.space.id, e] as const));
  const byProvider = new Map([...embedders.values()].map((e) => [e.provider, e] as const));
  const parser = parserPool(config);
  for (const name of providersNamed(config.routing).parse) parser(name);

  const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const jobs = new JobService(db, embedders);
    await jobs.load();
    const seeded = config.sampleJobs ? await jobs.seedSampleJobs() : 0;

    const source = new RoutingSource(db, config.routing, { parse: PARSER_PROVIDERS, embed: [...byProvider.keys()] }, logger);
    await source.refresh();
    source.start(config.routingPollMs);
    const observers = new ObserverHub(logger);
    const stats = new CallStats();
    observers.add(stats);
    const metrics = createMetrics();
    observers.add(metrics);
    const feedback = createFeedback({ db, stats, routing: (capability) => source.current().config[capability] });
    observers.add(feedback.routes);
    if (config.cloudwatchEmf) observers.add(createEmfObserver());
    const cache = resultCacheFromSettings(config.cache, { db, logger });
    const ledger = new UsageLedger({ db, logger, retentionDays: config.ledgerRetentionDays });
    observers.add(ledger);
    ledger.startRetention();
    const alert = createAlertSink({ webhookUrl: config.alertWebhookUrl, logger });
    const budget = config.budgets.length
      ? new DatabaseBudgetGate({
          db,
          rules: config.budgets,
          logger,
          alert: (message, details) => void alert({ kind: 'budget_exceeded', capability: String(details['capability'] ?? '*'), message, metrics: details, at: Date.now() }),
        })
      : undefined;
    const shadow = new ShadowRunner({ observer: observers, logger });
    const resilience = new Resilience(config.resilience);
    resilience.onBreakerChange((capability, provider, state) => {
      metrics.setBreakerState(capability, provider, state);
      logger.warn({ capability, provider, state }, 'circuit breaker changed state');
    });
    const router = new Router({
      source,
      flags: await createRoutingFlags(source),
      parser,
      embedder: (name) => {
        const e = byProvider.get(name);
        if (!e) throw new ProviderError('unavailable', `No ${name} embedder is configured here; add it to JOBMATCH_EMBED_PROVIDERS.`, { provider: name, retryable: false });
        return e;
      },
      nearestJobs: (spaceId, vector, k) => jobs.index.vectors(spaceId)?.search(vector, k).map((h) => h.id) ?? [],
      resilience,
      shadow,
      observer: observers,
      budget,
      cache,
      logger,
    });
    const guard = new RolloutGuard({
      stats,
      states: new DatabaseRolloutStates(db),
      alert,
      logger,
      control: {
        current: () => source.current().config,
        setRollout: async (capability, patch, actor, reason) => {
          const now = source.current().config[capability];
          // An abort after a kill switch asks for what is already in force: don't audit a change that isn't one.
          if (now.rolloutPercent === patch.rolloutPercent && (patch.mode === undefined || patch.mode === now.mode)) return;
          await source.update((c) => ({ ...c, [capability]: { ...c[capability], ...patch } }), actor, patch.rolloutPercent === 0 ? 'rollback' : 'rollout-step', reason);
        },
      },
    });
    if (config.runGuard) guard.startTimer();

    logger.info(
      {
        database: config.databaseUrl ? redactUrl(config.databaseUrl) : `pglite:${config.dataDir}`,
        routing: summariseRouting(source),
        embeddingSpaces: [...embedders.keys()],
        jobs: jobs.index.size,
        seededSampleJobs: seeded,
        ms: Math.round(performance.now() - t0),
      },
      'services ready',
    );
    const noContext: RequestContext = {};
    return {
      db,
      jobs,
      router,
      stats,
      guard,
      observers,
      metrics,
      budget,
      cache,
      feedback: feedback.service,
      parser: router.parserFor(noContext),
      async close() {
        guard.stop();
        source.stop();
        await shadow.idle();
        await ledger.close();
        await cache?.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

function summariseRouting(source: RoutingSource): Record<string, string> {
  const { config, source: from } = source.current();
  const out: Record<string, string> = { source: from };
  for (const [capability, r] of Object.entries(config)) {
    out[capability] = r.mode === 'control' ? r.control : `${r.control}→${r.candidate} ${r.mode} ${r.rolloutPercent}%`;
  }
  return out;
}
