import MiniSearch from 'minisearch';
import type { Job } from '../domain/index.js';

interface LexicalDoc {
  id: string;
  title: string;
  skills: string;
  description: string;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/** Words that carry no signal in a resume-vs-posting comparison but are frequent in both. */
const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it of on or our the to we with you your will work team experience years year'.split(' '),
);

/**
 * BM25 (MiniSearch's BM25+) over title, skills and description. The lexical half of hybrid ranking and
 * the fallback when a space has no vectors. Title and skills are boosted: a posting that names the
 * candidate's occupation and skills is more relevant than one that mentions them once in passing.
 */
export class LexicalIndex {
  private readonly search_ = new MiniSearch<LexicalDoc>({
    fields: ['title', 'skills', 'description'],
    processTerm: (term) => {
      const t = term.toLowerCase();
      return t.length < 2 || STOPWORDS.has(t) ? null : t;
    },
    searchOptions: { boost: { title: 3, skills: 2 }, combineWith: 'OR' },
  });

  get size(): number {
    return this.search_.documentCount;
  }

  upsert(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (this.search_.has(job.id)) this.search_.discard(job.id);
      this.search_.add({
        id: job.id,
        title: job.title,
        skills: [...job.requiredSkills, ...job.niceToHaveSkills].join(' '),
        description: job.description,
      });
    }
  }

  remove(id: string): void {
    if (this.search_.has(id)) this.search_.discard(id);
  }

  /** Top `limit` jobs for a free-text query, best first. */
  query(text: string, limit: number): LexicalHit[] {
    if (!text.trim()) return [];
    return this.search_
      .search(text)
      .slice(0, limit)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }
}
