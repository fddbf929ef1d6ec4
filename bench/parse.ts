/**
 * Parse latency and throughput, end to end through ingest and the local parser: text resumes (the dev set
 * when ../shared is beside the project, else generated ones), and PDF / DOCX resumes generated here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LocalResumeParser } from '../src/providers/local/parser.js';
import { parseResume } from '../src/services/resume.js';
import { resumeAsPlainText, resumeDocx, singleColumnResumePdf, twoColumnResumePdf } from '../test/fixtures/generate.js';
import { row, time } from './stats.js';

const DEV_SET = '../shared/data/resumes/dev.jsonl';

export async function benchParse(): Promise<void> {
  const parser = new LocalResumeParser();
  const encoder = new TextEncoder();
  const texts = existsSync(DEV_SET)
    ? readFileSync(DEV_SET, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text)
    : [resumeAsPlainText()];
  const source = existsSync(DEV_SET) ? `dev set, ${texts.length} resumes` : 'generated resume';
  console.log(`parse (ingest + local parser, one core, sequential) — text from ${source}`);

  const textMs = await time(Math.max(500, texts.length * 2), (i) => parseResume({ bytes: encoder.encode(texts[i % texts.length]!) }, parser));
  const throughput = (1000 * textMs.length) / textMs.reduce((a, b) => a + b, 0);
  console.log(row('text resume', textMs, `${throughput.toFixed(0)} resumes/s`));

  for (const [label, make] of [
    ['2-page PDF, one column', singleColumnResumePdf],
    ['PDF, two columns with sidebar', twoColumnResumePdf],
    ['DOCX', resumeDocx],
  ] as const) {
    const bytes = await make();
    console.log(row(label, await time(100, () => parseResume({ bytes }, parser))));
  }
}
