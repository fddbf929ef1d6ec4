// Small SVG charts, no dependency: a time series as bars or a line, with an optional target (SLO) line.
// Each chart is a <figure> with a <figcaption>; the SVG is decorative for assistive technology, which reads
// the same numbers from a visually hidden table instead.
import { fmt, h, s } from './dom.js';

const W = 360;
const H = 160;
const PAD = { left: 56, right: 10, top: 14, bottom: 24 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/**
 * @param {object} options
 * @param {string} options.title  the figcaption
 * @param {'line'|'bar'} options.kind
 * @param {{x: number, y: number|null}[]} options.points  x in epoch ms, oldest first; null = no data
 * @param {(v: number) => string} options.format  axis and table values
 * @param {{value: number, label: string}} [options.target]  drawn as a dashed line; points above it are marked
 */
export function timeChart({ title, kind, points, format, target }) {
  const values = points.map((p) => p.y).filter((y) => y !== null);
  const top = niceMax(Math.max(0, ...values, target ? target.value * 1.25 : 0));
  const x = (i) => PAD.left + (points.length <= 1 ? PLOT_W / 2 : (i / (points.length - 1)) * PLOT_W);
  const y = (v) => PAD.top + PLOT_H - (top === 0 ? 0 : (v / top) * PLOT_H);

  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: `chart chart-${kind}`, 'aria-hidden': 'true', focusable: 'false' },
    axes(top, format, points),
    kind === 'bar' ? bars(points, x, y, target) : line(points, x, y, target),
    target ? targetLine(target, y) : null,
  );
  return h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', {}, title, target ? h('span', { class: 'target-note' }, ` (target ${target.label})`) : null),
    svg,
    dataTable(title, points, format, target),
  );
}

/** 1, 2 or 5 × a power of ten at or above `v`: round axis labels. */
function niceMax(v) {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 5, 10].find((m) => m * power >= v) ?? 10;
  return step * power;
}

function axes(top, format, points) {
  const first = points[0];
  const last = points.at(-1);
  return s(
    'g',
    { class: 'axes' },
    s('line', { x1: PAD.left, y1: PAD.top + PLOT_H, x2: W - PAD.right, y2: PAD.top + PLOT_H, class: 'axis' }),
    s('line', { x1: PAD.left, y1: PAD.top, x2: W - PAD.right, y2: PAD.top, class: 'grid' }),
    s('line', { x1: PAD.left, y1: PAD.top + PLOT_H / 2, x2: W - PAD.right, y2: PAD.top + PLOT_H / 2, class: 'grid' }),
    s('text', { x: PAD.left - 6, y: PAD.top + 4, 'text-anchor': 'end', class: 'tick' }, format(top)),
    s('text', { x: PAD.left - 6, y: PAD.top + PLOT_H + 4, 'text-anchor': 'end', class: 'tick' }, format(0)),
    first ? s('text', { x: PAD.left, y: H - 6, class: 'tick' }, fmt.time(first.x)) : null,
    last ? s('text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end', class: 'tick' }, fmt.time(last.x)) : null,
  );
}

function bars(points, x, y, target) {
  const width = Math.max(1, (PLOT_W / Math.max(points.length, 1)) * 0.7);
  return s(
    'g',
    { class: 'series' },
    points.map((p, i) =>
      p.y === null || p.y === 0
        ? null
        : s('rect', { class: `bar${target && p.y > target.value ? ' over' : ''}`, x: x(i) - width / 2, y: y(p.y), width, height: y(0) - y(p.y) }),
    ),
  );
}

/** A path broken where there is no data (a minute without calls has no latency), with a dot per point. */
function line(points, x, y, target) {
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.y === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.y).toFixed(1)}`;
    pen = true;
  });
  return s(
    'g',
    { class: 'series' },
    d ? s('path', { class: 'line', d }) : null,
    points.map((p, i) => (p.y === null ? null : s('circle', { class: `dot${target && p.y > target.value ? ' over' : ''}`, cx: x(i), cy: y(p.y), r: 2.5 }))),
  );
}

function targetLine(target, y) {
  const at = y(target.value);
  return s(
    'g',
    { class: 'target' },
    s('line', { x1: PAD.left, y1: at, x2: W - PAD.right, y2: at }),
    s('text', { x: W - PAD.right - 2, y: at - 3, 'text-anchor': 'end', class: 'tick' }, `target ${target.label}`),
  );
}

function dataTable(title, points, format, target) {
  // Wrapped: a table is never narrower than its content, so it can't be the 1-pixel box itself.
  return h(
    'div',
    { class: 'visually-hidden' },
    h(
      'table',
      {},
      h('caption', {}, `${title}, per minute${target ? `; target ${target.label}` : ''}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Minute'), h('th', { scope: 'col' }, 'Value'))),
      h(
        'tbody',
        {},
        points.map((p) =>
          h('tr', {}, h('th', { scope: 'row' }, fmt.time(p.x)), h('td', {}, p.y === null ? 'no data' : `${format(p.y)}${target && p.y > target.value ? ' (above target)' : ''}`)),
        ),
      ),
    ),
  );
}
