import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ParseCache } from '../src/eval/cache.js';
import { runParses } from '../src/eval/compare-run.js';
import { loadDataset } from '../src/eval/dataset.js';
import { compareSummaries, EvalDocumentSchema, parseDocument } from '../src/eval/document.js';
import { storeDocument, writeReportFiles } from '../src/eval/output.js';
import { buildParseComparison } from '../src/eval/parse-comparison.js';
import { buildParsers, estimateParseCost } from '../src/eval/preflight.js';
import { providerSettings } from '../src/providers/settings.js';
import { openDatabase, type Db } from '../src/store/index.js';
import { getEvalReport, listEvalReports } from '../src/store/eval-reports.js';
import { startBedrockEmulator, type BedrockEmulator } from './emulators/bedrock.js';
import { startOpenAiEmulator, type OpenAiEmulator } from './emulators/openai.js';

// As on a developer machine: the SDKs find their credentials in the environment (the AWS default chain, OPENAI_API_KEY).
const AWS = { accessKeyId: 'AKIDEVALTEST', secretAccessKey: 'eval-test-secret' };
process.env.AWS_ACCESS_KEY_ID = AWS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = AWS.secretAccessKey;
process.env.OPENAI_API_KEY = 'sk-test';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_BEARER_TOKEN_BEDROCK;

const REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');

interface Person {
  name: string;
  email: string;
  city: string;
  title: string;
  company: string;
  degree: string;
  institution: string;
  year: number;
  skills: string[];
}

const PEOPLE: Person[] = [
  { name: 'Amelia Hart', email: 'amelia.hart@example.com', city: 'Leeds, United Kingdom', title: 'Data Analyst', company: 'Northwind Traders', degree: 'BSc Mathematics', institution: 'University of York', year: 2016, skills: ['SQL', 'Python', 'Tableau'] },
  { name: 'Rohan Mehta', email: 'rohan.mehta@example.com', city: 'Pune, India', title: 'Backend Engineer', company: 'Contoso Ltd', degree: 'BE Computer Engineering', institution: 'University of Pune', year: 2015, skills: ['Java', 'Spring', 'PostgreSQL'] },
  { name: 'Sofia Lindqvist', email: 'sofia.l@example.com', city: 'Stockholm, Sweden', title: 'Product Designer', company: 'Fabrikam AB', degree: 'MA Interaction Design', institution: 'Umea University', year: 2018, skills: ['Figma', 'User Research', 'Prototyping'] },
  { name: 'Daniel Okafor', email: 'd.okafor@example.com', city: 'Lagos, Nigeria', title: 'DevOps Engineer', company: 'Tailspin Toys', degree: 'BSc Computer Science', institution: 'University of Lagos', year: 2014, skills: ['Docker', 'Kubernetes', 'Terraform'] },
  { name: 'Grace Kim', email: 'grace.kim@example.com', city: 'Toronto, Canada', title: 'Marketing Manager', company: 'Adventure Works', degree: 'BBA Marketing', institution: 'University of Toronto', year: 2012, skills: ['SEO', 'Google Analytics', 'Copywriting'] },
  { name: 'Lucas Moreau', email: 'lucas.moreau@example.com', city: 'Lyon, France', title: 'Machine Learning Engineer', company: 'Wide World Importers', degree: 'MSc Artificial Intelligence', institution: 'University of Lyon', year: 2019, skills: ['Python', 'PyTorch', 'Kubernetes'] },
];

function resumeText(p: Person): string {
  return `${p.name}
${p.city} | ${p.email}

Experience
${p.title}, ${p.company} — Jan 2020 – Present
- Delivered projects end to end

Education
${p.degree}, ${p.institution}, ${p.year}

Skills
${p.skills.join(', ')}
`;
}

const line = (p: Person, i: number) =>
  JSON.stringify({
    id: `t-${i + 1}`,
    text: resumeText(p),
    gold: { name: p.name, email: p.email, location: p.city, skills: p.skills, companies: [p.company], titles: [p.title], degrees: [p.degree], institutions: [p.institution], graduationYears: [String(p.year)] },
  });

