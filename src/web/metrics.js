/* global document, setInterval, clearInterval */
// Live metrics: GET /api/dashboard/summary every few seconds, as a table per provider and cohort and as
// per-minute charts with the SLO targets drawn on them. Refreshing pauses on request and while the tab is hidden.
import { timeChart } from './charts.js';
import { api, announce, field, fmt, h, messageBox, replace, showMessage } from './dom.js';

const REFRESH_MS = 5000;

export async function render(main) {
  const state = { window: 'last5m', paused: false, timer: null };
  const error = messageBox('error');
  const updated = h('p', { class: 'hint' }, 'Loading…');
  const pause = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Pause updates');
  const windowSelect = h(
    'select',
    {},
    h('option', { value: 'last5m' }, 'Last 5 minutes'),
    h('option', { value: 'last1h' }, 'Last hour'),
  );
  const slo = h('section', { 'aria-labelledby': 'slo-h' });
  const table = h('div', { class: 'table-wrap' });
  const charts = h('div', { class: 'charts' });

  main.append(
    h('p', {}, "This instance's provider calls, in memory: they reset when the server restarts. Charts are per minute over the last 30 minutes."),
    h('div', { class: 'toolbar' }, field('Table window', windowSelect), pause, updated),
    error,
    slo,
    h('section', { 'aria-labelledby': 'table-h' }, h('h2', { id: 'table-h' }, 'Per provider and cohort'), table),
    h('section', { 'aria-labelledby': 'charts-h' }, h('h2', { id: 'charts-h' }, 'Per minute'), charts),
  );

  let last = null;
  const draw = () => {
    if (!last) return;
    replace(slo, h('h2', { id: 'slo-h' }, 'Targets'), sloList(last.slo));
    replace(table, summaryTable(last, state.window));
    replace(charts, seriesCharts(last));
  };

  const refresh = async () => {
    try {
      last = await api('/api/dashboard/summary');
      showMessage(error, '');
      draw();
      updated.textContent = `Updated ${new Date(last.generatedAt).toLocaleTimeString('en-GB')}${state.paused ? ' (paused)' : ''}.`;
    } catch (err) {
      showMessage(error, `Could not load the metrics: ${err.message}`);
    }
  };

  const schedule = () => {
    clearInterval(state.timer);
    state.timer = state.paused || document.hidden ? null : setInterval(refresh, REFRESH_MS);
  };

  windowSelect.addEventListener('change', () => {
    state.window = windowSelect.value;
    draw();
  });
  pause.addEventListener('click', () => {
    state.paused = !state.paused;
    pause.setAttribute('aria-pressed', String(state.paused));
    pause.textContent = state.paused ? 'Resume updates' : 'Pause updates';
    announce(state.paused ? 'Updates paused.' : 'Updates resumed.');
    if (!state.paused) refresh();
    schedule();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !state.paused) refresh();
    schedule();
  });

  await refresh();
  schedule();
}

function sloList(slo) {
  return h(
    'ul',
    { class: 'slo-list' },
    h('li', {}, h('strong', {}, 'p95 latency '), `≤ ${fmt.ms(slo.p95Ms)}`),
    h('li', {}, h('strong', {}, 'Error rate '), `≤ ${fmt.pct(slo.errorRate)}`),
    h('li', {}, h('strong', {}, 'Cost per request '), `≤ ${fmt.usd(slo.costPerRequestUsd)}`),
    h('li', {}, h('strong', {}, 'Availability '), `≥ ${fmt.pct(slo.availability)}`),
  );
}

/** A cell that says in words, not only in colour, when a value misses its target. */
function checked(text, breached) {
  return h('td', { class: breached ? 'breach' : null }, text, breached ? h('span', { class: 'badge bad' }, ' misses target') : null);
}

function summaryTable(summary, window) {
  const { slo } = summary;
  const label = window === 'last5m' ? 'last 5 minutes' : 'last hour';
  const head = ['Capability', 'Provider', 'Cohort', 'Requests', 'Error rate', 'Availability', 'p50', 'p95', 'Cost / request', 'Cache hits', 'Shadow agreement'];
  return h(
    'table',
    { class: 'data' },
    h('caption', {}, `Provider calls, ${label}`),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      summary.rows.map((row) => {
        const m = row[window];
        const idle = m.requests === 0;
        return h(
          'tr',
          { class: idle ? 'idle' : null, dataset: { capability: row.capability, provider: row.provider, cohort: row.cohort } },
          h('th', { scope: 'row' }, row.capability),
          h('td', {}, row.provider),
          h('td', {}, row.cohort),
          h('td', { class: 'num' }, fmt.int(m.requests)),
          checked(idle ? '—' : fmt.pct(m.errorRate, 2), !idle && m.errorRate > slo.errorRate),
          checked(fmt.pct(m.availability, 2), m.availability !== null && m.availability < slo.availability),
          h('td', { class: 'num' }, fmt.ms(m.p50Ms)),
          checked(fmt.ms(m.p95Ms), m.p95Ms !== null && m.p95Ms > slo.p95Ms),
          checked(idle ? '—' : fmt.usd(m.costPerRequestUsd), !idle && m.costPerRequestUsd > slo.costPerRequestUsd),
          h('td', { class: 'num' }, fmt.pct(m.cacheHitRate)),
          h('td', { class: 'num' }, m.shadowRuns === 0 ? '—' : `${fmt.pct(m.shadowAgreement)} of ${fmt.int(m.shadowRuns)}`),
        );
      }),
    ),
  );
}

function seriesCharts(summary) {
  const { slo } = summary;
  const modeOf = Object.fromEntries(summary.capabilities.map((c) => [c.capability, c]));
  return summary.series.map((series) => {
    const routing = modeOf[series.capability];
    const role = routing?.control === series.provider ? 'control' : routing?.candidate === series.provider ? 'candidate' : 'fallback';
    const pts = (key) => series.points.map((p) => ({ x: p.at, y: key === 'errorRate' && p.requests === 0 ? null : p[key] }));
    return h(
      'section',
      { class: 'series-group', 'aria-label': `${series.capability} on ${series.provider}` },
      h('h3', {}, `${series.capability} · ${series.provider} `, h('span', { class: 'badge' }, role)),
      h(
        'div',
        { class: 'chart-row' },
        timeChart({ title: `${series.capability} ${series.provider}: requests per minute`, kind: 'bar', points: pts('requests'), format: (v) => fmt.int(v) }),
        timeChart({
          title: `${series.capability} ${series.provider}: error rate`,
          kind: 'line',
          points: pts('errorRate'),
          format: (v) => fmt.pct(v),
          target: { value: slo.errorRate, label: fmt.pct(slo.errorRate) },
        }),
        timeChart({
          title: `${series.capability} ${series.provider}: p95 latency`,
          kind: 'line',
          points: pts('p95Ms'),
          format: (v) => fmt.ms(v),
          target: { value: slo.p95Ms, label: fmt.ms(slo.p95Ms) },
        }),
      ),
    );
  });
}
