// The library search on a phone-sized CPU: serves SITE, slows Chromium's
// CPU down RATE times (CDP Emulation.setCPUThrottlingRate) and measures how
// long the library page takes to be parsed (its static list holds every
// case), to fetch the index and until its search box appears (the index
// parsed, the first results drawn), and how long each query takes until its results and
// count are on the page (the script waits 60 ms after the last keystroke
// before it searches; that wait is left out). Best of RUNS.
//   node tests/site/search-bench.js SITE [RATE...]
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core'));
const harness = require('./harness');

const site = path.resolve(process.argv[2]);
const rates = process.argv.slice(3).map(Number);
const queries = ['山东省', '制造业', '2024', '（四）', '质量', '全面质量管理 山东', 'QB2025-001', '不可能出现的词'];
const RUNS = 3;
const DEBOUNCE = 60;

(async () => {
  const server = await harness.serve(site);
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const index = fs.statSync(path.join(site, 'cases', 'index.json')).size;
  const ncases = JSON.parse(fs.readFileSync(path.join(site, 'cases', 'index.json'), 'utf8')).cases.length;
  console.log('search index: cases/index.json ' + index + ' bytes for ' + ncases + ' cases (' +
    Math.round(index / ncases) + ' bytes a case); verify/index.json ' +
    fs.statSync(path.join(site, 'verify', 'index.json')).size + ' bytes; static/qb.js ' +
    fs.statSync(path.join(site, 'static', 'qb.js')).size + ' bytes');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  for (const rate of rates.length ? rates : [1, 4, 6]) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    let ready = [Infinity];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(base + 'cases/', { waitUntil: 'commit' });
      await page.waitForFunction(() => !document.querySelector('form.search').hidden, null, { timeout: 120000, polling: 10 });
      const t = await page.evaluate(() => [performance.now(), performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        performance.getEntriesByType('resource').find((r) => r.name.endsWith('index.json')).responseEnd]);
      if (t[0] < ready[0]) ready = t.map(Math.round);
    }
    const times = [];
    for (const q of queries) {
      let best = Infinity;
      let n = '';
      for (let i = 0; i < RUNS; i++) {
        await page.fill('#qb-q', '');
        await page.waitForTimeout(300);
        const r = await page.evaluate((args) => new Promise((resolve) => {
          const input = document.getElementById('qb-q');
          const count = document.getElementById('qb-count');
          const before = count.textContent;
          const obs = new MutationObserver(() => {
            obs.disconnect();
            resolve([performance.now() - t0, count.textContent]);
          });
          obs.observe(count, { childList: true, characterData: true, subtree: true });
          input.value = args.q;
          const t0 = performance.now();
          input.dispatchEvent(new Event('input'));
          setTimeout(() => { if (count.textContent === before) { obs.disconnect(); resolve([performance.now() - t0, before]); } }, 60000);
        }), { q });
        best = Math.min(best, r[0] - DEBOUNCE);
        n = r[1];
      }
      times.push(best);
      console.log('  CPU ÷' + rate + '  "' + q + '": ' + Math.max(0, Math.round(best)) + ' ms  (' + n + ')');
    }
    console.log('CPU ÷' + rate + ': library page parsed in ' + ready[1] + ' ms, index fetched by ' + ready[2] +
      ' ms, search ready at ' + ready[0] + ' ms; query median ' +
      Math.round(times.slice().sort((a, b) => a - b)[Math.floor(times.length / 2)]) + ' ms, slowest ' + Math.round(Math.max(...times)) + ' ms');
    await ctx.close();
  }
  await browser.close();
  server.close();
})();
