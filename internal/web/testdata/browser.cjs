// The web edition's browser checks, run by browser_test.go in one Chromium for the whole test
// binary: axe-core's WCAG 2.2 A/AA rules at 1280 and 390 px (and its colour contrast in the dark scheme), no page
// wider than a 390 px screen, searches typed into the search box, the time a query takes, and
// search.js's folding of words. The sites are served from a small server on 127.0.0.1 under a
// path of their own (/NAME/), which shows that their links are relative.
//
// Input (a JSON file named on the command line):
//   {chromium, axe, sites: {NAME: DIR}, urls: {NAME: URL}, pages: [[NAME, PAGE]], searches: [{site, query, expect}],
//    timing: {site, queries}, fold: [STRING]}
// Output (stdout): {violations: [...], overflow: [...], searches: [...], timing: [...], fold: [...]}
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const puppeteer = require('puppeteer-core');

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.ttf': 'font/ttf', '.png': 'image/png', '.jpg': 'image/jpeg', '.xml': 'application/xml' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [, site, ...rest] = decodeURIComponent(url.pathname).split('/');
    const root = input.sites[site];
    let file = root && path.join(root, ...rest);
    if (file && !file.startsWith(root)) file = null;
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const server = await serve();
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const userDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'colophon-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: input.chromium,
    headless: true,
    userDataDir: userDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const out = { violations: [], overflow: [], searches: [], timing: [], fold: [], pages: 0 };
  try {
    const page = await browser.newPage();
    // A site with a url in book.yaml links its 404 page to that address (a host serves the page at
    // any depth): those requests are answered from the site's folder, as its host would.
    const urls = input.urls || {};
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      for (const [site, prefix] of Object.entries(urls)) {
        if (req.url().startsWith(prefix)) {
          const rest = decodeURIComponent(new URL(req.url()).pathname.slice(new URL(prefix).pathname.length)) || 'index.html';
          const file = path.join(input.sites[site], rest);
          if (file.startsWith(input.sites[site]) && fs.existsSync(file) && fs.statSync(file).isFile()) {
            req.respond({ status: 200, contentType: types[path.extname(file)] || 'application/octet-stream', body: fs.readFileSync(file) });
          } else {
            req.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
          }
          return;
        }
      }
      req.continue();
    });
    const axe = fs.readFileSync(input.axe, 'utf8');
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
    for (const [site, p] of input.pages) {
      for (const [width, scheme] of [[1280, 'light'], [390, 'light'], [1280, 'dark']]) {
        await page.setViewport({ width, height: 900 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(base + site + '/' + p, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        await page.evaluate(axe);
        // In the dark scheme only the colours change: the other rules ran in the light one.
        const only = scheme === 'dark' ? { type: 'rule', values: ['color-contrast'] } : { type: 'tag', values: tags };
        const result = await page.evaluate((only) => axe.run(document, { runOnly: only }), only);
        for (const v of result.violations) {
          out.violations.push({ site, page: p, width, scheme, id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary).slice(0, 5) });
        }
        if (width === 390) {
          const wide = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
          if (wide.scroll > wide.view) out.overflow.push({ site, page: p, scheme, scrollWidth: wide.scroll, width: wide.view });
        }
        out.pages++;
      }
    }
    // Searches, typed into the search box of the search page.
    for (const s of input.searches) {
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(base + s.site + '/search.html', { waitUntil: 'load' });
      await page.type('input[type="search"]', s.query);
      let links = [];
      try {
        await page.waitForFunction(() => document.querySelector('#results[data-done]') && document.querySelectorAll('#results li').length > 0, { timeout: 5000 });
        links = await page.$$eval('#results li', (lis) => lis.map((li) => ({
          title: li.querySelector('.result-title').getAttribute('href'),
          passage: li.querySelector('.snippet a').getAttribute('href'),
          marked: Array.from(li.querySelectorAll('mark'), (m) => m.textContent),
        })));
      } catch (e) { /* no results: reported as such */ }
      let resolves = false;
      if (links.length) {
        const [file, frag] = links[0].passage.split('#');
        await page.goto(base + s.site + '/' + file, { waitUntil: 'load' });
        resolves = await page.evaluate((id) => !!document.getElementById(id), frag);
      }
      out.searches.push({ site: s.site, query: s.query, expect: s.expect, results: links, resolves });
    }
    // Query times, from a fresh page (the first query fetches the index), as the results list
    // records them: from the query to the results shown.
    if (input.timing) {
      await page.goto(base + input.timing.site + '/search.html', { waitUntil: 'load' });
      for (const q of input.timing.queries) {
        const ms = await page.evaluate(async (q) => {
          const input = document.querySelector('input[type="search"]');
          const list = document.getElementById('results');
          list.removeAttribute('data-done');
          input.value = q;
          input.dispatchEvent(new Event('input'));
          const start = performance.now();
          while (!list.hasAttribute('data-done') && performance.now() - start < 5000) await new Promise((r) => setTimeout(r, 2));
          return { results: Number(list.getAttribute('data-ms')), snippets: Number(list.getAttribute('data-snippets-ms')) };
        }, q);
        out.timing.push({ query: q, ms: ms.results, snippets: ms.snippets });
      }
    }
    if (input.fold && input.fold.length) {
      await page.goto(base + Object.keys(input.sites)[0] + '/index.html', { waitUntil: 'load' });
      out.fold = await page.evaluate((ws) => ws.map((w) => window.colophonFold(w)), input.fold);
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
