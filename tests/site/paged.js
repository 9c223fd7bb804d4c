// The library's lists in pages, in headless Chromium: serves SITE (built
// with more published cases than a page holds) and opens /cases/page/2/ and
// a facet's second page. Without a query a page shows its own cards, count
// and pager; a search or a facet puts the search's list in their place and
// hides the pager; emptying the search brings the page back; an address
// with ?q= opens with its results.
//   node tests/site/paged.js SITE
// Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core'));
const harness = require('./harness');
const { searchText } = require('./search-model');

const site = path.resolve(process.argv[2]);
const check = harness.check;
const norm = (s) => String(s || '').normalize('NFKC').toLowerCase();

(async () => {
  const server = await harness.serve(site);
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const index = JSON.parse(fs.readFileSync(path.join(site, 'cases', 'index.json'), 'utf8'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const problems = [];
  const cards = (page) => page.$$eval('#qb-results > li.card', (els) =>
    els.map((e) => e.querySelector('a').getAttribute('href').replace(/^.*cases\//, '')));
  const pagerShown = (page) => page.$eval('.page-nav', (n) => !n.hidden && n.offsetParent !== null);
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

    for (const list of ['cases/page/2/', 'cases/focus/' + index.cases[0].f + '/page/2/']) {
      const file = fs.readFileSync(path.join(site, list, 'index.html'), 'utf8');
      const own = [...file.matchAll(/<li class="card"><h3 class="card-enterprise"><a href="([^"]*)"/g)]
        .map((m) => m[1].replace(/^.*cases\//, ''));
      await page.goto(base + list);
      await page.waitForSelector('form.search:not([hidden])', { timeout: 5000 });
      const staticCount = await page.textContent('#qb-count');
      check(list + ' opened without a query shows its own ' + own.length + ' cards, count line and pager once the search is ready',
        JSON.stringify(await cards(page)) === JSON.stringify(own) && own.length > 0 && await pagerShown(page) &&
        /\d+–\d+/.test(staticCount) && new URL(page.url()).search === '', staticCount + ' ' + page.url());

      const facet = list.startsWith('cases/focus/') ? index.cases[0].f : null;
      const q = index.cases.filter((c) => !facet || c.f === facet).pop().t.slice(0, 4);
      await page.fill('#qb-q', q);
      await page.waitForFunction((v) => new URLSearchParams(location.search).get('q') === v, q, { timeout: 3000 }).catch(() => {});
      await page.waitForTimeout(100);
      while (await page.$('#qb-more:not([hidden])')) await page.click('#qb-more');
      const want = index.cases.filter((c) => norm(searchText(index, c)).includes(norm(q)) && (!facet || c.f === facet))
        .map((c) => c.u);
      const got = await cards(page);
      check('a search on ' + list + ' ("' + q + '") lists its ' + want.length + ' results from every page and hides the pager',
        got.length === want.length && want.every((u) => got.includes(u)) && !(await pagerShown(page)),
        'shown ' + got.length + ', expected ' + want.length);

      await page.fill('#qb-q', '');
      await page.waitForTimeout(200);
      check('emptying the search on ' + list + ' brings back its cards, count line and pager',
        JSON.stringify(await cards(page)) === JSON.stringify(own) && await pagerShown(page) &&
        (await page.textContent('#qb-count')) === staticCount && new URL(page.url()).search === '', page.url());

      const year = await page.$eval('.facet a[data-facet="year"]', (a) => a.getAttribute('data-value'));
      await page.click('.facet a[data-facet="year"][data-value="' + year + '"]');
      await page.waitForTimeout(200);
      while (await page.$('#qb-more:not([hidden])')) await page.click('#qb-more');
      const byYear = index.cases.filter((c) => String(c.y) === year && (!facet || c.f === facet)).map((c) => c.u);
      const shown = await cards(page);
      check('picking the year ' + year + ' on ' + list + ' lists its ' + byYear.length + ' cases and hides the pager',
        shown.length === byYear.length && byYear.every((u) => shown.includes(u)) && !(await pagerShown(page)),
        'shown ' + shown.length + ', expected ' + byYear.length);
    }

    const q = index.cases[0].e.slice(0, 3);
    await page.goto(base + 'cases/page/2/?q=' + encodeURIComponent(q));
    await page.waitForSelector('form.search:not([hidden])');
    await page.waitForTimeout(150);
    while (await page.$('#qb-more:not([hidden])')) await page.click('#qb-more');
    const want = index.cases.filter((c) => norm(searchText(index, c)).includes(norm(q))).map((c) => c.u);
    const got = await cards(page);
    check('cases/page/2/?q=' + q + ' opens with the search filled in and its ' + want.length + ' results',
      (await page.inputValue('#qb-q')) === q && got.length === want.length && want.every((u) => got.includes(u)));
    check('no script errors or CSP violations', problems.length === 0, problems.join('\n'));
    await ctx.close();
  } catch (e) {
    check('the paged library test ran to the end', false, e.stack || e);
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(harness.failed() ? 1 : 0);
})();
