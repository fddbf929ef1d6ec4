/* global document, fetch, FormData */
// Playground: parse a resume (POST /api/parse-resume), see where each value was found, rank jobs for it
// (POST /api/match-jobs) and run it through two providers side by side (POST /api/test-ai).
//
// Highlighting needs the resume's text, which the parse API does not return. Text and Markdown files are read
// here in the browser and parsed as text, so they highlight like pasted text; PDF and DOCX are uploaded as
// they are and show the parsed fields only (and can't be compared, which takes text).
import { announce, api, field, fmt, h, messageBox, replace, showMessage } from './dom.js';
import { findRanges, parsedValues } from './highlight.js';

const PROVIDERS = ['local', 'openai', 'bedrock'];
const TEXT_FILE = /\.(txt|text|md|markdown)$/i;
const MATCH_LIMIT = 5;

export async function render(main) {
  const state = { file: null, text: '', resume: null };

  const fileInput = h('input', { type: 'file', name: 'file', accept: '.pdf,.docx,.txt,.md,.markdown,text/plain,text/markdown,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const textArea = h('textarea', { name: 'text', rows: 12, spellcheck: 'false' });
  const parseButton = h('button', { type: 'submit' }, 'Parse resume');
  const inputNote = h('p', { class: 'hint', id: 'input-note' });
  const parseError = messageBox('error');
  const parsed = h('div', { class: 'parsed', hidden: true });

  const matchButton = h('button', { type: 'button', disabled: true }, 'Find matching jobs');
  const matchError = messageBox('error');
  const matches = h('div', { class: 'matches' });

  const providerA = providerSelect('local');
  const providerB = providerSelect('openai');
  const compareButton = h('button', { type: 'submit', disabled: true }, 'Compare');
  const compareNote = h('p', { class: 'hint' }, 'Parse resume text (pasted or a text file) first. Paid providers are billed for this call.');
  const compareError = messageBox('error');
  const comparison = h('div', { class: 'comparison' });

  const parseForm = h(
    'form',
    { class: 'resume-form' },
    field('Resume file (PDF, DOCX, text or Markdown)', fileInput),
    field('Or paste the resume text', textArea),
    inputNote,
    h('div', { class: 'actions' }, parseButton),
  );
  const compareForm = h(
    'form',
    { class: 'compare-form' },
    h('div', { class: 'inline-fields' }, field('First provider', providerA), field('Second provider', providerB)),
    compareNote,
    h('div', { class: 'actions' }, compareButton),
  );

  main.append(
    h('section', { 'aria-labelledby': 'resume-h' }, h('h2', { id: 'resume-h' }, '1. Parse a resume'), parseForm, parseError, parsed),
    h('section', { 'aria-labelledby': 'match-h' }, h('h2', { id: 'match-h' }, `2. Top ${MATCH_LIMIT} matching jobs`), h('div', { class: 'actions' }, matchButton), matchError, matches),
    h('section', { 'aria-labelledby': 'compare-h' }, h('h2', { id: 'compare-h' }, '3. Two providers side by side'), compareForm, compareError, comparison),
  );
  describeInput();

  function describeInput() {
    inputNote.textContent = state.file
      ? `${state.file.name} will be uploaded as is: you will see the parsed fields, not where they occur (the API does not return the extracted text).`
      : 'Text is parsed as typed; each parsed value is then highlighted where it occurs.';
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0] ?? null;
    state.file = null;
    if (file && (TEXT_FILE.test(file.name) || file.type.startsWith('text/'))) {
      textArea.value = await file.text();
      announce(`${file.name} loaded as text.`);
    } else if (file) {
      state.file = file;
    }
    describeInput();
  });
  textArea.addEventListener('input', () => {
    // Typing means the text is what to parse, not a file chosen earlier.
    if (state.file) {
      state.file = null;
      fileInput.value = '';
      describeInput();
    }
  });

  parseForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = textArea.value;
    if (!state.file && !text.trim()) return showMessage(parseError, 'Choose a file or paste the resume text first.');
    showMessage(parseError, '');
    parseButton.disabled = true;
    announce('Parsing…');
    try {
      let body;
      if (state.file) {
        body = new FormData();
        body.append('file', state.file);
      } else {
        body = { text };
      }
      const res = await fetchParse(body);
      state.resume = res.data;
      state.text = state.file ? '' : text;
      replace(parsed, parsedView(res.data, res.meta, state.text));
      parsed.hidden = false;
      matchButton.disabled = false;
      compareButton.disabled = !state.text;
      replace(matches);
      replace(comparison);
      announce(`Parsed by ${res.meta.provider}: ${res.data.skills.length} skills, ${res.data.experience.length} roles.`);
    } catch (err) {
      showMessage(parseError, `Not parsed: ${err.message}`);
    } finally {
      parseButton.disabled = false;
    }
  });

  matchButton.addEventListener('click', async () => {
    matchButton.disabled = true;
    showMessage(matchError, '');
    announce('Ranking jobs…');
    try {
      const result = await api('/api/match-jobs', { method: 'POST', body: { resume: state.resume, limit: MATCH_LIMIT } });
      replace(matches, matchList(result));
      announce(`${result.matches.length} matching jobs.`);
    } catch (err) {
      showMessage(matchError, `No matches: ${err.message}`);
    } finally {
      matchButton.disabled = false;
    }
  });

  compareForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (providerA.value === providerB.value) return showMessage(compareError, 'Choose two different providers.');
    showMessage(compareError, '');
    compareButton.disabled = true;
    announce('Comparing providers…');
    try {
      const result = await api('/api/test-ai', { method: 'POST', body: { text: state.text, providers: [providerA.value, providerB.value] } });
      replace(comparison, comparisonView(result));
      announce('Comparison ready.');
    } catch (err) {
      showMessage(compareError, `Comparison failed: ${err.message}`);
    } finally {
      compareButton.disabled = !state.text;
    }
  });
}

