import type { Db } from './db.js';
import { StoreError } from './errors.js';

/**
 * The routing document, its audit log and rollout plan states. Values are JSON whose shape the routing
 * layer owns and validates on read; this module only guarantees ordering: every change bumps the version
 * and writes its audit row in the same transaction, and a stale writer is refused, not silently merged.
 */
export interface StoredRouting {
  version: number;
  config: unknown;
  updatedBy: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  version: number;
  before: unknown;
  after: unknown;
}

export async function readRouting(db: Db): Promise<StoredRouting | null> {
  const { rows } = await db.query<{ version: number; config: unknown; updated_by: string; updated_at: Date | string }>(
    'SELECT version, config, updated_by, updated_at FROM routing_config WHERE id = 1',
  );
  const r = rows[0];
  return r ? { version: r.version, config: r.config, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString() } : null;
}

/** The cheap poll: one integer, so instances can check for changes every second. */
export async function routingVersion(db: Db): Promise<number | null> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM routing_config WHERE id = 1');
  return rows[0]?.version ?? null;
}

export interface RoutingWrite {
  /** The version the change was computed from; null to create the document. */
  expectedVersion: number | null;
  config: unknown;
  actor: string;
  action: string;
  reason?: string | null;
}

/** Compare-and-set: writes only if the stored version is still `expectedVersion`. Returns the new version. */
export async function writeRouting(db: Db, change: RoutingWrite): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ version: number; config: unknown }>('SELECT version, config FROM routing_config WHERE id = 1 FOR UPDATE');
    const current = rows[0] ?? null;
    if ((current?.version ?? null) !== change.expectedVersion) {
      throw new StoreError(
        'version_conflict',
        `The routing config changed meanwhile (version ${current?.version ?? 'none'}, expected ${change.expectedVersion ?? 'none'}); read it again and retry.`,
        { version: current?.version ?? null },
      );
    }
    const version = (current?.version ?? 0) + 1;
    const json = JSON.stringify(change.config);
    if (current) {
      await tx.query('UPDATE routing_config SET version = $1, config = $2::jsonb, updated_by = $3, updated_at = now() WHERE id = 1', [version, json, change.actor]);
    } else {
      await tx.query('INSERT INTO routing_config (id, version, config, updated_by) VALUES (1, $1, $2::jsonb, $3)', [version, json, change.actor]);
    }
    await tx.query(
      'INSERT INTO routing_audit (actor, action, reason, version, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)',
      [change.actor, change.action, change.reason ?? null, version, current ? JSON.stringify(current.config) : null, json],
    );
    return version;
  });
}

export async function listRoutingAudit(db: Db, limit = 100): Promise<AuditEntry[]> {
  // The driver returns BIGSERIAL ids as strings and timestamps as Dates.
  const { rows } = await db.query<Omit<AuditEntry, 'id' | 'at'> & { id: number | string; at: Date | string }>('SELECT id, at, actor, action, reason, version, before, after FROM routing_audit ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }));
}

export async function loadRolloutStates(db: Db): Promise<unknown[]> {
  const { rows } = await db.query<{ state: unknown }>('SELECT state FROM rollouts ORDER BY capability');
  return rows.map((r) => r.state);
}

export async function saveRolloutState(db: Db, capability: string, state: unknown): Promise<void> {
  await db.query(
    `INSERT INTO rollouts (capability, state) VALUES ($1, $2::jsonb)
     ON CONFLICT (capability) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
    [capability, JSON.stringify(state)],
  );
}
