import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, type ErrorCode } from '../src/domain/errors.js';
import { ingest } from '../src/ingest/index.js';
import { pageReadingOrder, type PositionedText } from '../src/ingest/layout.js';
import {
  FIXTURES,
  INJECTION_LINE,
  PERSON,
  ROLES,
  manyPagesPdf,
  oversizedPdf,
  randomBytes,
  resumeDocx,
  singleColumnResumePdf,
  twoColumnResumePdf,
  type FixtureExpectation,
} from './fixtures/generate.js';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<AppError> {
  let caught: unknown;
  await promise.catch((error: unknown) => (caught = error));
  assert.ok(caught instanceof AppError, `expected AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** Non-empty lines, trimmed: what "contiguous" is measured on (blank lines between blocks are fine). */
function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

function indexOfLine(all: string[], predicate: (line: string, index: number) => boolean, what: string): number {
  const i = all.findIndex(predicate);
  assert.ok(i >= 0, `line not found: ${what}\n---\n${all.join('\n')}`);
  return i;
}

describe('ingest: every fixture lands on its format or its error code', () => {
  for (const [name, fixture] of Object.entries(FIXTURES)) {
    const expected: FixtureExpectation = fixture.expected;
    it(name, async () => {
      const bytes = await fixture.generate();
      if (expected.error) {
        await rejectsWith(ingest(bytes), expected.error);
        return;
      }
      const doc = await ingest(bytes);
      assert.equal(doc.format, expected.format);
      assert.equal(doc.pages, expected.pages);
      assert.deepEqual(doc.warnings, []);
      const facts = expected.facts!;
      for (const value of [facts.name, facts.email, facts.phone, ...facts.titles, ...facts.companies, ...facts.institutions]) {
        assert.ok(doc.text.includes(value), `${name}: missing "${value}"`);
      }
    });
  }
});

describe('ingest: PDF reading order', () => {
  it('reads a sidebar resume column by column, never interleaving the sidebar with experience', async () => {
    const { text } = await ingest(await twoColumnResumePdf());
    const all = lines(text);

    // The sidebar's skills are one run of lines right under their heading.
    const skillsAt = indexOfLine(all, (l) => l === 'SKILLS', 'SKILLS heading');
    assert.deepEqual(all.slice(skillsAt + 1, skillsAt + 1 + PERSON.skills.length), [...PERSON.skills]);

    // Each role reads title, company line, then its bullets, with nothing from the sidebar in between.
    const sidebarLines = new Set<string>([...PERSON.skills, ...PERSON.languages.map((l) => `${l.name} – ${l.level}`), PERSON.email, PERSON.phone]);
    // (The headline repeats the first title, so a role starts where its company line follows its title.)
    const roleStart = (role: (typeof ROLES)[number]) =>
      indexOfLine(all, (l, i) => l === role.title && all[i + 1]!.startsWith(role.company), `${role.title} + ${role.company}`);
    for (const [i, role] of ROLES.entries()) {
      const start = roleStart(role);
      const next = ROLES[i + 1];
      const end = next ? roleStart(next) : indexOfLine(all, (l) => l === 'EDUCATION', 'EDUCATION');
      const body = all.slice(start + 2, end);
      assert.ok(body.every((l) => !sidebarLines.has(l)), `sidebar text inside "${role.title}":\n${body.join('\n')}`);
      assert.equal(body.filter((l) => l.startsWith('• ')).length, role.highlights.length);
      const joined = body.join(' ').replace(/\s+/g, ' ');
      for (const h of role.highlights) assert.ok(joined.includes(h), `highlight of "${role.title}": ${h}`);
    }

    // The whole sidebar comes before the whole main column (it is on the left).
    const lastSidebar = Math.max(...[...sidebarLines].map((s) => all.indexOf(s)));
    assert.ok(lastSidebar < all.indexOf(PERSON.name), 'sidebar block precedes the main column');
  });

  it('keeps a right-aligned date on the line of its title in a single-column resume', async () => {
    const doc = await ingest(await singleColumnResumePdf());
    for (const role of ROLES) assert.ok(lines(doc.text).includes(`${role.title}, ${role.company} ${role.dates}`), role.title);
    assert.ok(doc.text.includes('\n\nEXPERIENCE\n'), 'section headings start a block');
  });

  it('leaves the caller’s buffer usable (pdf.js would otherwise detach it)', async () => {
    const bytes = await singleColumnResumePdf();
    const length = bytes.byteLength;
    await ingest(bytes);
    assert.equal(bytes.byteLength, length);
  });

  it('honours maxPages both ways', async () => {
    const long = await manyPagesPdf(25);
    const doc = await ingest(long, { maxPages: 30 });
    assert.equal(doc.pages, 25);
    await rejectsWith(ingest(await singleColumnResumePdf(), { maxPages: 1 }), 'too_many_pages', /2 pages/);
  });
});

describe('ingest: layout of positioned text', () => {
  const run = (text: string, x: number, y: number, fontSize = 10): PositionedText => ({
    text,
    x,
    y,
    fontSize,
    width: text.length * fontSize * 0.5,
  });

  it('splits a full-width header from the two columns under it', () => {
    const items = [run('Jane Example — Data Engineer — jane@example.com — +1 555 010 0100', 40, 40, 12)];
    for (let i = 0; i < 5; i++) items.push(run(`Side ${i}`, 40, 80 + i * 13));
    for (let i = 0; i < 8; i++) items.push(run(`Main line number ${i}`, 250, 82 + i * 14));
    const out = pageReadingOrder(items);
    const nonEmpty = out.filter((l) => l !== '');
    assert.equal(nonEmpty[0], 'Jane Example — Data Engineer — jane@example.com — +1 555 010 0100');
    assert.deepEqual(nonEmpty.slice(1, 6), ['Side 0', 'Side 1', 'Side 2', 'Side 3', 'Side 4']);
    assert.deepEqual(nonEmpty.slice(6), Array.from({ length: 8 }, (_, i) => `Main line number ${i}`));
  });

  it('reads aligned rows of a table across, not down', () => {
    const rows = [
      ['BSc Computer Science, University of Leeds', '2013 – 2016'],
      ['A-levels, Leeds Grammar School', '2011 – 2013'],
      ['GCSEs, Leeds Grammar School', '2006 – 2011'],
    ] as const;
    const items = rows.flatMap(([left, right], i) => [run(left, 40, 100 + i * 14), run(right, 480, 100 + i * 14)]);
    assert.deepEqual(pageReadingOrder(items), rows.map(([l, r]) => `${l} ${r}`));
  });

  it('keeps right-aligned dates with their titles even when the bullets stop short of them', () => {
    // A header with the name on the left and contact lines on the right, then roles with dates on the right.
    const items = [run('Jane Example', 40, 50, 22), run('Data Engineer', 40, 72, 12)];
    items.push(run('jane@example.com', 420, 40, 9), run('+44 7700 900123', 420, 52, 9), run('Leeds, UK', 420, 64, 9));
    const expected: string[] = [];
    let y = 110;
    for (let r = 0; r < 3; r++) {
      items.push(run(`Engineer ${r}, Company ${r}`, 40, y, 11), run(`201${r} – 201${r + 1}`, 500, y));
      expected.push(`Engineer ${r}, Company ${r} 201${r} – 201${r + 1}`);
      y += 15;
      for (let b = 0; b < 3; b++, y += 14) {
        items.push(run(`• short bullet ${r}.${b}`, 50, y));
        expected.push(`• short bullet ${r}.${b}`);
      }
      y += 8;
    }
    const out = pageReadingOrder(items).filter((l) => l !== '');
    assert.deepEqual(out.slice(0, 5), ['Jane Example', 'Data Engineer', 'jane@example.com', '+44 7700 900123', 'Leeds, UK']);
    assert.deepEqual(out.slice(5), expected);
  });

  it('keeps timeline dates in the left margin with their roles', () => {
    const items: PositionedText[] = [];
    for (let r = 0; r < 3; r++) {
      const y = 60 + r * 65;
      items.push(run(`201${r} – 201${r + 1}`, 40, y, 9), run(`Role ${r} at Company ${r}`, 130, y, 11));
      for (let b = 0; b < 3; b++) items.push(run(`• bullet ${r}.${b} with a few more words`, 130, y + 15 + b * 14));
    }
    const out = pageReadingOrder(items).filter((l) => l !== '');
    assert.deepEqual(out.slice(0, 2), ['2010 – 2011 Role 0 at Company 0', '• bullet 0.0 with a few more words']);
    assert.equal(out.length, 12);
  });

  it('reads a sidebar set on the same line grid as the main column as a column', () => {
    const items: PositionedText[] = [];
    for (let i = 0; i < 6; i++) items.push(run(`Skill ${i}`, 40, 60 + i * 14));
    for (let i = 0; i < 12; i++) items.push(run(`Experience line ${i} with words`, 200, 60 + i * 14));
    const out = pageReadingOrder(items).filter((l) => l !== '');
    assert.deepEqual(out.slice(0, 6), Array.from({ length: 6 }, (_, i) => `Skill ${i}`));
  });

  it('joins runs on one baseline with a space only where there is a gap', () => {
    const items = [run('Kube', 40, 100), run('rnetes', 60, 100), run('and', 95, 100), run('Go', 120, 100)];
    assert.deepEqual(pageReadingOrder(items), ['Kubernetes and Go']);
  });
});

describe('ingest: DOCX', () => {
  it('keeps headings, bullets, table rows and the page header', async () => {
    const doc = await ingest(await resumeDocx());
    const all = lines(doc.text);
    for (const heading of ['Summary', 'Experience', 'Education', 'Skills', 'Languages']) {
      assert.ok(doc.text.includes(`\n\n${heading}\n`), `heading "${heading}" starts a block`);
    }
    for (const h of ROLES[0]!.highlights) assert.ok(all.includes(`- ${h}`), h);
    for (const s of PERSON.skills) assert.ok(all.includes(`- ${s}`), s);
    assert.ok(all.includes('BSc (Hons) Computer Science | University of Leeds | 2013 – 2016'));
    assert.equal(all[0], PERSON.links.join(' | '), 'header text comes first');
  });
});

describe('ingest: text and Markdown', () => {
  const encode = (s: string) => new TextEncoder().encode(s);

  it('passes a prompt-injection line through as plain data', async () => {
    const doc = await ingest(await FIXTURES.injectionText.generate());
    assert.equal(doc.format, 'text');
    assert.ok(lines(doc.text).includes(INJECTION_LINE));
  });

  it('strips Markdown syntax but keeps its structure', async () => {
    const doc = await ingest(await FIXTURES.markdown.generate());
    assert.equal(doc.format, 'markdown');
    const all = lines(doc.text);
    assert.equal(all[0], PERSON.name);
    assert.ok(all.every((l) => !l.startsWith('#') && !l.includes('**')), 'no Markdown marks left');
    assert.ok(doc.text.includes('\n\nExperience\n'));
    assert.ok(all.includes(`- ${PERSON.skills[0]}`));
  });

  it('calls text with "- " bullets text: lists alone are not Markdown', async () => {
    const doc = await ingest(encode('Jane Doe\nSkills\n- Go\n- Rust\n- SQL\n* Kafka\n'));
    assert.equal(doc.format, 'text');
    assert.equal(doc.text, 'Jane Doe\nSkills\n- Go\n- Rust\n- SQL\n* Kafka');
  });

  it('normalises line endings, BOM, tabs, NBSP and zero-width characters', async () => {
    const doc = await ingest(encode('\uFEFFJane\u00A0Doe\r\njane@exam\u200Bple.com\r\n\r\n\r\n\r\nSkills:\tGo,  Rust \r\n'));
    assert.equal(doc.text, 'Jane Doe\njane@example.com\n\nSkills: Go, Rust');
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const text = 'Zoë Ångström\nzoe@example.com\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(le.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    assert.equal((await ingest(le)).text, 'Zoë Ångström\nzoe@example.com');
  });

  it('reads non-UTF-8 text as Windows-1252, with a warning', async () => {
    const bytes = Uint8Array.from('Jos\xe9 Garc\xeda, M\xfcnchen', (c) => c.charCodeAt(0));
    const doc = await ingest(bytes);
    assert.equal(doc.text, 'José García, München');
    assert.equal(doc.warnings.length, 1);
  });

  it('rejects empty and whitespace-only input', async () => {
    await rejectsWith(ingest(new Uint8Array(0)), 'empty_document');
    await rejectsWith(ingest(encode(' \n\t\u200B\n ')), 'empty_document');
  });
});

describe('ingest: refusals', () => {
  it('checks the size before looking at the content', async () => {
    const error = await rejectsWith(ingest(await oversizedPdf()), 'file_too_large', /50 MB.*10 MB/);
    assert.deepEqual(error.details, { sizeBytes: 50 * 1024 * 1024, maxBytes: 10 * 1024 * 1024 });
    // Random bytes over the limit are "too large", not "binary": nothing was parsed.
    await rejectsWith(ingest(await randomBytes(4096), { maxBytes: 1000 }), 'file_too_large');
    await rejectsWith(ingest(await singleColumnResumePdf(), { maxBytes: 1000 }), 'file_too_large');
  });

  it('tells the user what to do with a legacy .doc', async () => {
    await rejectsWith(ingest(await FIXTURES.legacyDoc.generate()), 'unsupported_file_type', /save as DOCX or PDF/i);
  });

  it('says an image is an image', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await rejectsWith(ingest(png), 'unsupported_file_type', /PNG image.*OCR/);
  });

  it('explains scanned and encrypted PDFs', async () => {
    await rejectsWith(ingest(await FIXTURES.imageOnlyPdf.generate()), 'no_text_layer', /scanned.*OCR/);
    await rejectsWith(ingest(await FIXTURES.encryptedPdf.generate()), 'encrypted_pdf', /password/);
  });
});
