import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { AppError, ZERO_USAGE } from '../src/domain/index.js';
import type { ParseRequest, ParseResult, ParsedResume, ResumeParser } from '../src/domain/index.js';
import { loadDataset, parseDataset } from '../src/eval/dataset.js';
import type { EvalRecord, GoldFields } from '../src/eval/dataset.js';
import { EvalReportSchema, formatReportTable } from '../src/eval/report.js';
import { runEvaluation } from '../src/eval/run.js';
import { FIELDS } from '../src/eval/score.js';

function emptyResume(): ParsedResume {
  return {
    contact: { name: null, emails: [], phones: [], location: null, links: [] },
    headline: null,
    summary: null,
    skills: [],
    experience: [],
    education: [],
    certifications: [],
    languages: [],
    totalExperienceMonths: 0,
    meta: { provider: 'fake', model: 'echo', version: '1', durationMs: 0, referenceDate: '2024-01-01', language: 'en', warnings: [] },
  };
}

/** A resume holding exactly the gold values: what a perfect parser would return. */
function resumeFromGold(gold: GoldFields): ParsedResume {
  const resume = emptyResume();
  const { companies, titles, degrees, institutions, graduationYears } = gold;
  resume.contact = {
    name: gold.name,
    emails: gold.email === null ? [] : [gold.email],
    phones: gold.phone === null ? [] : [gold.phone],
    location: gold.location,
    links: [],
  };
  resume.skills = gold.skills.map((s) => ({ name: s, surface: s, category: 'test' }));
  const years = graduationYears.filter((y) => /^\d{4}$/.test(y)).map(Number);
  for (let i = 0; i < Math.max(companies.length, titles.length); i++) {
    resume.experience.push({
      title: titles[i] ?? null, company: companies[i] ?? null, location: null,
      start: null, end: null, current: false, description: null, highlights: [],
    });
  }
  for (let i = 0; i < Math.max(degrees.length, institutions.length, years.length); i++) {
    resume.education.push({
      degree: degrees[i] ?? null, degreeLevel: null, field: null,
      institution: institutions[i] ?? null, graduationYear: years[i] ?? null,
    });
  }
  return resume;
}

/**
 * A deterministic parser for the tests: resumes are looked up by text; "SCANNED" fails the way a real
 * parser reports a PDF without a text layer, "BOOM" with a plain Error. Records the requests it saw and
 * the most parses it had in flight at once.
 */
