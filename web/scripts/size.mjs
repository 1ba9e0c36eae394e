// Prints the gzipped size of every file of the built bundle and the initial
// JavaScript of each page (its entry script, modulepreloads and their static
// imports — lazily imported chunks such as the graph drawing excluded).
// Fails when the explorer's initial JS exceeds the budget (300 KB gzipped).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const BUDGET = 300 * 1024;
const gz = (p) => gzipSync(readFileSync(join(dist, p)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** initialJS follows the entry's static imports (not import()). */
export function initialJS(html) {
  const start = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...start];
  while (queue.length) {
    const f = queue.shift();
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(join(dist, f), 'utf8');
    for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[\w${}\s,*]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

const files = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).sort();
console.log('bundle (gzipped):');
for (const f of files) console.log(`  ${kb(gz(f)).padStart(10)}  ${f}`);
let failed = false;
for (const page of ['index.html', 'graphiql.html']) {
  const js = initialJS(readFileSync(join(dist, page), 'utf8'));
  const total = js.reduce((s, f) => s + gz(f), 0);
  const css = [...readFileSync(join(dist, page), 'utf8').matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].reduce((s, m) => s + gz(m[1]), 0);
  console.log(`${page}: initial JS ${kb(total)} gzipped (${js.join(', ')}), CSS ${kb(css)}`);
  if (page === 'index.html' && total > BUDGET) {
    console.error(`FAIL: the explorer's initial JS is ${kb(total)} gzipped, over the budget of ${kb(BUDGET)}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
