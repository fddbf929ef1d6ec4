/* global document, location */
// The console's entry point: every page is the same shell (index.html); this picks the page by path.
import { h, replace } from './dom.js';

const PAGES = {
  '/': { title: 'Overview', load: () => import('./home.js') },
  '/dashboard': { title: 'Migration control', load: () => import('./dashboard.js') },
  '/live': { title: 'Live metrics', load: () => import('./metrics.js') },
  '/playground': { title: 'Playground', load: () => import('./playground.js') },
  '/reports': { title: 'Evaluation reports', load: () => import('./reports.js') },
};

async function start() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const page = PAGES[path] ?? PAGES['/'];
  document.title = `${page.title} · jobmatch-ai`;
  for (const link of document.querySelectorAll('.site-header nav a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
  }
  const main = document.getElementById('main');
  try {
    const module = await page.load();
    replace(main, h('h1', {}, page.title));
    await module.render(main);
  } catch (err) {
    replace(main, h('h1', {}, page.title), h('p', { class: 'message error', role: 'alert' }, `This page could not load: ${err.message}`));
  }
}

start();
