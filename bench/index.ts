/**
 * `npm run bench [-- parse|match|overhead|routing|cache]`: prints figures, asserts nothing. Run on a quiet machine; numbers from a
 * loaded one are upper bounds.
 */
import { benchCache } from './cache.js';
import { benchMatch } from './match.js';
import { benchOverhead } from './overhead.js';
import { benchParse } from './parse.js';
import { benchRouting } from './routing.js';

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
console.log(`jobmatch-ai bench — node ${process.version}, ${new Date().toISOString()}\n`);
if (all || which.has('parse')) {
  await benchParse();
  console.log();
}
if (all || which.has('match')) {
  await benchMatch();
  console.log();
}
if (all || which.has('overhead')) {
  await benchOverhead();
  console.log();
}
if (all || which.has('routing')) {
  await benchRouting();
  console.log();
}
if (all || which.has('cache')) await benchCache();
