import { RANKING_STRATEGIES } from '../domain/index.js';
import type { EvalDocument, MatchDocument, ParseDocument } from './document.js';
import { FIELDS } from './score.js';
import { escapeXml, groupedBarChart, spreadChart } from './svg.js';

/**
 * A stored evaluation as Markdown (for PRs and terminals) or as one self-contained HTML page (tables and inline
 * SVG charts; no script, stylesheet or font is fetched). Both come from the same section model, so the two
 * formats never disagree.
 */

interface Table {
  caption?: string;
  headers: string[];
  rows: string[][];
}

type Block = { kind: 'heading'; level: 2 | 3; text: string } | { kind: 'text'; text: string } | { kind: 'table'; table: Table } | { kind: 'chart'; svg: string };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (v * 100).toFixed(1));
const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
const usd = (v: number) => (v === 0 ? '0' : v < 0.01 ? v.toExponential(2) : v.toFixed(4));
const signedPct = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`);
const pValue = (v: number | null) => (v === null ? '—' : v < 0.001 ? '<0.001' : v.toFixed(3));
const interval = (ci: { low: number; high: number } | null) => (ci === null ? '—' : `[${signedPct(ci.low)}, ${signedPct(ci.high)}]`);

function title(doc: EvalDocument): string {
  return doc.kind === 'parse' ? `Resume parsing: ${doc.providers.join(' vs ')}` : 'Matching benchmark';
}

function parseBlocks(doc: ParseDocument, charts: boolean): Block[] {
  const r = doc.report;
  const blocks: Block[] = [
    { kind: 'text', text: `Report ${doc.id}, ${doc.createdAt}. ${r.n} resumes${r.dataset ? ` from ${r.dataset}` : ''}; "Present" resolved against ${r.referenceDate ?? 'each run\'s date'}. Precision, recall, F1 and rates in %.` },
    { kind: 'heading', level: 2, text: 'Providers' },
    {
      kind: 'table',
      table: {
        headers: ['provider', 'model', 'version', 'precision', 'recall', 'F1', 'p50 ms', 'p95 ms', 'p99 ms', 'cost / resume USD', 'errors', 'schema repairs', 'grounding drops', 'cached'],
        rows: r.providers.map((p) => [
          p.provider, p.model, p.version, pct(p.micro.precision), pct(p.micro.recall), pct(p.micro.f1),
          ms(p.latencyMs.p50), ms(p.latencyMs.p95), ms(p.latencyMs.p99), usd(p.cost.perResumeUsd),
          `${pct(p.errorRate)} (${p.errors.length})`, pct(p.schemaRepairRate), `${pct(p.grounding.rate)} (${p.grounding.droppedValues} values)`, String(p.cached),
        ]),
      },
    },
    { kind: 'heading', level: 2, text: 'Per field: precision / recall / F1' },
    {
      kind: 'table',
      table: {
        headers: ['field', 'n', ...r.providers.map((p) => p.provider)],
        rows: FIELDS.map((f) => [f, String(r.providers[0]?.fields[f].n ?? 0), ...r.providers.map((p) => `${pct(p.fields[f].precision)} / ${pct(p.fields[f].recall)} / ${pct(p.fields[f].f1)}`)]),
      },
    },
  ];
  if (charts) {
    blocks.push({
      kind: 'chart',
      svg: groupedBarChart({ title: 'F1 per field (%)', categories: [...FIELDS, 'micro'], series: r.providers.map((p) => ({ name: p.provider, values: [...FIELDS.map((f) => p.fields[f].f1), p.micro.f1] })), max: 1, format: (v) => (v * 100).toFixed(1) }),
    });
    blocks.push({
      kind: 'chart',
      svg: spreadChart({ title: 'Latency of each parse (log scale)', unit: 'ms', rows: r.providers.map((p) => ({ name: p.provider, values: p.latencySamplesMs, marks: [{ label: 'p50', value: p.latencyMs.p50 }, { label: 'p95', value: p.latencyMs.p95 }, { label: 'p99', value: p.latencyMs.p99 }] })) }),
    });
    blocks.push({
      kind: 'chart',
      svg: groupedBarChart({ title: 'Cost per resume (USD)', categories: ['cost / resume'], series: r.providers.map((p) => ({ name: p.provider, values: [p.cost.perResumeUsd] })), format: usd }),
    });
  }
  for (const pair of r.pairs) {
    blocks.push({ kind: 'heading', level: 2, text: `${pair.b} vs ${pair.a}` });
    blocks.push({
      kind: 'text',
      text: `Agreement (compareParses) over ${pair.agreement.n} resumes both parsed: ${pct(pair.agreement.overall)} %. Δ = F1(${pair.b}) − F1(${pair.a}) in points.`,
    });
    blocks.push({
      kind: 'table',
      table: {
        headers: ['metric', 'n', `F1 ${pair.a}`, `F1 ${pair.b}`, 'Δ', '95 % CI', 'p'],
        rows: pair.differences.map((d) => [d.metric, String(d.n), pct(d.a), pct(d.b), signedPct(d.difference), interval(d.ci95), pValue(d.pValue)]),
      },
    });
    blocks.push({
      kind: 'table',
      table: { caption: 'Field agreement', headers: ['field', 'n', 'agreement %'], rows: pair.agreement.fields.map((f) => [f.field, String(f.n), pct(f.mean)]) },
    });
  }
  blocks.push({ kind: 'text', text: `Statistics: ${r.statistics.interval}; ${r.statistics.test}; ${r.statistics.resamples} resamples, seed ${r.statistics.seed}.` });
  const failures = r.providers.flatMap((p) => p.errors.slice(0, 10).map((e) => [p.provider, e.id, e.code, e.message.slice(0, 160)]));
  if (failures.length > 0) blocks.push({ kind: 'table', table: { caption: 'Failures (first 10 per provider)', headers: ['provider', 'resume', 'code', 'message'], rows: failures } });
  return blocks;
}

function matchBlocks(doc: MatchDocument, charts: boolean): Block[] {
  const r = doc.report;
  const blocks: Block[] = [
    { kind: 'text', text: `Report ${doc.id}, ${doc.createdAt}. ${r.queries} queries over ${r.jobs} jobs; NDCG@${r.k} and recall@${r.k} in %.` },
    {
      kind: 'table',
      table: {
        headers: ['configuration', ...RANKING_STRATEGIES.flatMap((s) => [`${s} NDCG`, `${s} recall`]), 'rank p50 ms'],
        rows: r.configurations.map((c) => [c.name, ...RANKING_STRATEGIES.flatMap((s) => [pct(c.strategies[s].ndcg10), pct(c.strategies[s].recall10)]), ms(c.rankLatencyMs.p50)]),
      },
    },
  ];
  if (charts) {
    blocks.push({
      kind: 'chart',
      svg: groupedBarChart({ title: `NDCG@${r.k} per strategy (%)`, categories: [...RANKING_STRATEGIES], series: r.configurations.map((c) => ({ name: c.name, values: RANKING_STRATEGIES.map((s) => c.strategies[s].ndcg10) })), max: 1, format: (v) => (v * 100).toFixed(1) }),
    });
  }
  if (r.differences.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'Against the baseline (hybrid ranking)' });
    blocks.push({
      kind: 'table',
      table: {
        headers: ['baseline', 'candidate', 'metric', 'n', 'Δ', '95 % CI', 'p'],
        rows: r.differences.map((d) => [d.baseline, d.candidate, d.metric, String(d.n), signedPct(d.difference), interval(d.ci95), pValue(d.pValue)]),
      },
    });
  }
  blocks.push({ kind: 'text', text: `Statistics: ${r.statistics.interval}; ${r.statistics.test}; ${r.statistics.resamples} resamples, seed ${r.statistics.seed}.` });
  return blocks;
}

function blocksOf(doc: EvalDocument, charts: boolean): Block[] {
  return doc.kind === 'parse' ? parseBlocks(doc, charts) : matchBlocks(doc, charts);
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownTable(t: Table): string {
  const lines = [`| ${t.headers.map(mdCell).join(' | ')} |`, `|${t.headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...t.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
  return `${t.caption ? `*${t.caption}*\n\n` : ''}${lines.join('\n')}`;
}

