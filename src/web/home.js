// Overview: what each page is for, and which server this is.
import { api, h } from './dom.js';

const SECTIONS = [
  ['/dashboard', 'Migration control', 'Routing per capability, guarded rollouts, the kill switch and the audit log. Needs the admin token.'],
  ['/live', 'Live metrics', 'Requests, error rate, latency, cost, cache hits and shadow agreement per provider and cohort, against the SLOs.'],
  ['/playground', 'Playground', 'Parse a resume, see where each value came from, find matching jobs, and compare two providers side by side.'],
  ['/reports', 'Evaluation reports', 'Stored results of `jobmatch eval`: field-level precision, recall and latency per provider.'],
];

export async function render(main) {
  const version = h('p', { class: 'hint' }, 'Checking the server…');
  main.append(
    version,
    h('ul', { class: 'cards' }, SECTIONS.map(([href, title, text]) => h('li', { class: 'card' }, h('h2', {}, h('a', { href }, title)), h('p', {}, text)))),
  );
  try {
    const health = await api('/healthz');
    version.textContent = `Server ${health.version}, up ${health.uptimeSeconds} s.`;
  } catch (err) {
    version.textContent = `The server did not answer: ${err.message}`;
  }
}
