import type { Db } from '../store/index.js';
import { listRoutingAudit, readRouting, routingVersion, writeRouting, type AuditEntry } from '../store/index.js';
import { isStoreError } from '../store/index.js';
import type { Logger } from '../telemetry/logger.js';
import { AppError } from '../domain/index.js';
import { RoutingConfigSchema, unknownProviders, type AvailableProviders, type RoutingConfig } from './config.js';

export interface RoutingSnapshot {
  config: RoutingConfig;
  /** 0 while the environment's initial config is in force; the stored version after any change. */
  version: number;
  source: 'environment' | 'database';
  updatedBy: string;
  updatedAt: string | null;
}

/**
 * The routing config every instance serves from. The database row wins once anyone has changed routing;
 * until then the environment's initial config applies (so editing the environment and restarting works).
 * Instances poll the row's version (one integer) and reload on change, so a change made anywhere — admin
 * API, CLI, the guard — is in force everywhere within one poll interval, without a restart.
 */
export class RoutingSource {
  private snapshot: RoutingSnapshot;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((s: RoutingSnapshot) => void)[] = [];
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly initial: RoutingConfig,
    private readonly available: AvailableProviders,
    private readonly logger?: Logger,
  ) {
    this.snapshot = { config: initial, version: 0, source: 'environment', updatedBy: 'environment', updatedAt: null };
  }

  current(): RoutingSnapshot {
    return this.snapshot;
  }

  onChange(listener: (s: RoutingSnapshot) => void): void {
    this.listeners.push(listener);
  }

  /** Reads the stored document if its version moved. A stored config this instance can't run is refused loudly. */
  async refresh(): Promise<RoutingSnapshot> {
    const version = await routingVersion(this.db);
    if (version === null || version === this.snapshot.version) return this.snapshot;
    const stored = await readRouting(this.db);
    if (!stored) return this.snapshot;
    const parsed = RoutingConfigSchema.safeParse(stored.config);
    const problems = parsed.success ? unknownProviders(parsed.data, this.available) : [parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')];
    if (!parsed.success || problems.length > 0) {
      this.logger?.error({ version: stored.version, problems }, 'stored routing config cannot run on this instance; keeping the previous one');
      return this.snapshot;
    }
    this.set({ config: parsed.data, version: stored.version, source: 'database', updatedBy: stored.updatedBy, updatedAt: stored.updatedAt });
    return this.snapshot;
  }

  private set(s: RoutingSnapshot): void {
    this.snapshot = s;
    for (const l of this.listeners) l(s);
  }

  start(pollMs = 1000): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger?.warn({ err }, 'routing config poll failed; keeping the current config'));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Validates a whole config against the schema and this instance's providers; throws a 400 with every problem. */
  validate(candidate: unknown): RoutingConfig {
    const parsed = RoutingConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new AppError('invalid_request', `Invalid routing config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const problems = unknownProviders(parsed.data, this.available);
    if (problems.length > 0) throw new AppError('invalid_request', `Invalid routing config: ${problems.join('; ')}`);
    return parsed.data;
  }

  /**
   * Applies `change` to the latest stored config and writes it with compare-and-set, retrying when another
   * writer got in first, so concurrent changes are serialised rather than lost. Audited with actor and reason.
   */
  update(change: (config: RoutingConfig) => unknown, actor: string, action: string, reason?: string): Promise<RoutingSnapshot> {
    // One writer at a time within this process; compare-and-set handles writers in other processes.
    const run = this.writes.then(() => this.write(change, actor, action, reason));
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async write(change: (config: RoutingConfig) => unknown, actor: string, action: string, reason?: string): Promise<RoutingSnapshot> {
    for (let attempt = 0; ; attempt++) {
      const base = await this.refresh();
      const next = this.validate(change(structuredClone(base.config)));
      try {
        await writeRouting(this.db, { expectedVersion: base.version === 0 ? null : base.version, config: next, actor, action, reason });
        return await this.refresh();
      } catch (e) {
        if (isStoreError(e, 'version_conflict') && attempt < 5) {
          await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }

  audit(limit?: number): Promise<AuditEntry[]> {
    return listRoutingAudit(this.db, limit);
  }
}
