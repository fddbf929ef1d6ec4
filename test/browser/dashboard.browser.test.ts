import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { startOpenAiEmulator, type OpenAiEmulator } from '../emulators/openai.js';
import { PERSON, resumeAsPlainText, singleColumnResumePdf } from '../fixtures/generate.js';
import { saveEvalReport } from '../../src/store/eval-reports.js';
import { startTestServer } from '../helpers/server.js';

/**
 * The web console in a real headless Chromium against the real server: the sample jobs (so matches exist), an
 * admin token, and OpenAI through its emulator so parsing has a candidate to roll out and to compare with.
 * Run by scripts/run-browser-tests.mjs, which sets JOBMATCH_BROWSER_TESTS; skipped anywhere else.
 */

const ADMIN_TOKEN = 'browser-test-admin-token-0123';
const SCREENSHOTS = 'test-artifacts/screenshots';
const enabled = process.env.JOBMATCH_BROWSER_TESTS === '1';

/** A page that records console errors and uncaught exceptions; `check()` asserts there were none. */
interface WatchedPage {
  page: Page;
  check(): Promise<void>;
}

describe('web console in a browser', { skip: enabled ? false : 'run with `npm run test:browser`' }, () => {
  let browser: Browser;
  let emulator: OpenAiEmulator;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const savedKey = process.env.OPENAI_API_KEY;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startOpenAiEmulator({ apiKey: 'sk-test' });
    process.env.OPENAI_API_KEY = 'sk-test';
    server = await startTestServer({
      ADMIN_TOKEN,
      JOBMATCH_SAMPLE_JOBS: 'true',
      OPENAI_BASE_URL: emulator.url,
      // No background guard ticks: what the page shows is what the test did.
      JOBMATCH_GUARD: 'false',
    });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
    if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = savedKey;
  });

  /**
   * `expected404` names API paths a page may call that legitimately answer 404 (Chromium logs every failed
   * fetch as a console error): the eval report storage is optional.
   */
  async function open(path: string, expected404: readonly string[] = []): Promise<WatchedPage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error') return;
      const url = msg.location().url ?? '';
      if (/status of 404/.test(msg.text()) && expected404.some((p) => url.endsWith(p))) return;
      problems.push(`console: ${msg.text()} (${url})`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.goto(`${server.url}${path}`);
    return {
      page,
      async check() {
        await page.close();
        assert.deepEqual(problems, [], 'the page logged errors');
      },
    };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  const adminRouting = async () => {
    const res = await fetch(`${server.url}/api/admin/routing`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 200);
    return ((await res.json()) as { data: { version: number; config: Record<string, { mode: string; candidate: string | null; rolloutPercent: number }> } }).data;
  };

  it('serves the shell and assets from src/web with a strict CSP', async () => {
    for (const path of ['/', '/dashboard', '/live', '/playground', '/reports']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(await res.text(), /<script type="module" src="\/web\/main.js">/);
    }
    const js = await fetch(`${server.url}/web/main.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    const css = await fetch(`${server.url}/web/app.css`);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    // No way out of src/web, and no files it doesn't have.
    assert.equal((await fetch(`${server.url}/web/..%2Fpackage.json`)).status, 404);
    assert.equal((await fetch(`${server.url}/web/missing.js`)).status, 404);
  });

  it('playground: a text file is parsed, its values highlighted, jobs ranked and two providers compared', async () => {
    const { page, check } = await open('/playground');
    await page.getByLabel('Resume file (PDF, DOCX, text or Markdown)').setInputFiles({
      name: 'resume.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(resumeAsPlainText()),
    });
    // Text files are read in the browser, so the text is there to highlight.
    // (Browser-side code as strings: this project's TypeScript has no DOM types.)
    await page.waitForFunction("document.querySelector('textarea').value.length > 100");
    await page.getByRole('button', { name: 'Parse resume' }).click();

    const fields = page.locator('dl.fields');
    await fields.waitFor();
    assert.match(await fields.innerText(), new RegExp(PERSON.name));
    assert.match(await fields.innerText(), /TypeScript/);
    const marked = await page.locator('pre.resume-text mark').allInnerTexts();
    assert.ok(marked.includes(PERSON.name), `marks: ${marked.join(' | ')}`);
    assert.ok(marked.includes(PERSON.email));

    await page.getByRole('button', { name: 'Find matching jobs' }).click();
    const matches = page.locator('ol.match-list > li');
    await matches.first().waitFor();
    assert.equal(await matches.count(), 5);
    assert.ok((await matches.first().locator('ul.reasons li').count()) > 0, 'a match explains itself');

    await page.getByLabel('First provider').selectOption('local');
    await page.getByLabel('Second provider').selectOption('openai');
    await page.getByRole('button', { name: 'Compare' }).click();
    const table = page.locator('table.side-by-side');
    await table.waitFor();
    assert.match(await table.locator('thead').innerText(), /local[\s\S]*openai/);
    assert.match(await table.locator('tbody tr', { hasText: 'Name' }).innerText(), new RegExp(`${PERSON.name}[\\s\\S]*${PERSON.name}`));
    await shot(page, 'playground');
    await check();
  });

  it('playground: a PDF is uploaded as is and its fields shown', async () => {
    const { page, check } = await open('/playground');
    await page.getByLabel('Resume file (PDF, DOCX, text or Markdown)').setInputFiles({
      name: 'resume.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await singleColumnResumePdf()),
    });
    await page.getByRole('button', { name: 'Parse resume' }).click();
    await page.locator('dl.fields').waitFor();
    assert.match(await page.locator('dl.fields').innerText(), new RegExp(PERSON.name));
    assert.match(await page.locator('p.meta').first().innerText(), /from pdf/);
    assert.equal(await page.locator('pre.resume-text').count(), 0, 'no text to highlight for an uploaded PDF');
    assert.ok(await page.getByRole('button', { name: 'Compare' }).isDisabled());
    await check();
  });

  it('migration control: the admin sets a canary, starts a guarded rollout and pulls the kill switch', async () => {
    const { page, check } = await open('/dashboard');
    // Keyboard first: the skip link is the first stop.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');

    await page.getByLabel('ADMIN_TOKEN of this server').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    const parse = page.locator('section.capability[data-capability="parse"]');
    await parse.waitFor();
    assert.equal(await page.evaluate("sessionStorage.getItem('jobmatch.adminToken')"), ADMIN_TOKEN);
    assert.equal(await page.evaluate('localStorage.length'), 0, 'the token is never kept beyond the tab');

    await parse.getByLabel('Mode').selectOption('canary');
    await parse.getByLabel('Candidate provider').fill('openai');
    await parse.getByLabel('Rollout percentage').fill('25');
    await parse.getByLabel('Reason').fill('browser test canary');
    await parse.getByRole('button', { name: 'Save parse routing' }).click();
    await page.getByText('parse routing saved: canary, 25 %').waitFor();
    const canary = await adminRouting();
    assert.deepEqual([canary.config.parse?.mode, canary.config.parse?.candidate, canary.config.parse?.rolloutPercent], ['canary', 'openai', 25]);

    await parse.getByRole('button', { name: 'Start guarded rollout of openai' }).click();
    await parse.locator('progress').waitFor();
    assert.match(await parse.locator('.rollout').innerText(), /running[\s\S]*step 1 of 6/);
    assert.equal((await adminRouting()).config.parse?.rolloutPercent, 1, 'the guard moved routing to its first step');
    await shot(page, 'migration-control');

    await parse.getByRole('button', { name: 'Kill switch: parse…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back parse?' });
    await dialog.waitFor();
    await shot(page, 'kill-switch-dialog');
    await dialog.getByLabel('Reason (kept in the audit log)').fill('browser test kill switch');
    await dialog.getByRole('button', { name: 'Roll back now' }).click();
    await page.getByText('Rolled back parse: control provider, 0 %.').waitFor();

    const killed = await adminRouting();
    assert.deepEqual([killed.config.parse?.mode, killed.config.parse?.rolloutPercent], ['control', 0]);
    await parse.locator('.status-aborted').waitFor();
    assert.match(await page.locator('table.audit').innerText(), /rollback[\s\S]*browser test kill switch/);
    await check();
  });

  it('live metrics: charts per provider with the SLO targets drawn, fed by the calls above', async () => {
    const { page, check } = await open('/live');
    const parseLocal = page.locator('section.series-group', { hasText: 'parse · local' });
    await parseLocal.waitFor();
    assert.ok((await parseLocal.locator('svg.chart rect.bar').count()) > 0, 'requests per minute drawn as bars');
    assert.ok((await parseLocal.locator('svg.chart path.line').count()) > 0, 'error rate and latency drawn as lines');
    assert.equal(await parseLocal.locator('svg.chart .target line').count(), 2, 'error-rate and p95 targets');
    // Every chart carries its numbers as a table for screen readers.
    assert.equal(await parseLocal.locator('figure .visually-hidden table').count(), 3);

    const row = page.locator('tr[data-capability="parse"][data-provider="local"][data-cohort="control"]');
    const requests = Number((await row.locator('td').nth(2).innerText()).replace(/,/g, ''));
    assert.ok(requests >= 2, `parse/local/control requests: ${requests}`);

    await page.getByRole('button', { name: 'Pause updates' }).click();
    assert.equal(await page.getByRole('button', { name: 'Resume updates' }).getAttribute('aria-pressed'), 'true');
    await shot(page, 'metrics');
    await check();
  });

  it('reports: says how to make one while none are stored', async () => {
    const { page, check } = await open('/reports', ['/api/eval/reports']);
    await page.getByText('No reports yet').waitFor();
    assert.match(await page.locator('.empty').innerText(), /jobmatch eval --providers/);
    await shot(page, 'reports-empty');
    await check();
  });

  it('reports: lists stored reports with their headline metric', async (t) => {
    if ((await fetch(`${server.url}/api/eval/reports`)).status === 404) {
      t.skip('this server has no /api/eval/reports (registerEvalRoutes not wired in app.ts)');
      return;
    }
    // The list reads only the stored summary columns, so a summary is all this row needs.
    await saveEvalReport(server.services.db, {
      id: 'parse-20261124T101500Z-abc123',
      createdAt: '2026-11-24T10:15:00Z',
      kind: 'parse',
      providers: ['local', 'openai'],
      versions: {},
      summary: [
        { name: 'local', metrics: { microF1: 0.82 } },
        { name: 'openai', metrics: { microF1: 0.9 } },
      ],
      report: {},
    });
    const { page, check } = await open('/reports');
    const row = page.locator('tr', { hasText: 'parse-20261124T101500Z-abc123' });
    await row.waitFor();
    assert.match(await row.innerText(), /local, openai[\s\S]*F1: local 82\.0 %, openai 90\.0 %/);
    await shot(page, 'reports');
    await check();
  });

  it('overview links every page', async () => {
    const { page, check } = await open('/');
    await page.getByText(/^Server /).waitFor();
    for (const name of ['Migration control', 'Live metrics', 'Playground', 'Evaluation reports']) {
      assert.equal(await page.getByRole('main').getByRole('link', { name }).count(), 1, name);
    }
    await shot(page, 'overview');
    await check();
  });
});
