/**
 * Minimal inline SVG charts for the HTML report: no library, no external asset, readable without JavaScript.
 * Every text that reaches the markup goes through `escapeXml`.
 */

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Distinguishable in colour and in greyscale print (Okabe–Ito palette). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  name: string;
  values: readonly (number | null)[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="11"';

function legend(series: readonly Series[], x: number, y: number): string {
  return series
    .map((s, i) => `<rect x="${x}" y="${y + i * 16}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="${y + i * 16 + 9}" ${FONT}>${escapeXml(s.name)}</text>`)
    .join('');
}

/**
 * Horizontal grouped bars: one group per category, one bar per series. Missing values (null) leave a gap and
 * a dash, so "not measured" never reads as zero.
 */
export function groupedBarChart(options: { title: string; categories: readonly string[]; series: readonly Series[]; max?: number; format: (v: number) => string }): string {
  const { categories, series, format } = options;
  const bar = 12;
  const groupHeight = series.length * bar + 8;
  const labelWidth = 130;
  const plotWidth = 420;
  const max = options.max ?? Math.max(1e-12, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const top = 24;
  const height = top + categories.length * groupHeight + 10;
  const legendX = labelWidth + plotWidth + 60;
  const parts: string[] = [`<text x="0" y="14" ${FONT} font-weight="bold">${escapeXml(options.title)}</text>`];
  categories.forEach((category, ci) => {
    const y0 = top + ci * groupHeight;
    parts.push(`<text x="${labelWidth - 6}" y="${y0 + groupHeight / 2}" ${FONT} text-anchor="end">${escapeXml(category)}</text>`);
    series.forEach((s, si) => {
      const v = s.values[ci] ?? null;
      const y = y0 + si * bar;
      const w = v === null ? 0 : Math.max(0, (v / max) * plotWidth);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s.name} · ${category}: ${v === null ? 'n/a' : format(v)}`)}</title></rect>`);
      parts.push(`<text x="${labelWidth + w + 4}" y="${y + bar - 3}" ${FONT}>${v === null ? '—' : escapeXml(format(v))}</text>`);
    });
  });
  parts.push(legend(series, legendX, top));
  const width = legendX + 160;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

export interface Spread {
  name: string;
  /** Ascending observations (e.g. latencies of successful parses). */
  values: readonly number[];
  marks: { label: string; value: number | null }[];
}

/**
 * One row per series on a shared log axis: every observation as a faint tick (the distribution) and the
 * marked percentiles as labelled dots. Log scale because a local parser and an LLM differ by orders of magnitude.
 */
export function spreadChart(options: { title: string; rows: readonly Spread[]; unit: string }): string {
  const { rows, unit } = options;
  const labelWidth = 130;
  const plotWidth = 520;
  const rowHeight = 44;
  const top = 24;
  const all = rows.flatMap((r) => r.values).filter((v) => v > 0);
  const lo = Math.log10(Math.max(1e-3, Math.min(...all, 1)));
  const hi = Math.log10(Math.max(...all, 10));
  const span = Math.max(1e-9, hi - lo);
  const x = (v: number) => labelWidth + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / span) * plotWidth;
  const height = top + rows.length * rowHeight + 26;
  const parts: string[] = [`<text x="0" y="14" ${FONT} font-weight="bold">${escapeXml(options.title)}</text>`];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const colour = PALETTE[i % PALETTE.length] as string;
    parts.push(`<text x="${labelWidth - 6}" y="${y + 4}" ${FONT} text-anchor="end">${escapeXml(row.name)}</text>`);
    parts.push(`<line x1="${labelWidth}" x2="${labelWidth + plotWidth}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    for (const v of row.values) parts.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${y - 8}" y2="${y + 8}" stroke="${colour}" stroke-opacity="0.35"/>`);
    row.marks.forEach((m, k) => {
      if (m.value === null) return;
      const label = `${m.label} ${formatNumber(m.value)} ${unit}`;
      parts.push(`<circle cx="${x(m.value).toFixed(1)}" cy="${y}" r="4" fill="${colour}"><title>${escapeXml(`${row.name} ${label}`)}</title></circle>`);
      parts.push(`<text x="${x(m.value).toFixed(1)}" y="${y + (k % 2 === 0 ? -11 : 20)}" ${FONT} text-anchor="middle">${escapeXml(m.label)}</text>`);
    });
  });
  const axisY = top + rows.length * rowHeight + 6;
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    const v = 10 ** e;
    if (v < 10 ** lo || v > 10 ** hi) continue;
    parts.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 12}" ${FONT} text-anchor="middle">${escapeXml(`${formatNumber(v)} ${unit}`)}</text>`);
  }
  const width = labelWidth + plotWidth + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function formatNumber(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}