/** The parse endpoint's whole body: the fields and the meta (provider, document format) beside them. */
async function fetchParse(body) {
  const init = body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch('/api/parse-resume', init);
  const json = await res.json().catch(() => null);
  if (!res.ok || !json?.success) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}

function providerSelect(selected) {
  return h('select', {}, PROVIDERS.map((p) => h('option', { value: p, selected: p === selected }, p)));
}

// ---- parse result ----------------------------------------------------------------------------------------

function parsedView(resume, meta, text) {
  const values = parsedValues(resume);
  const ranges = text ? findRanges(text, values) : [];
  const lowerText = text.toLowerCase();
  const wasFound = (v) => lowerText.includes(v.value.toLowerCase());

  const groups = new Map();
  for (const v of values) groups.set(v.label, [...(groups.get(v.label) ?? []), v]);
  const fieldList = h(
    'dl',
    { class: 'fields' },
    [...groups].map(([label, items]) => [
      h('dt', {}, label),
      ...items.map((v) =>
        h(
          'dd',
          { class: `value kind-${v.kind}` },
          v.note ? `${v.value} → ${v.note}` : v.value,
          text ? h('span', { class: wasFound(v) ? 'badge ok' : 'badge' }, wasFound(v) ? 'in text' : 'not found in text') : null,
        ),
      ),
    ]),
    h('dt', {}, 'Experience'),
    h('dd', {}, `${Math.floor(resume.totalExperienceMonths / 12)} years ${resume.totalExperienceMonths % 12} months, overlaps merged`),
  );

  return [
    h(
      'p',
      { class: 'meta' },
      `Parsed by ${meta.provider} (${meta.model}) in ${fmt.ms(meta.durationMs)} from ${meta.document.format}${meta.document.pages ? `, ${meta.document.pages} page(s)` : ''}.`,
    ),
    resume.meta.warnings.length ? h('ul', { class: 'warnings' }, resume.meta.warnings.map((w) => h('li', {}, w))) : null,
    h(
      'div',
      { class: 'parsed-grid' },
      h('section', { 'aria-labelledby': 'fields-h' }, h('h3', { id: 'fields-h' }, 'Parsed fields'), fieldList),
      text
        ? h(
            'section',
            { 'aria-labelledby': 'text-h' },
            h('h3', { id: 'text-h' }, 'Where each value was found'),
            legend(),
            h('pre', { class: 'resume-text', tabindex: 0, 'aria-label': 'Resume text with parsed values marked' }, highlighted(text, ranges)),
          )
        : null,
    ),
  ];
}

function legend() {
  const kinds = [
    ['contact', 'contact'],
    ['headline', 'headline'],
    ['skill', 'skill'],
    ['experience', 'job title or company'],
    ['education', 'degree or institution'],
    ['other', 'certification or language'],
  ];
  return h('ul', { class: 'legend', 'aria-label': 'Highlight colours' }, kinds.map(([kind, label]) => h('li', {}, h('mark', { class: `hl kind-${kind}` }, label))));
}

function highlighted(text, ranges) {
  const parts = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(h('mark', { class: `hl kind-${r.kind}`, title: r.label }, text.slice(r.start, r.end)));
    at = r.end;
  }
  parts.push(text.slice(at));
  const fragment = document.createDocumentFragment();
  fragment.append(...parts);
  return fragment;
}

// ---- matches ---------------------------------------------------------------------------------------------

