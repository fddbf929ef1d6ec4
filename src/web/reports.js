/* global location, history */
// Stored evaluation reports: GET /api/eval/reports to list, /api/eval/reports/{id} to open, and the HTML
// rendering at /api/eval/reports/{id}.html. A server without report storage (404) reads as "none yet".
// The report shapes are read defensively: a report is shown field by field when it looks like `jobmatch eval`
// output (micro + fields), and as plain facts otherwise.
import { api, ApiError, fmt, h, messageBox, replace, showMessage } from './dom.js';

const EMPTY_HINT = 'jobmatch eval --providers local,openai --dataset <file.jsonl>';

export async function render(main) {
  const error = messageBox('error');
  const list = h('div', { class: 'report-list' }, h('p', {}, 'Loading…'));
  const detail = h('section', { class: 'report-detail', 'aria-labelledby': 'report-h', tabindex: -1, hidden: true });
  main.append(h('p', {}, 'Field-level precision, recall and F1, and latency, from stored `jobmatch eval` runs.'), error, list, detail);

  const open = async (id) => {
    showMessage(error, '');
    try {
      const report = await api(`/api/eval/reports/${encodeURIComponent(id)}`);
      replace(detail, reportView(id, report));
      detail.hidden = false;
      detail.focus();
      history.replaceState(null, '', `#${encodeURIComponent(id)}`);
    } catch (err) {
      showMessage(error, `Could not open report ${id}: ${err.message}`);
    }
  };

  let reports;
  try {
    reports = itemsOf(await api('/api/eval/reports'));
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) {
      replace(list);
      return showMessage(error, `Could not list the reports: ${err.message}`);
    }
    reports = [];
  }
  if (reports.length === 0) {
    replace(list, h('div', { class: 'empty' }, h('p', {}, 'No reports yet — run'), h('pre', {}, h('code', {}, EMPTY_HINT)), h('p', {}, 'and they will be listed here.')));
    return;
  }
  replace(list, reportTable(reports, open));
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) await open(wanted);
}

/** The list, whichever envelope it comes in: an array, or {reports}, {items}. */
function itemsOf(data) {
  if (Array.isArray(data)) return data;
  return data?.reports ?? data?.items ?? [];
}

const idOf = (r) => String(r.id ?? r.reportId ?? '');
const whenOf = (r) => r.createdAt ?? r.created_at ?? r.at ?? null;
const providersOf = (r) => [r.providers ?? r.provider ?? []].flat().join(', ') || '—';
const f1Of = (r) => r.micro?.f1 ?? r.summary?.micro?.f1 ?? r.f1 ?? null;

function reportTable(reports, open) {
  return h(
    'table',
    { class: 'data' },
    h('caption', {}, `${reports.length} stored reports`),
    h('thead', {}, h('tr', {}, ['Report', 'Created', 'Providers', 'Dataset', 'Resumes', 'Micro F1', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      reports.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, idOf(r)),
          h('td', {}, fmt.dateTime(whenOf(r))),
          h('td', {}, providersOf(r)),
          h('td', {}, r.dataset ?? '—'),
          h('td', { class: 'num' }, fmt.int(r.n ?? null)),
          h('td', { class: 'num' }, fmt.pct(f1Of(r))),
          h('td', {}, h('button', { type: 'button', onclick: () => open(idOf(r)) }, `Open report ${idOf(r)}`)),
        ),
      ),
    ),
  );
}

function reportView(id, report) {
  const runs = Array.isArray(report?.reports) ? report.reports : Array.isArray(report?.runs) ? report.runs : [report?.report ?? report];
  return [
    h('h2', { id: 'report-h' }, `Report ${id}`),
    h('p', {}, h('a', { href: `/api/eval/reports/${encodeURIComponent(id)}.html`, target: '_blank', rel: 'noopener' }, 'Open the full HTML report'), ' (new tab)'),
    runs.map((run) => (run?.fields && run?.micro ? evalRunView(run) : factsView(run))),
  ];
}

function evalRunView(run) {
  const row = (label, m, n) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, fmt.int(n)), ...['precision', 'recall', 'f1'].map((k) => h('td', { class: 'num' }, fmt.pct(m[k]))));
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, `${run.provider} (${run.model})`),
    h('p', { class: 'meta' }, `${fmt.int(run.n)} resumes${run.dataset ? ` from ${run.dataset}` : ''}; latency p50 ${fmt.ms(run.latencyMs?.p50)}, p95 ${fmt.ms(run.latencyMs?.p95)}; ${run.errors?.length ?? 0} failed parses.`),
    h(
      'table',
      { class: 'data' },
      h('caption', {}, `Per field, ${run.provider}`),
      h('thead', {}, h('tr', {}, ['Field', 'Labelled', 'Precision', 'Recall', 'F1'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, Object.entries(run.fields).map(([name, m]) => row(name, m, m.n)), row('micro average', run.micro, run.n)),
    ),
  );
}

function factsView(value) {
  const entries = value && typeof value === 'object' ? Object.entries(value) : [];
  return h(
    'dl',
    { class: 'facts' },
    entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v !== null && typeof v === 'object' ? h('pre', {}, JSON.stringify(v, null, 2)) : String(v))]),
  );
}
