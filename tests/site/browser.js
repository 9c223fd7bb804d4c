// The site in headless Chromium: serves SITE from 127.0.0.1, opens the case
// library, types a search, picks a facet, checks the visible cases against
// the search index, looks up certificates, reads a facet page with
// JavaScript off, and saves screenshots at 375 and 1280 px into SHOTS.
//   node tests/site/browser.js SITE SHOTS
// Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core'));

const site = path.resolve(process.argv[2]);
const shots = path.resolve(process.argv[3]);
fs.mkdirSync(shots, { recursive: true });

const harness = require('./harness');
const serve = () => harness.serve(site);
const check = harness.check;


function norm(s) { return String(s || '').normalize('NFKC').toLowerCase(); }
const { searchText } = require('./search-model');

(async () => {
  const server = await serve();
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const index = JSON.parse(fs.readFileSync(path.join(site, 'cases', 'index.json'), 'utf8'));
  // Playwright gives each launch a fresh temporary profile.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const outside = [];
  async function newPage(width, js) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js !== false, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
    return page;
  }
  const visible = (page) => page.$$eval('#qb-results > li.card', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.querySelector('a').getAttribute('href')));

  try {
    const page = await newPage(1280);
    await page.goto(base + 'cases/');
    await page.waitForSelector('form.search:not([hidden])', { timeout: 5000 });
    check('the search box appears when the index has loaded', true);
    let hrefs = await visible(page);
    check('the library shows every published case', hrefs.length === index.cases.length,
      hrefs.length + ' shown, ' + index.cases.length + ' in the index');

    // A two-character Chinese query taken from a case's methods or title.
    const sample = index.cases[Math.floor(index.cases.length / 2)];
    const query = sample.t.slice(2, 4);
    const terms = norm(query).split(/\s+/).filter(Boolean);
    const hit = (c) => terms.every((t) => norm(searchText(index, c)).includes(t));
    await page.fill('#qb-q', query);
    await page.waitForTimeout(200);
    hrefs = await visible(page);
    let want = index.cases.filter(hit).map((c) => c.u);
    check('typing "' + query + '" shows the cases whose text contains it',
      hrefs.length === want.length && want.every((u) => hrefs.some((h) => h.endsWith(u))),
      'shown ' + hrefs.length + ', expected ' + want.length);
    check('the search narrows the list', want.length > 0 && (want.length < index.cases.length || index.cases.length === 1));
    const shownCounts = await page.$$eval('.facet a[data-facet="focus"]', (as) =>
      as.map((a) => [a.getAttribute('data-value'), a.querySelector('.count').textContent]));
    const wantCounts = shownCounts.map(([v]) => [v, String(index.cases.filter((c) => hit(c) && c.f === v).length)]);
    check('the focus facets count the cases the search leaves', JSON.stringify(shownCounts) === JSON.stringify(wantCounts),
      'shown ' + JSON.stringify(shownCounts) + ', expected ' + JSON.stringify(wantCounts));

    const focus = sample.f;
    await page.click('.facet a[data-facet="focus"][data-value="' + focus + '"]');
    await page.waitForTimeout(200);
    hrefs = await visible(page);
    want = index.cases.filter((c) => hit(c) && c.f === focus).map((c) => c.u);
    check('picking the focus facet "' + focus + '" combines with the search',
      hrefs.length === want.length && want.every((u) => hrefs.some((h) => h.endsWith(u))),
      'shown ' + hrefs.length + ', expected ' + want.length);
    check('the facet click stays on the library page', new URL(page.url()).pathname === '/cases/', page.url());
    check('the picked facet is marked', await page.$eval('.facet a[data-value="' + focus + '"]', (a) => a.getAttribute('aria-current') === 'true'));
    const countText = await page.textContent('#qb-count');
    check('the count line says how many cases are shown', countText.includes(String(want.length)), countText);
    await page.screenshot({ path: path.join(shots, 'cases-search-1280.png'), fullPage: true });

    await page.fill('#qb-q', '不可能出现的查询词');
    await page.waitForTimeout(150);
    check('a search without results says so', (await visible(page)).length === 0 &&
      (await page.textContent('#qb-count')).includes('没有'));
    await page.click('#qb-reset');
    await page.waitForTimeout(150);
    check('clearing shows every case again', (await visible(page)).length === index.cases.length);
    const allCounts = await page.$$eval('.facet a[data-facet="year"] .count', (els) => els.map((e) => Number(e.textContent)));
    check('clearing restores the year counts', allCounts.reduce((a, b) => a + b, 0) === index.cases.length, String(allCounts));

    const first = await page.$eval('#qb-results a', (a) => a.href);
    const resp = await page.goto(first);
    check('a case link from the search opens the case page', resp.status() === 200 && (await page.$('article.case h1')) !== null, first);

    // Certificate lookup.
    const certs = JSON.parse(fs.readFileSync(path.join(site, 'verify', 'index.json'), 'utf8'));
    await page.goto(base + 'verify/');
    await page.waitForSelector('#qb-verify:not([hidden])', { timeout: 5000 });
    await page.fill('#qb-cert', ' ' + certs[0][0].toLowerCase() + ' ');
    await Promise.all([page.waitForNavigation(), page.click('#qb-verify button')]);
    check('looking up a certificate number opens its verification page',
      new URL(page.url()).pathname === '/verify/' + certs[0][0] + '/' && (await page.$('.verdict')) !== null, page.url());
    await page.goto(base + 'verify/');
    await page.waitForSelector('#qb-verify:not([hidden])');
    await page.fill('#qb-cert', 'QB1900-999');
    await page.click('#qb-verify button');
    await page.waitForTimeout(150);
    check('an unknown certificate number is reported', (await page.textContent('#qb-verify-message')).includes('QB1900-999'));
    await page.context().close();

    // JavaScript off: the facet pages are the library.
    const nojs = await newPage(1280, false);
    await nojs.goto(base + 'cases/focus/' + focus + '/');
    const staticCards = await nojs.$$eval('#qb-results > li.card', (els) => els.length);
    check('with JavaScript off, /cases/focus/' + focus + '/ lists that focus area\'s cases',
      staticCards === index.cases.filter((c) => c.f === focus).length, staticCards);
    check('with JavaScript off, the search box stays hidden', (await nojs.$('form.search[hidden]')) !== null);
    await nojs.context().close();

    // Screenshots as a reader sees the site.
    const caseURL = base + 'cases/' + sample.u;
    const notice = fs.readdirSync(path.join(site, 'notices')).filter((n) => n.endsWith('-publicity')).sort().pop();
    const pages = [['home', ''], ['cases', 'cases/'], ['case', caseURL.slice(base.length)],
      ['notice', 'notices/' + notice + '/'], ['verify', 'verify/' + certs[0][0] + '/'], ['stats', 'stats/']];
    for (const width of [360, 375, 1280, 1440]) {
      const p = await newPage(width);
      for (const [name, url] of pages) {
        await p.goto(base + url);
        if (name === 'cases') await p.waitForSelector('form.search:not([hidden])');
        if (width === 375 || width === 1280) {
          await p.screenshot({ path: path.join(shots, name + '-' + width + '.png'), fullPage: name !== 'case' && name !== 'cases' });
        }
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(name + ' page has no sideways scrolling at ' + width + ' px', overflow <= 0, overflow + ' px too wide');
      }
      await p.context().close();
    }
    // The notice as printed: A4 with the print stylesheet.
    const pp = await newPage(1280);
    await pp.goto(base + 'notices/' + notice + '/');
    await pp.emulateMedia({ media: 'print' });
    const hidden = await pp.evaluate(() => ['.site-header', '.site-footer', '.crumbs'].every((s) =>
      getComputedStyle(document.querySelector(s)).display === 'none'));
    const title = await pp.evaluate(() => getComputedStyle(document.querySelector('.notice h1')).textAlign);
    const indent = await pp.evaluate(() => getComputedStyle(document.querySelector('.doc-body p')).textIndent);
    // GB/T 9704-2012: the issuer two characters from the right, the date
    // two characters right of the issuer's first.
    const sign = await pp.evaluate(() => {
      const em = parseFloat(getComputedStyle(document.querySelector('.doc-body p')).fontSize);
      const body = document.querySelector('.doc-body').getBoundingClientRect();
      const issuer = document.querySelector('.signature .issuer').getBoundingClientRect();
      const date = document.querySelector('.signature .date time').getBoundingClientRect();
      const right = Math.max(issuer.right, date.right);
      return Math.abs(body.right - right - 2 * em) < em / 2 && Math.abs(date.left - issuer.left - 2 * em) < em / 2 ?
        'right' : [body.right, issuer.left, issuer.right, date.left, date.right, em].join('/');
    });
    check('a printed notice drops the site frame, centres the title, indents the body 2 characters, signs at the right',
      hidden && title === 'center' && parseFloat(indent) > 30 && sign === 'right', [hidden, title, indent, sign].join(' '));
    await pp.pdf({ path: path.join(shots, 'notice-print.pdf'), format: 'A4', preferCSSPageSize: true });
    check('the notice prints to an A4 PDF', fs.statSync(path.join(shots, 'notice-print.pdf')).size > 1000);
    await pp.context().close();

    check('no script errors or CSP violations', problems.length === 0, problems.join('\n'));
    check('nothing is loaded from outside the site', outside.length === 0, outside.join('\n'));
  } catch (e) {
    check('the browser test ran to the end', false, e.stack || e);
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(harness.failed() ? 1 : 0);
})();