function matchList(result) {
  if (result.matches.length === 0) return h('p', {}, 'No jobs matched. Import jobs or start the server with the sample jobs.');
  return [
    result.warnings.length ? h('ul', { class: 'warnings' }, result.warnings.map((w) => h('li', {}, w))) : null,
    h(
      'ol',
      { class: 'match-list' },
      result.matches.map((m) =>
        h(
          'li',
          { class: 'card match' },
          h('h3', {}, m.job.title, m.job.company ? ` · ${m.job.company}` : ''),
          h('p', { class: 'meta' }, `${fmt.pct(m.score, 0)} fit · ${m.job.location ?? 'no location'} · ${m.job.workplace}${m.job.seniority ? ` · ${m.job.seniority}` : ''}`),
          h('ul', { class: 'reasons' }, m.reasons.map((r) => h('li', {}, r))),
          m.matchedSkills.length ? h('p', {}, h('strong', {}, 'Skills you have: '), m.matchedSkills.join(', ')) : null,
          m.missingRequiredSkills.length ? h('p', {}, h('strong', {}, 'Required skills missing: '), m.missingRequiredSkills.join(', ')) : null,
        ),
      ),
    ),
    h('p', { class: 'hint' }, `Ranked by ${result.strategy}${result.spaceId ? ` in ${result.spaceId}` : ''}.`),
  ];
}

// ---- side by side ----------------------------------------------------------------------------------------

const COMPARED = [
  ['Name', (r) => r.contact.name],
  ['E-mails', (r) => r.contact.emails],
  ['Phones', (r) => r.contact.phones],
  ['Location', (r) => r.contact.location],
  ['Links', (r) => r.contact.links],
  ['Headline', (r) => r.headline],
  ['Skills', (r) => r.skills.map((s) => s.name)],
  ['Job titles', (r) => r.experience.map((x) => x.title)],
  ['Companies', (r) => r.experience.map((x) => x.company)],
  ['Degrees', (r) => r.education.map((e) => e.degree)],
  ['Institutions', (r) => r.education.map((e) => e.institution)],
  ['Graduation years', (r) => r.education.map((e) => e.graduationYear)],
  ['Certifications', (r) => r.certifications.map((c) => c.name)],
  ['Languages', (r) => r.languages.map((l) => l.name)],
  ['Experience (months)', (r) => r.totalExperienceMonths],
];

/** A field's values as a list of displayable strings (nulls dropped). */
function listOf(value) {
  return [value].flat().filter((v) => v !== null && v !== undefined && v !== '').map(String);
}

/** The values, each marked when the other side lacks it (in words for screen readers, not only colour). */
function valuesCell(mine, theirs) {
  if (mine.length === 0) return h('td', {}, '—');
  const other = new Set(theirs.map((v) => v.toLowerCase()));
  return h(
    'td',
    {},
    mine.flatMap((v, i) => [
      i > 0 ? ', ' : null,
      other.has(v.toLowerCase()) ? v : h('mark', { class: 'only-here' }, v, h('span', { class: 'visually-hidden' }, ' (only this provider)')),
    ]),
  );
}

function comparisonView({ results, differences }) {
  const [a, b] = results;
  const header = (r) =>
    h(
      'th',
      { scope: 'col' },
      `${r.provider}${r.model ? ` (${r.model})` : ''}`,
      h('br'),
      h('span', { class: 'meta' }, r.ok ? `${fmt.ms(r.durationMs)} · ${fmt.usd(r.costUsd)}` : `failed: ${r.error?.message ?? 'unknown error'}`),
    );
  const diff = differences[0];
  const rows = COMPARED.map(([label, get]) => {
    const va = a.ok ? listOf(get(a.resume)) : [];
    const vb = b.ok ? listOf(get(b.resume)) : [];
    const same = a.ok && b.ok && [...va].map((v) => v.toLowerCase()).sort().join('\n') === [...vb].map((v) => v.toLowerCase()).sort().join('\n');
    return h(
      'tr',
      { class: same ? null : 'differs' },
      h('th', { scope: 'row' }, label),
      valuesCell(va, vb),
      valuesCell(vb, va),
      h('td', {}, same ? 'same' : h('span', { class: 'badge bad' }, 'differs')),
    );
  });
  return [
    diff ? h('p', { class: 'meta' }, `Field agreement of ${diff.provider} against ${diff.against}: ${fmt.pct(diff.agreement)}.`) : null,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data side-by-side' },
        h('caption', {}, `${a.provider} and ${b.provider} on the same text`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), header(a), header(b), h('th', { scope: 'col' }, 'Result'))),
        h('tbody', {}, rows),
      ),
    ),
    diff?.differences.length ? h('details', {}, h('summary', {}, `${diff.differences.length} differences as the server reports them`), h('ul', {}, diff.differences.map((d) => h('li', {}, d)))) : null,
  ];
}
