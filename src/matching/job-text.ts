import type { Job, MatchProfile } from '../domain/index.js';

/**
 * The text that represents a job in an embedding space. Its sha256 is the job's content hash: when it
 * changes, the job's vectors are stale. Title and required skills come first because embedders that read
 * only a prefix (USE lite reads ~320 words) must see what the job is before the company blurb.
 */
export function jobEmbeddingText(job: Pick<Job, 'title' | 'requiredSkills' | 'niceToHaveSkills' | 'description'>): string {
  const skills = [...job.requiredSkills, ...job.niceToHaveSkills].join(', ');
  return [job.title, skills, job.description].filter((s) => s.trim() !== '').join('\n');
}

/** The text that represents a candidate: the same order as a job, so the two read alike. */
export function profileEmbeddingText(profile: Pick<MatchProfile, 'title' | 'skills' | 'summary'>): string {
  return [profile.title ?? '', profile.skills.join(', '), profile.summary ?? ''].filter((s) => s.trim() !== '').join('\n');
}
