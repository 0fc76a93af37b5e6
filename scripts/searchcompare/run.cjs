// Compares colophon's search (internal/web: search.go, search.js) with Pagefind 1.6.0's on the same
// web editions, for the README's "Search" section: the index's size, whether each query finds
// the document that holds the word, and the time a query takes in Chromium.
//
//   cd scripts/searchcompare && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts
//   node run.cjs LANGUAGES_WEB_DIR LARGE_WEB_DIR
//
// LANGUAGES_WEB_DIR is the web/ folder of the edition in four languages (internal/gen's
// languages), LARGE_WEB_DIR that of `colophon generate 250`. Each is copied, Pagefind indexes
// the copy (the text of <main>, without the sidenotes' copies of the notes, the citation links
// and the page markers), and both are queried through the same local server on 127.0.0.1.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');

const [langsDir, largeDir] = process.argv.slice(2);
if (!langsDir || !largeDir) {
  console.error('usage: node run.cjs LANGUAGES_WEB_DIR LARGE_WEB_DIR');
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'searchcompare-'));
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.ttf': 'font/ttf', '.png': 'image/png', '.jpg': 'image/jpeg', '.wasm': 'application/wasm' };

function copy(dir, name) {
  const to = path.join(work, name);
  fs.cpSync(dir, to, { recursive: true, dereference: true, filter: (p) => !p.includes(path.sep + 'downloads') });
  execFileSync(path.join(__dirname, 'node_modules', '.bin', 'pagefind'), ['--site', to, '--root-selector', 'main',
    '--exclude-selectors', '.sidenote, .cite, .page, .how-to-cite, .handouts, nav.pager'], { stdio: 'ignore' });
  return to;
}

function sizes(dir) {
  let bytes = 0, gz = 0, files = 0;
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const data = fs.readFileSync(p);
        files++;
        bytes += data.length;
        // Pagefind's files are gzipped already; colophon's JSON is as a host would serve it gzipped.
        gz += /\.(json)$/.test(p) ? zlib.gzipSync(data).length : data.length;
      }
    }
  })(dir);
  return { files, bytes, gz };
}

async function main() {
  const sites = { languages: copy(langsDir, 'languages'), large: copy(largeDir, 'large') };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [, site, ...rest] = decodeURIComponent(url.pathname).split('/');
    const file = sites[site] && path.join(sites[site], ...rest);
    if (!file || !file.startsWith(sites[site]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end(); return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const browser = await puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium', headless: true,
    userDataDir: path.join(work, 'chromium'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage();

  async function colophon(site, q) {
    await page.goto(base + site + '/search.html', { waitUntil: 'load' });
    return page.evaluate(async (q) => {
      const input = document.querySelector('input[type="search"]'), list = document.getElementById('results');
      const t0 = performance.now();
      input.value = q; input.dispatchEvent(new Event('input'));
      while (!list.hasAttribute('data-done') && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
      const urls = Array.from(list.querySelectorAll('.result-title'), (a) => a.getAttribute('href'));
      const ms = Number(list.getAttribute('data-ms'));
      // Again, from the cache.
      list.removeAttribute('data-done'); input.value = q + ' '; input.dispatchEvent(new Event('input'));
      const t1 = performance.now();
      while (!list.hasAttribute('data-done') && performance.now() - t1 < 5000) await new Promise((r) => setTimeout(r, 2));
      return { urls, cold: ms, warm: Number(list.getAttribute('data-ms')) };
    }, q);
  }
  async function pagefind(site, q) {
    await page.goto(base + site + '/index.html', { waitUntil: 'load' });
    return page.evaluate(async (q) => {
      const pf = await import('./pagefind/pagefind.js');
      await pf.init();
      let t0 = performance.now();
      let r = await pf.search(q);
      let data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      const cold = performance.now() - t0;
      t0 = performance.now();
      r = await pf.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return { urls: data.map((d) => d.url.replace(/^.*\//, '')), cold, warm: performance.now() - t0 };
    }, q);
  }

  const quality = [
    ['assembly', 'leaflet.html', 'English'],
    ['Gewerkschaft', 'lied.html', 'German, the first part of a compound (Gewerkschaftsvertretung)'],
    ['vertretung', 'lied.html', 'German, the last part of a compound (Gewerkschaftsvertretung)'],
    ['schutz', 'lied.html', 'German, a middle part (Arbeiterschutzbestimmungen)'],
    ['strasse', 'lied.html', 'German ß typed as ss (Straße)'],
    ['unterstutzung', 'lied.html', 'German without its umlaut (Unterstützungskassen)'],
    ['recu', 'lettre.html', 'French without its cedilla (reçu)'],
    ['fraternite', 'lettre.html', 'French without its accent (fraternité)'],
    ['contredit', 'lettre.html', "French after an elision (l'a contredit)"],
    ['ПРЕДСЕДАТЕЛЬ', 'pismo.html', 'Russian in capitals'],
    ['председат', 'pismo.html', 'Russian, the beginning of a word'],
  ];
  const rows = [];
  for (const [q, want, what] of quality) {
    const c = await colophon('languages', q), p = await pagefind('languages', q);
    rows.push(`| ${what} | \`${q}\` | ${c.urls[0] === want ? 'found' : 'not found'} | ${p.urls.includes(want) ? 'found' : 'not found'} |`);
  }
  const timing = [];
  for (const q of ['committee', 'workers', 'stalin leadership', 'archive copy']) {
    const c = await colophon('large', q), p = await pagefind('large', q);
    timing.push(`| \`${q}\` | ${c.urls.length} docs, ${c.cold.toFixed(0)} ms / ${c.warm.toFixed(0)} ms | ${p.urls.length}+ docs, ${p.cold.toFixed(0)} ms / ${p.warm.toFixed(0)} ms |`);
  }
  await browser.close();
  server.close();

  const ours = sizes(path.join(sites.large, 'search')), theirs = sizes(path.join(sites.large, 'pagefind'));
  console.log('| index of 250 documents | colophon | Pagefind 1.6.0 |\n| --- | --- | --- |');
  console.log(`| files | ${ours.files} | ${theirs.files} |`);
  console.log(`| bytes as stored | ${ours.bytes} | ${theirs.bytes} |`);
  console.log(`| bytes as served gzipped | ${ours.gz} | ${theirs.gz} |`);
  console.log('\n| query (edition in four languages) | typed | colophon | Pagefind |\n| --- | --- | --- | --- |');
  console.log(rows.join('\n'));
  console.log('\n| query (250 documents) | colophon: results, first / again | Pagefind: results (first 10 loaded), first / again |\n| --- | --- | --- |');
  console.log(timing.join('\n'));
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
