/**
 * The schema, as numbered steps. A released migration is never edited: change the schema by appending a
 * new one. Each runs in its own transaction on both PGlite and PostgreSQL, so it must be plain portable SQL.
 * The pgvector extension is enabled by the runner before these run (it needs its own error message).
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'jobs, embedding spaces, embeddings, reindex checkpoints, settings',
    sql: `
      CREATE TABLE jobs (
        id                   text PRIMARY KEY,
        title                text NOT NULL,
        company              text,
        description          text NOT NULL,
        location             text,
        workplace            text NOT NULL,
        seniority            text,
        required_skills      text[] NOT NULL DEFAULT '{}',
        nice_to_have_skills  text[] NOT NULL DEFAULT '{}',
        occupation_code      text,
        min_years_experience double precision,
        -- sha256 of the text that gets embedded: an embedding whose hash differs is stale.
        content_hash         text NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE embedding_spaces (
        id         text PRIMARY KEY,
        provider   text NOT NULL,
        model      text NOT NULL,
        dimensions integer NOT NULL CHECK (dimensions > 0),
        version    text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- The column is an untyped vector so spaces of different dimensions share one table; every query
      -- filters by space_id, and the repository checks lengths against embedding_spaces.dimensions.
      CREATE TABLE job_embeddings (
        job_id       text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        space_id     text NOT NULL REFERENCES embedding_spaces (id) ON DELETE CASCADE,
        content_hash text NOT NULL,
        embedding    vector NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        -- space first: searches and coverage scan one space.
        PRIMARY KEY (space_id, job_id)
      );
      -- Deleting a job cascades by job_id.
      CREATE INDEX job_embeddings_job_id_idx ON job_embeddings (job_id);

      -- Where a back-fill of one space stopped, so an interrupted reindex resumes instead of restarting.
      CREATE TABLE reindex_checkpoints (
        space_id    text PRIMARY KEY REFERENCES embedding_spaces (id) ON DELETE CASCADE,
        last_job_id text,
        processed   integer NOT NULL DEFAULT 0,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE settings (
        key        text PRIMARY KEY,
        value      jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 2,
    name: 'routing config, its audit log, rollout plans',
    sql: `
      -- One row: the routing document every instance polls. version increments on each change, so a poll is
      -- one indexed integer read and an update can be a compare-and-set.
      CREATE TABLE routing_config (
        id         integer PRIMARY KEY CHECK (id = 1),
        version    integer NOT NULL,
        config     jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE routing_audit (
        id         bigserial PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT now(),
        actor      text NOT NULL,
        action     text NOT NULL,
        reason     text,
        version    integer NOT NULL,
        before     jsonb,
        after      jsonb NOT NULL
      );
      CREATE INDEX routing_audit_at_idx ON routing_audit (at DESC);

      CREATE TABLE rollouts (
        capability text PRIMARY KEY,
        state      jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 3,
    name: 'usage ledger, budget usage',
    sql: `
      -- One row per provider call (shadow calls included, flagged): the durable record costs are reported
      -- from. user_key is a hash of the user id, never the id.
      CREATE TABLE usage_ledger (
        id            bigserial PRIMARY KEY,
        at            timestamptz NOT NULL,
        request_id    text,
        user_key      text,
        capability    text NOT NULL,
        provider      text NOT NULL,
        model         text NOT NULL,
        role          text NOT NULL,
        cohort        text NOT NULL,
        outcome       text NOT NULL,
        error_code    text,
        input_tokens  integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        cost_usd      double precision NOT NULL DEFAULT 0,
        latency_ms    double precision NOT NULL,
        cached        boolean NOT NULL DEFAULT false,
        shadow        boolean NOT NULL DEFAULT false
      );
      -- Summaries scan a time range and retention deletes by age.
      CREATE INDEX usage_ledger_at_idx ON usage_ledger (at);

      -- Spending per budget scope and period, e.g. 'day:2026-11-24:parse:openai' or 'month:2026-11:*:*'.
      -- reserved_usd holds the estimates of calls in flight; settling moves their actual cost to spent_usd.
      CREATE TABLE budget_usage (
        scope        text PRIMARY KEY,
        spent_usd    double precision NOT NULL DEFAULT 0,
        reserved_usd double precision NOT NULL DEFAULT 0,
        updated_at   timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 4,
    name: 'result cache',
    sql: `
      -- Exact-match cache of provider results (parses, embeddings), shared by every instance. key is the
      -- router's sha256 of the normalised input and everything that changes the answer; value is JSON with
      -- Float32Array vectors as {"__f32": [...]} (src/cache/codec.ts). user_key is the hashed user id of the
      -- request that stored the entry, so a person's entries can be erased; never the id itself.
      CREATE TABLE result_cache (
        key        text PRIMARY KEY,
        capability text NOT NULL,
        provider   text NOT NULL,
        user_key   text,
        value      jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      -- Purging scans by expiry; erasure by person.
      CREATE INDEX result_cache_expires_at_idx ON result_cache (expires_at);
      CREATE INDEX result_cache_user_key_idx ON result_cache (user_key);
    `,
  },
  {
    id: 5,
    name: 'evaluation reports, user feedback',
    sql: `
      -- Stored evaluation runs (jobmatch eval / eval-match): summary is the flat digest runs are compared by,
      -- report the whole document (src/eval/document.ts).
      CREATE TABLE eval_reports (
        id         text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('parse', 'match')),
        providers  text[] NOT NULL,
        versions   jsonb NOT NULL,
        summary    jsonb NOT NULL,
        report     jsonb NOT NULL
      );
      CREATE INDEX eval_reports_created_at_idx ON eval_reports (created_at DESC);

      -- Thumbs up/down on a served answer, attributed to the provider and cohort that served it (the online
      -- half of an A/B comparison). user_key is a hash of the user id, never the id.
      CREATE TABLE feedback (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        request_id  text NOT NULL,
        user_key    text,
        capability  text NOT NULL,
        provider    text NOT NULL,
        cohort      text NOT NULL,
        rating      smallint NOT NULL CHECK (rating IN (-1, 1)),
        corrections jsonb
      );
      -- One rating per answer: a request served one person, who may change their mind (upsert), not vote twice.
      CREATE UNIQUE INDEX feedback_request_idx ON feedback (request_id, capability);
      -- Experiments aggregate one capability over a time range.
      CREATE INDEX feedback_capability_at_idx ON feedback (capability, at);
    `,
  },
];
