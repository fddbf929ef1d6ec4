import {
  AppError,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type MatchFilters,
  type MatchProfile,
  type MatchResult,
  type ParsedResume,
  type RankingStrategy,
  type ResumeParser,
} from '../domain/index.js';
import { profileEmbeddingText } from '../matching/job-text.js';
import { rankJobs } from '../matching/rank.js';
import { canonicalSkill, normaliseTitle } from '../taxonomy/index.js';
import type { Logger } from '../telemetry/logger.js';
import { compareRankings } from '../routing/compare.js';
import type { RequestContext, Router } from '../routing/router.js';
import type { JobService } from './jobs.js';
import { parseResume } from './resume.js';

export type MatchInput = { resume: ParsedResume } | { profile: MatchProfile } | { text: string };

export interface MatchOptions {
  /** Embedding space to rank in; default: the first configured one. */
  spaceId?: string;
  filters?: MatchFilters;
  limit?: number;
  strategy?: RankingStrategy;
  referenceDate?: Date;
  signal?: AbortSignal;
}

export interface MatchDeps {
  jobs: JobService;
  parser: ResumeParser;
  logger?: Logger;
  /** How the profile is embedded; routing passes one that applies its policies and records the call. */
  embed?: (embedder: Embedder, request: EmbedRequest) => Promise<EmbedResult>;
}

/** The most recent role: a current one, else the latest start, else the first listed. */
function latestRole(resume: ParsedResume) {
  const roles = resume.experience.filter((e) => e.title);
  return roles.find((e) => e.current) ?? [...roles].sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))[0] ?? roles[0];
}

export function profileFromResume(resume: ParsedResume): MatchProfile {
  const role = latestRole(resume);
  const recentWork = resume.experience
    .slice(0, 3)
    .flatMap((e) => [e.title, ...e.highlights.slice(0, 3)])
    .filter((s): s is string => Boolean(s));
  return {
    title: role?.title ?? resume.headline,
    skills: resume.skills.map((s) => s.name),
    yearsExperience: resume.totalExperienceMonths / 12,
    location: resume.contact.location,
    summary: [resume.summary, ...recentWork].filter(Boolean).join('\n') || null,
  };
}

function canonicalProfile(profile: MatchProfile): MatchProfile {
  return { ...profile, skills: [...new Set(profile.skills.map((s) => canonicalSkill(s)?.name ?? s))] };
}

/** Ranks jobs for a resume, a profile or resume text; the profile used is returned with the ranking. */
export async function matchJobs(input: MatchInput, deps: MatchDeps, options: MatchOptions = {}): Promise<MatchResult & { profile: MatchProfile }> {
  const { jobs } = deps;
  let profile: MatchProfile;
  if ('profile' in input) profile = input.profile;
  else if ('resume' in input) profile = profileFromResume(input.resume);
  else {
    const { resume } = await parseResume({ text: input.text }, deps.parser, { referenceDate: options.referenceDate, signal: options.signal });
    profile = profileFromResume(resume);
  }
  profile = canonicalProfile(profile);

  const spaceId = options.spaceId ?? [...jobs.embedders.keys()][0] ?? null;
  const strategy = options.strategy ?? 'hybrid';
  const queryText = profileEmbeddingText(profile);
  if (queryText.trim() === '') {
    throw new AppError('invalid_request', 'The profile is empty: give at least a title, some skills or a summary.');
  }

  let queryVector: Float32Array | null = null;
  const warnings: string[] = [];
  if (spaceId && strategy !== 'lexical') {
    // Asking for a space nobody can embed into is the caller's mistake, not a reason to use another space.
    const embedder = jobs.embedderFor(spaceId);
    if (jobs.index.vectors(spaceId)) {
      try {
        const request: EmbedRequest = { texts: [queryText], kind: 'query', signal: options.signal };
        queryVector = (await (deps.embed ? deps.embed(embedder, request) : embedder.embed(request))).vectors[0] ?? null;
      } catch (err) {
        // Embeddings never fall back across spaces: a failed query embedding degrades to lexical ranking.
        deps.logger?.warn({ err, spaceId }, 'query embedding failed; ranking lexically');
        warnings.push(`Embedding the profile in ${spaceId} failed (${(err as Error).message}); ranked lexically.`);
      }
    }
  }

  const result = rankJobs(jobs.index, {
    profile,
    profileOccupation: profile.title ? (normaliseTitle(profile.title)?.code ?? null) : null,
    queryText,
    queryVector,
    spaceId,
    filters: options.filters,
    limit: options.limit ?? 10,
    strategy,
  });
  return { ...result, warnings: [...warnings, ...result.warnings], profile };
}

export interface RoutedMatchDeps {
  jobs: JobService;
  router: Router;
  logger?: Logger;
}

/**
 * matchJobs under migration control: the `match` routing flag picks the embedding space (sticky per user),
 * the profile embedding runs under that provider's policies, a failure degrades to lexical ranking (never to
 * another space), and on a sample the candidate space ranks the same profile in the background so the two
 * rankings can be compared (top-k overlap, Kendall tau). A space named by the caller bypasses routing.
 */
export async function matchJobsRouted(input: MatchInput, deps: RoutedMatchDeps, options: MatchOptions, ctx: RequestContext): Promise<MatchResult & { profile: MatchProfile }> {
  const { router, jobs } = deps;
  const { route, variant } = await router.decide('match', ctx);
  const explicit = options.spaceId !== undefined;
  const served = explicit ? { ...route, cohort: 'control' as const, shadow: null } : route;
  const spaceId = options.spaceId ?? router.embedderOf(route.provider).space.id;
  const embedder = jobs.embedders.get(spaceId);
  const result = await matchJobs(
    input,
    { jobs, parser: router.parserFor(ctx), logger: deps.logger, embed: (e, request) => router.embedWith('match', e, request, ctx, served) },
    { ...options, spaceId },
  );
  router.note(ctx, {
    capability: 'match',
    mode: served.mode,
    provider: embedder?.provider ?? route.provider,
    cohort: served.cohort,
    bucket: route.bucket,
    fallbackFrom: [],
    shadow: null,
    variant: explicit ? 'explicit' : variant,
  });

  const candidate = served.shadow;
  // A candidate space without vectors would rank lexically, agreeing with the control for the wrong reason.
  if (candidate && jobs.index.vectors(router.embedderOf(candidate).space.id) && router.shadow.shouldSample(served.shadowSampleRate, ctx.userId ?? null, 'match')) {
    const candidateEmbedder = router.embedderOf(candidate);
    const shadowCtx: RequestContext = { requestId: ctx.requestId, userId: ctx.userId };
    router.shadow.run({
      requestId: ctx.requestId ?? null,
      capability: 'match',
      control: route.provider,
      candidate,
      timeoutMs: served.shadowTimeoutMs,
      controlValue: result.matches.map((m) => m.job.id),
      execute: async (signal) => {
        const shadowed = await matchJobs(
          { profile: result.profile },
          { jobs, parser: router.parserFor(shadowCtx), embed: (e, request) => router.embedWith('match', e, request, shadowCtx, served, 'shadow') },
          { ...options, spaceId: candidateEmbedder.space.id, signal },
        );
        return shadowed.matches.map((m) => m.job.id);
      },
      compare: (a, b) => compareRankings(a, b, options.limit ?? 10),
    });
  }
  return result;
}