class FakeParser implements ResumeParser {
  readonly provider = 'fake';
  readonly model = 'echo';
  readonly requests: ParseRequest[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(private readonly resumes: ReadonlyMap<string, ParsedResume>) {}

  async parse(request: ParseRequest): Promise<ParseResult> {
    this.requests.push(request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await tick();
      if (request.text === 'SCANNED') throw new AppError('no_text_layer', 'the PDF has no text layer');
      if (request.text === 'BOOM') throw new Error('parser bug');
      return { resume: this.resumes.get(request.text) ?? emptyResume(), usage: ZERO_USAGE };
    } finally {
      this.inFlight--;
    }
  }
}

const line = (record: { id: string; text: string; gold: Partial<Record<keyof GoldFields, unknown>> }) =>
  JSON.stringify(record);

const JSONL = [
  line({ id: 'r1', text: 'resume one', gold: { name: 'Jane Doe', email: 'jane@x.example', companies: ['Acme Ltd', 'Globex'], titles: ['Engineer'] } }),
  '',
  '{"id": "r2", "text": "broken',
  line({ id: 'r3', text: 'SCANNED', gold: { name: 'John Roe', skills: ['Python'] } }),
  line({ id: 'r4', text: 'resume four', gold: { name: 'Ann Lee', skills: 'Python' } }),
  line({ id: 'r1', text: 'again', gold: {} }),
  line({ id: 'r5', text: 'resume five', gold: { name: 'Bo Chen', location: 'Oslo', graduationYears: [2012, '2123-456789'] } }),
  line({ id: 'r6', text: 'BOOM', gold: { name: 'Cy Dunn' } }),
].join('\n');

describe('parseDataset', () => {
  it('keeps valid records and reports bad lines with their line numbers', () => {
    const { records, issues } = parseDataset(JSONL);
    assert.deepEqual(records.map((r) => r.id), ['r1', 'r3', 'r5', 'r6']);
    assert.deepEqual(issues.map((i) => i.line), [3, 5, 6]);
    assert.match(issues[0]?.message ?? '', /not valid JSON/);
    assert.match(issues[1]?.message ?? '', /^gold\.skills: /);
    assert.match(issues[2]?.message ?? '', /duplicate id "r1"/);
  });

  it('treats missing gold keys as unlabelled and reads numeric years as strings', () => {
    const r5 = parseDataset(JSONL).records.find((r) => r.id === 'r5');
    assert.deepEqual(r5?.gold, {
      name: 'Bo Chen', email: null, phone: null, location: 'Oslo',
      skills: [], companies: [], titles: [], degrees: [], institutions: [], graduationYears: ['2012', '2123-456789'],
    });
  });

  it('loads from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobmatch-eval-'));
    try {
      const path = join(dir, 'set.jsonl');
      await writeFile(path, `\uFEFF${JSONL}\n`);
      const { records, issues } = await loadDataset(path);
      assert.equal(records.length, 4);
      assert.equal(issues.length, 3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('runEvaluation', () => {
  const records: EvalRecord[] = parseDataset(JSONL).records;
  const r1 = resumeFromGold(records[0]!.gold);
  r1.experience.push({ ...r1.experience[0]!, company: 'Hooli' }); // one spurious company
  const r5 = resumeFromGold(records[2]!.gold);
  r5.contact.location = 'Bergen';
  const resumes = new Map([['resume one', r1], ['resume five', r5]]);

  it('scores each record, counts failed parses as errors and as misses', async () => {
    const parser = new FakeParser(resumes);
    const progress: number[] = [];
    const report = await runEvaluation({
      records, parser, concurrency: 2, dataset: 'tiny.jsonl', referenceDate: new Date('2024-06-30T00:00:00Z'),
      onProgress: (p) => progress.push(p.done),
    });

    assert.doesNotThrow(() => EvalReportSchema.parse(report));
    assert.equal(report.n, 4);
    assert.equal(report.dataset, 'tiny.jsonl');
    assert.equal(report.referenceDate, '2024-06-30T00:00:00.000Z');
    assert.deepEqual(report.errors, [
      { id: 'r3', code: 'no_text_layer', message: 'the PDF has no text layer' },
      { id: 'r6', code: 'internal_error', message: 'parser bug' },
    ]);
    // name: r1 and r5 right, r3 and r6 failed → 2 of 4.
    assert.deepEqual(pick(report.fields.name), { n: 4, tp: 2, fp: 0, fn: 2 });
    assert.deepEqual(pick(report.fields.companies), { n: 1, tp: 2, fp: 1, fn: 0 });
    assert.deepEqual(pick(report.fields.skills), { n: 1, tp: 0, fp: 0, fn: 1 });
    assert.deepEqual(pick(report.fields.location), { n: 1, tp: 0, fp: 1, fn: 1 });
    assert.deepEqual(pick(report.fields.graduationYears), { n: 1, tp: 1, fp: 0, fn: 0 });
    assert.equal(report.fields.phone.n, 0);
    assert.equal(report.fields.phone.recall, null);
    // tp 2+1(email)+2+1(title)+1(year) = 7; fp 1+1 = 2; fn 2+1+1 = 4
    assert.deepEqual(pick(report.micro), { tp: 7, fp: 2, fn: 4 });
    assert.equal(report.micro.recall, 7 / 11);

    assert.deepEqual(progress, [1, 2, 3, 4]);
    assert.equal(parser.maxInFlight, 2);
    assert.ok(parser.requests.every((r) => r.referenceDate?.toISOString() === '2024-06-30T00:00:00.000Z'));
    assert.notEqual(report.latencyMs.p50, null);
    assert.equal(report.perRecord, undefined);
  });

  it('lists per-record misses when asked', async () => {
    const report = await runEvaluation({ records, parser: new FakeParser(resumes), perRecord: true });
    const byId = new Map(report.perRecord?.map((r) => [r.id, r]));
    assert.deepEqual(byId.get('r1')?.fields.companies?.unexpected, ['Hooli']);
    assert.deepEqual(byId.get('r5')?.fields.location, { tp: 0, fp: 1, fn: 1, missed: ['Oslo'], unexpected: ['Bergen'] });
    assert.equal(byId.get('r3')?.error, 'no_text_layer');
    assert.equal(byId.get('r3')?.latencyMs, null);
  });

  it('rejects a concurrency that is not a positive integer', async () => {
    await assert.rejects(runEvaluation({ records, parser: new FakeParser(resumes), concurrency: 0 }), /concurrency/);
  });

  it('formats a readable table', async () => {
    const report = await runEvaluation({ records, parser: new FakeParser(resumes), dataset: 'tiny.jsonl' });
    const table = formatReportTable(report);
    assert.match(table, /^fake \/ echo on tiny\.jsonl: 4 resumes/);
    assert.match(table, /^name\s+4\s+100\.0\s+50\.0\s+66\.7$/m);
    assert.match(table, /^phone\s+0\s+—\s+—\s+—$/m);
    assert.match(table, /^micro average\s+77\.8\s+63\.6\s+70\.0$/m);
    assert.match(table, /^errors\s+2 \(no_text_layer ×1, internal_error ×1\)$/m);
    assert.match(table, /^latency ms\s+p50 \d/m);
  });
});

const DEV_SET = join(import.meta.dirname, '../../shared/data/resumes/dev.jsonl');

describe('the dev set', { skip: !existsSync(DEV_SET) && 'dev set not present' }, () => {
  it('loads cleanly, and a parser that returns the gold scores 100% on every labelled field', async () => {
    const { records, issues } = await loadDataset(DEV_SET);
    assert.equal(records.length, 226);
    assert.deepEqual(issues, []);
    const echo = new FakeParser(new Map(records.map((r) => [r.text, resumeFromGold(r.gold)])));
    const report = await runEvaluation({ records, parser: echo });
    for (const field of FIELDS) {
      const f = report.fields[field];
      if (f.n === 0) continue;
      assert.deepEqual({ field, recall: f.recall, precision: f.precision }, { field, recall: 1, precision: 1 });
    }
  });
});

function pick(m: { n?: number; tp: number; fp: number; fn: number }) {
  return m.n === undefined ? { tp: m.tp, fp: m.fp, fn: m.fn } : { n: m.n, tp: m.tp, fp: m.fp, fn: m.fn };
}
