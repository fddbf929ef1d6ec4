import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { classifyMisses, isProse, summariseMisses, type TextSection } from '../src/eval/misses.js';
import { runCli } from './helpers/cli.js';

const SECTIONS: TextSection[] = [
  { kind: 'header', lines: ['Jane Roe', 'Paralegal'] },
  { kind: 'summary', lines: ['Currently employed with Harbor Legal Aid as a paralegal supporting tenants in housing court.'] },
  { kind: 'experience', lines: ['Paralegal Volunteer, Harbor Legal Aid, 2021 – present', 'Intake Clerk, City Court of', 'Springfield, 2019 – 2021'] },
  { kind: 'references', lines: ['John Doe, Managing Attorney, Doe & Partners'] },
];

describe('eval misses: where a missed gold value stands', () => {
  it('tells parser errors from labelling conventions', () => {
    const gold = ['Paralegal Volunteer', 'Volunteer', 'Intake Clerk', 'Managing Attorney', 'Housing Advocate', 'City Court of Springfield', 'Court Clerk Lead'];
    const missed = gold.slice(1);
    assert.deepEqual(classifyMisses('titles', { gold, missed }, SECTIONS), [
      'repeats-gold', // one role, labelled twice; the found "Paralegal Volunteer" already earned it
      'own-section', // an experience line the parser should have read
      'other-section', // a referee's title
      'not-in-text',
      'across-lines',
      'not-in-text', // every word occurs, but not in that order
    ]);
  });

  it('counts a value that only a sentence holds as prose', () => {
    const classes = classifyMisses('companies', { gold: ['Legal Aid Society'], missed: ['Legal Aid Society'] }, [
      { kind: 'experience', lines: ['Coordinated intake for Legal Aid Society and two partner clinics across the county.'] },
    ]);
    assert.deepEqual(classes, ['in-prose']);
    assert.equal(isProse('Lecturer, The Johns Hopkins University, Baltimore, MD, 1984 to 1996'), false);
  });

  it('bounds recall by what a structural parser can reach', () => {
    const s = summariseMisses([
      { found: 3, gold: 5, classes: ['own-section', 'in-prose'] },
      { found: 1, gold: 3, classes: ['across-lines', 'repeats-gold'] },
    ]);
    assert.equal(s.recall, 4 / 8);
    assert.equal(s.ceiling, 6 / 8);
    assert.equal(s.classes['in-prose'], 1);
  });
});

describe('jobmatch eval misses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobmatch-misses-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a --per-record report back against its dataset', async () => {
    const dataset = join(dir, 'set.jsonl');
    const text = [
      'Jane Roe',
      'jane.roe@example.com',
      '',
      'EXPERIENCE',
      'Paralegal, Harbor Legal Aid, Boston, MA, 2021 – present',
      '',
      'REFERENCES',
      'John Doe, Managing Attorney, Doe & Partners',
    ].join('\n');
    const gold = { name: 'Jane Roe', titles: ['Paralegal', 'Managing Attorney'], companies: ['Harbor Legal Aid'] };
    writeFileSync(dataset, `${JSON.stringify({ id: 'r-1', text, gold })}\n`);
    const out = join(dir, 'report');
    const run = await runCli('eval', '--dataset', dataset, '--provider', 'local', '--per-record', '--no-store', '--no-cache', '--formats', 'json', '--reference-date', '2026-01-01', '--out', out);
    assert.equal(run.exitCode, 0, run.stderr);

    const misses = await runCli('eval', 'misses', `${out}.json`, '--dataset', dataset, '--json');
    const summary = JSON.parse(misses.stdout) as { provider: string; fields: Record<string, { gold: number; found: number; classes: Record<string, number>; ceiling: number }> };
    assert.equal(summary.provider, 'local');
    assert.deepEqual(summary.fields.titles, {
      gold: 2,
      found: 1,
      classes: { 'repeats-gold': 0, 'not-in-text': 0, 'across-lines': 0, 'own-section': 0, 'in-prose': 0, 'other-section': 1 },
      recall: 0.5,
      ceiling: 0.5,
    });
    assert.equal(summary.fields.companies?.found, 1);
  });

  it('asks for a report with per-resume outcomes', async () => {
    const dataset = join(dir, 'set.jsonl');
    const out = join(dir, 'plain');
    await runCli('eval', '--dataset', dataset, '--provider', 'local', '--no-store', '--no-cache', '--formats', 'json', '--out', out);
    await assert.rejects(runCli('eval', 'misses', `${out}.json`, '--dataset', dataset), /--per-record/);
  });
});