// Two malformed lines among six good ones: reported by line number, skipped.
const JSONL = [line(PEOPLE[0]!, 0), '{"id": "broken', line(PEOPLE[1]!, 1), line(PEOPLE[2]!, 2), JSON.stringify({ id: 'no-text', gold: {} }), ...PEOPLE.slice(3).map((p, i) => line(p, i + 3))].join('\n');

describe('comparing local, OpenAI and Bedrock parsers end to end (emulated providers)', () => {
  let openai: OpenAiEmulator;
  let bedrock: BedrockEmulator;
  let dir: string;
  let db: Db;

  before(async () => {
    [openai, bedrock] = await Promise.all([startOpenAiEmulator({ apiKey: 'sk-test' }), startBedrockEmulator({ ...AWS, region: 'us-east-1' })]);
    dir = await mkdtemp(join(tmpdir(), 'jobmatch-eval-compare-'));
    db = await openDatabase({ inMemory: true });
  });
  after(async () => {
    await Promise.all([openai.close(), bedrock.close(), db.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const settings = () => providerSettings({ OPENAI_BASE_URL: openai.url, AWS_REGION: 'us-east-1', BEDROCK_ENDPOINT: bedrock.url });

  it('fails before any work on an unknown provider or missing credentials, with one line', async () => {
    await assert.rejects(buildParsers(['local', 'watson'], settings()), /^AppError: Unknown parser provider "watson"\. Available: local, openai, bedrock\.$/);
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await assert.rejects(buildParsers(['local', 'openai'], settings()), (e: Error) => /OPENAI_API_KEY/.test(e.message) && !e.message.includes('\n'));
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
    assert.equal(openai.requests.length + bedrock.requests.length, 0, 'no provider was called');
  });

  it('runs the same resumes through every provider, reports each side by side, and stores all three formats', async () => {
    const path = join(dir, 'set.jsonl');
    await writeFile(path, JSONL);
    const dataset = await loadDataset(path);
    assert.deepEqual(dataset.issues.map((i) => i.line), [2, 5]);
    assert.equal(dataset.records.length, 6);

    const parsers = await buildParsers(['local', 'openai', 'bedrock'], settings(), process.env, { maxAttempts: 1, timeoutMs: 10_000 });
    const todo = new Map(parsers.map((p) => [p.provider, dataset.records]));
    const estimate = estimateParseCost(todo, parsers, { referenceDate: REFERENCE_DATE });
    assert.equal(estimate.providers.find((p) => p.provider === 'local')?.usd, 0);
    assert.ok(estimate.providers.every((p) => p.priced));
    assert.ok(estimate.totalUsd > 0, 'the two cloud models are priced');

    // First OpenAI answer breaks the schema, its repair hallucinates a value (kept valid, grounded away), and
    // the next request is refused: one repair, one grounding drop, one failure. Sequential, so it is always so.
    openai.setFault([{ kind: 'schema_violation', times: 1 }, { kind: 'hallucination', times: 1 }, { kind: 'http_error', status: 400, times: 1 }]);
    const cache = new ParseCache(join(dir, 'cache'));
    const progress: string[] = [];
    const runs = await runParses({ records: dataset.records, parsers, concurrency: 1, referenceDate: REFERENCE_DATE, cache, onProgress: (p) => progress.push(`${p.provider}:${p.id}`) });
    assert.equal(progress.length, 18);

    const report = buildParseComparison(dataset.records, runs, { dataset: path, referenceDate: REFERENCE_DATE, resamples: 300 });
    const [local, gpt, claude] = report.providers;
    assert.deepEqual(report.providers.map((p) => p.provider), ['local', 'openai', 'bedrock']);
    assert.equal(local?.cost.totalUsd, 0);
    assert.equal(local?.errorRate, 0);
    assert.equal(gpt?.errors.length, 1);
    assert.equal(gpt?.errors[0]?.code, 'invalid_request');
    assert.equal(gpt?.errorRate, 1 / 6);
    assert.equal(gpt?.schemaRepairRate, 1 / 5);
    assert.equal(gpt?.grounding.parsesWithDrops, 1);
    assert.ok((gpt?.grounding.droppedValues ?? 0) >= 1);
    assert.ok((gpt?.cost.perResumeUsd ?? 0) > 0 && (claude?.cost.perResumeUsd ?? 0) > 0, 'cost from reported usage');
    assert.ok((claude?.cost.inputTokens ?? 0) > 0);
    assert.equal(claude?.errorRate, 0);
    for (const p of report.providers) {
      assert.equal(p.fields.name.n, 6);
      assert.ok(p.latencyMs.p50 !== null && p.latencyMs.p99 !== null);
    }
    // The emulators answer with the local parser, so Bedrock agrees with local on every resume.
    const localBedrock = report.pairs.find((p) => p.a === 'local' && p.b === 'bedrock');
    assert.equal(localBedrock?.agreement.n, 6);
    assert.equal(localBedrock?.agreement.overall, 1);
    const micro = localBedrock?.differences.find((d) => d.metric === 'micro');
    assert.equal(micro?.difference, 0);
    assert.equal(micro?.pValue, 1);
    // OpenAI lost one resume entirely: its F1 is lower, and the interval says by how much at most.
    const localOpenai = report.pairs.find((p) => p.a === 'local' && p.b === 'openai');
    const openaiMicro = localOpenai?.differences.find((d) => d.metric === 'micro');
    assert.ok((openaiMicro?.difference ?? 0) < 0);
    assert.ok(openaiMicro?.ci95 && openaiMicro.ci95.low <= (openaiMicro.difference ?? 0) && (openaiMicro.difference ?? 0) <= openaiMicro.ci95.high);
    assert.equal(localOpenai?.agreement.n, 5);

    const doc = parseDocument(report);
    EvalDocumentSchema.parse(doc);
    const files = await writeReportFiles(doc, join(dir, 'out', 'compare'), ['json', 'md', 'html']);
    assert.deepEqual(files, ['json', 'md', 'html'].map((ext) => join(dir, 'out', `compare.${ext}`)));
    const html = await readFile(files[2]!, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok((html.match(/<svg /g) ?? []).length >= 3, 'per-field bars, latency and cost charts');
    assert.doesNotMatch(html, /<script|<link|src="http|href="http/, 'self-contained');
    const md = await readFile(files[1]!, 'utf8');
    assert.match(md, /\| local \| rules \|/);
    assert.match(md, /## openai vs local/);
    assert.deepEqual(EvalDocumentSchema.parse(JSON.parse(await readFile(files[0]!, 'utf8'))), doc);

    await storeDocument(db, doc);
    const listed = await listEvalReports(db);
    assert.deepEqual(listed.map((r) => [r.id, r.kind, r.providers]), [[doc.id, 'parse', ['local', 'openai', 'bedrock']]]);
    assert.deepEqual(EvalDocumentSchema.parse((await getEvalReport(db, doc.id))?.report), doc);

    // A rerun is served from the cache: no provider is called again, and the numbers are the same.
    const before = openai.requests.length + bedrock.requests.length;
    const rerun = await runParses({ records: dataset.records, parsers, concurrency: 4, referenceDate: REFERENCE_DATE, cache });
    assert.equal(openai.requests.length + bedrock.requests.length, before + 1, 'only the failed OpenAI parse is retried');
    const again = buildParseComparison(dataset.records, rerun, { referenceDate: REFERENCE_DATE, resamples: 300 });
    assert.equal(again.providers[2]?.cached, 6);
    assert.equal(again.providers[1]?.cached, 5);
    assert.equal(again.providers[1]?.errors.length, 0);
    const deltas = compareSummaries(doc, parseDocument(again));
    assert.equal(deltas.find((d) => d.name === 'bedrock' && d.metric === 'microF1')?.delta, 0);
    assert.ok((deltas.find((d) => d.name === 'openai' && d.metric === 'errorRate')?.delta ?? 0) < 0);
  });
});