export function renderMarkdown(doc: EvalDocument): string {
  const out = [`# ${title(doc)}`];
  for (const b of blocksOf(doc, false)) {
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${b.text}`);
    else if (b.kind === 'text') out.push(b.text);
    else if (b.kind === 'table') out.push(markdownTable(b.table));
  }
  return `${out.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// HTML

function htmlTable(t: Table): string {
  const head = `<tr>${t.headers.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${i === 0 ? ' class="label"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>${t.caption ? `<caption>${escapeXml(t.caption)}</caption>` : ''}<thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}td.label{text-align:left}caption{text-align:left;font-style:italic;padding:4px 0}
figure{margin:1.5rem 0}svg{max-width:100%;height:auto}`;

export function renderHtml(doc: EvalDocument): string {
  const body = blocksOf(doc, true)
    .map((b) => {
      if (b.kind === 'heading') return `<h${b.level}>${escapeXml(b.text)}</h${b.level}>`;
      if (b.kind === 'text') return `<p>${escapeXml(b.text)}</p>`;
      if (b.kind === 'table') return htmlTable(b.table);
      return `<figure>${b.svg}</figure>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title(doc))}</title><style>${STYLE}</style></head>
<body><h1>${escapeXml(title(doc))}</h1>
${body}
</body></html>
`;
}

// ---------------------------------------------------------------------------------------------------------
// Terminal

/** The comparison at a glance for a terminal: one line per provider, then each pair's micro F1 difference. */
export function renderTerminal(doc: ParseDocument): string {
  const r = doc.report;
  const lines = [
    `${r.n} resumes${r.dataset ? ` from ${r.dataset}` : ''} — report ${doc.id}`,
    '',
    `${'provider'.padEnd(10)}${'P'.padStart(7)}${'R'.padStart(7)}${'F1'.padStart(7)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'$/resume'.padStart(11)}${'errors'.padStart(8)}${'repair'.padStart(8)}${'ground'.padStart(8)}${'cached'.padStart(8)}`,
  ];
  for (const p of r.providers) {
    lines.push(
      `${p.provider.padEnd(10)}${pct(p.micro.precision).padStart(7)}${pct(p.micro.recall).padStart(7)}${pct(p.micro.f1).padStart(7)}${ms(p.latencyMs.p50).padStart(10)}${ms(p.latencyMs.p95).padStart(10)}${ms(p.latencyMs.p99).padStart(10)}${usd(p.cost.perResumeUsd).padStart(11)}${pct(p.errorRate).padStart(8)}${pct(p.schemaRepairRate).padStart(8)}${pct(p.grounding.rate).padStart(8)}${String(p.cached).padStart(8)}`,
    );
  }
  lines.push('', `per-field F1 (n): ${FIELDS.map((f) => `${f} ${r.providers.map((p) => pct(p.fields[f].f1)).join('/')} (${r.providers[0]?.fields[f].n ?? 0})`).join(', ')}`);
  for (const pair of r.pairs) {
    const micro = pair.differences.find((d) => d.metric === 'micro');
    const significant = pair.differences.filter((d) => d.metric !== 'micro' && d.pValue !== null && d.pValue < 0.05).map((d) => `${d.metric} ${signedPct(d.difference)}`);
    lines.push(
      `${pair.b} vs ${pair.a}: micro F1 ${signedPct(micro?.difference ?? null)} points, 95 % CI ${interval(micro?.ci95 ?? null)}, p ${pValue(micro?.pValue ?? null)}; agreement ${pct(pair.agreement.overall)} %${significant.length ? `; fields with p < 0.05: ${significant.join(', ')}` : ''}`,
    );
  }
  lines.push('(P, R, F1, rates in %; latency nearest-rank over successful parses)');
  return lines.join('\n');
}
