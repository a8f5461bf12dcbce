// What the Home page costs on a first visit, from the build in dist/ (run after `vite build`): the JS and CSS
// the browser fetches for "/" (index.html's scripts and styles, their static imports, and the Home route's
// lazy chunks with theirs), raw and gzipped, and the number of requests. Fails when the JS is over budget.
// Usage: node scripts/first-load.js [--no-budget]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Set from the measurement with Amplify loaded only where a session may exist (409.8 kB raw, 132.4 kB gzipped;
// React and the router are 77% of it), with ~7% headroom.
const BUDGET = { jsRaw: 440_000, jsGzip: 142_000 };
// The modules the Home route loads lazily (router.jsx), besides the entry.
const HOME_ROUTE_MODULES = ['src/pages/HomePage.jsx'];

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');

const files = new Set();
const seen = new Set();
function addChunk(key) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  files.add(chunk.file);
  (chunk.css || []).forEach((css) => files.add(css));
  (chunk.imports || []).forEach(addChunk);
}

// Plain scripts of index.html (public/theme.js), which Vite leaves as they are.
for (const [, src] of html.matchAll(/<script(?![^>]*type="module")[^>]*\ssrc="\/([^"]+)"/g)) files.add(src);
Object.keys(manifest)
  .filter((key) => manifest[key].isEntry)
  .forEach(addChunk);
for (const module of HOME_ROUTE_MODULES) {
  if (manifest[module]) addChunk(module);
}

const totals = { js: { raw: 0, gzip: 0, requests: 0 }, css: { raw: 0, gzip: 0, requests: 0 } };
const rows = [];
for (const file of files) {
  const bytes = readFileSync(path.join(dist, file));
  const kind = file.endsWith('.css') ? 'css' : 'js';
  const gzip = gzipSync(bytes, { level: 9 }).length;
  totals[kind].raw += bytes.length;
  totals[kind].gzip += gzip;
  totals[kind].requests += 1;
  rows.push([file, bytes.length, gzip]);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log('First load of the Home page (what the browser fetches besides index.html):');
for (const [file, raw, gzip] of rows.sort((a, b) => b[1] - a[1])) {
  console.log(`  ${file.padEnd(40)} ${kB(raw).padStart(10)}  gzip ${kB(gzip).padStart(9)}`);
}
for (const kind of ['js', 'css']) {
  const { raw, gzip, requests } = totals[kind];
  console.log(`  ${kind.toUpperCase()}: ${requests} request(s), ${kB(raw)} raw, ${kB(gzip)} gzipped`);
}

if (!process.argv.includes('--no-budget')) {
  const over = [];
  if (totals.js.raw > BUDGET.jsRaw) over.push(`raw ${kB(totals.js.raw)} > ${kB(BUDGET.jsRaw)}`);
  if (totals.js.gzip > BUDGET.jsGzip) over.push(`gzipped ${kB(totals.js.gzip)} > ${kB(BUDGET.jsGzip)}`);
  if (over.length) {
    console.error(`First-load JS is over its budget (scripts/first-load.js): ${over.join(', ')}`);
    process.exit(1);
  }
  console.log(`  within the budget: JS ≤ ${kB(BUDGET.jsRaw)} raw, ≤ ${kB(BUDGET.jsGzip)} gzipped`);
}
