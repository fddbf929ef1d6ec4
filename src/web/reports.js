/* global location, history */
// Stored evaluation reports: GET /api/eval/reports to list, /api/eval/reports/{id} to open, and the HTML
// rendering at /api/eval/reports/{id}.html. A server without report storage (404) reads as "none yet".
// Only the kind-independent part of a report is read here (id, kind, providers, versions, and `summary`: one
// row of named metrics per provider or configuration — src/eval/document.ts); the HTML report has the rest.
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

/** The list, whichever envelope it comes in: {reports}, {items} or an array. */
function itemsOf(data) {
  if (Array.isArray(data)) return data;
  return data?.reports ?? data?.items ?? [];
}

/** The metric a run is usually judged by: micro F1 for parsing, nDCG@10 (hybrid) for matching. */
const HEADLINE = { parse: ['microF1', 'F1'], match: ['ndcg10.hybrid', 'nDCG@10'] };

function headline(report) {
  const [metric, label] = HEADLINE[report.kind] ?? [];
  const rows = Array.isArray(report.summary) ? report.summary : [];
  const parts = rows.filter((r) => metric && r.metrics?.[metric] !== undefined).map((r) => `${r.name} ${formatMetric(metric, r.metrics[metric])}`);
  return parts.length ? `${label}: ${parts.join(', ')}` : '—';
}

/** By naming convention: …Ms is a duration, …Usd money, other values within 0..1 are shares. */
function formatMetric(name, value) {
  if (value === null || value === undefined) return '—';
  if (/Ms$/.test(name)) return fmt.ms(value);
  if (/Usd$/.test(name)) return fmt.usd(value);
  if (value >= 0 && value <= 1) return fmt.pct(value);
  return String(+value.toFixed(3));
}

function reportTable(reports, open) {
  return h(
    'table',
    { class: 'data' },
    h('caption', {}, `${reports.length} stored reports, newest first`),
    h('thead', {}, h('tr', {}, ['Report', 'Created', 'Kind', 'Providers', 'Result', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      reports.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r.id),
          h('td', {}, fmt.dateTime(r.createdAt)),
          h('td', {}, r.kind ?? '—'),
          h('td', {}, (r.providers ?? []).join(', ') || '—'),
          h('td', {}, headline(r)),
          h('td', {}, h('button', { type: 'button', onclick: () => open(r.id) }, `Open ${r.id}`)),
        ),
      ),
    ),
  );
}

function reportView(id, doc) {
  const rows = Array.isArray(doc?.summary) ? doc.summary : [];
  const metrics = [...new Set(rows.flatMap((r) => Object.keys(r.metrics ?? {})))];
  return [
    h('h2', { id: 'report-h' }, `Report ${id}`),
    h('p', { class: 'meta' }, `${doc.kind ?? 'evaluation'} run of ${fmt.dateTime(doc.createdAt)}.`),
    h('p', {}, h('a', { href: `/api/eval/reports/${encodeURIComponent(id)}.html`, target: '_blank', rel: 'noopener' }, 'Open the full HTML report with charts'), ' (opens in a new tab)'),
    doc.versions && typeof doc.versions === 'object'
      ? h('dl', { class: 'facts' }, Object.entries(doc.versions).map(([name, v]) => [h('dt', {}, name), h('dd', {}, Object.entries(v ?? {}).map(([k, x]) => `${k} ${x}`).join(' · '))]))
      : null,
    rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data' },
            h('caption', {}, 'Summary: one column per provider or configuration'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), rows.map((r) => h('th', { scope: 'col' }, r.name)))),
            h('tbody', {}, metrics.map((m) => h('tr', {}, h('th', { scope: 'row' }, m), rows.map((r) => h('td', { class: 'num' }, formatMetric(m, r.metrics?.[m])))))),
          ),
        )
      : h('p', {}, 'This report has no summary; the HTML report has the details.'),
  ];
}
