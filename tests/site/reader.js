// What readers, enterprises and analysts do with the site, in headless
// Chromium: search the library by every field a card or case shows, look
// certificates up by name and code, read the statistics, use the site on a
// phone, and use a copy built with --relative from files and over HTTP.
//   node tests/site/reader.js SITE RELATIVE MODEL.json SHOTS
// SITE is a site built for a web server, RELATIVE the same content built
// with --relative, MODEL.json the records of `qbpress model` (from
// tests/tools/qbmodel.py), the oracle every expectation is computed from.
// Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const { chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core'));
const harness = require('./harness');
const check = harness.check;

const site = path.resolve(process.argv[2]);
const rel = path.resolve(process.argv[3]);
const model = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
const shots = path.resolve(process.argv[5]);
fs.mkdirSync(shots, { recursive: true });

function norm(s) { return String(s).normalize('NFKC').toLowerCase(); }
const published = model.records.filter((r) => r.published)
  .sort((a, b) => b.year - a.year || a.position - b.position);
const url = (r) => r.year + '/' + r.id + '/';

// A published record's fields as a reader sees them: [key, text, visible on
// the card]. Independent of the search index: made from the model.
function modelFields(r) {
  return [['e', r.enterprise, true], ['t', r.experience, true], ['y', r.year + '年', true],
    ['f', r.focus_item + r.focus_name, false], ['r', r.region + ' ' + (r.region_short || ''), false],
    ['s', r.summary, true], ['m', r.methods.join('、'), false], ['k', r.keywords.join('、'), false],
    ['i', r.section_name + ' › ' + r.division_name, false], ['c', r.recommender, false], ['n', r.certificate, false]];
}
// The texts a card shows.
const cardTexts = (r) => [r.enterprise, r.experience, r.year + '年', r.focus_name, r.region, r.summary];
// The cases a query should find: each term in some field.
function oracle(q) {
  const terms = norm(q).split(/\s+/).filter(Boolean);
  return published.filter((r) => terms.every((t) => modelFields(r).some((f) => norm(f[1]).includes(t))));
}
const same = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

(async () => {
  const server = await harness.serve(site);
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const relServer = await harness.serve(rel);
  const relBase = 'http://127.0.0.1:' + relServer.address().port + '/';
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  async function newPage(width) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(page.url() + ': ' + m.text()); });
    page.on('pageerror', (e) => problems.push(page.url() + ': ' + String(e)));
    return page;
  }
  const shown = (page) => page.$$eval('#qb-results > li.card a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const ids = (hrefs) => hrefs.map((h) => h.replace(/^.*cases\//, '').replace(/index\.html$/, ''));
  async function search(page, q) {
    await page.fill('#qb-q', q);
    await page.waitForFunction((v) => new URLSearchParams(location.search).get('q') === v, q, { timeout: 3000 })
      .catch(() => {});
    await page.waitForTimeout(100);
    // Long lists come a page at a time.
    while (await page.$('#qb-more:not([hidden])')) await page.click('#qb-more');
    return ids(await shown(page));
  }
  // The marks and the why line of the card of record r.
  const cardOf = (page, r) => page.evaluate((u) => {
    const a = [...document.querySelectorAll('#qb-results > li.card a')].find((x) => x.getAttribute('href').includes(u));
    if (!a) return null;
    const li = a.closest('li');
    const why = li.querySelector('.card-why');
    return {
      marks: [...li.querySelectorAll('mark')].map((m) => [m.closest('[data-slot]').getAttribute('data-slot'), m.textContent]),
      why: why && !why.hidden ? why.textContent : '',
    };
  }, url(r));

  try {
    const page = await newPage(1280);
    await page.goto(base + 'cases/');
    await page.waitForSelector('form.search:not([hidden])', { timeout: 5000 });

    // The searches of the office's examples.
    const shandong = published.filter((r) => r.region_short === '山东').map(url);
    for (const q of ['山东', '山东省']) {
      const got = await search(page, q);
      check('"' + q + '" finds every Shandong case (' + shandong.length + ') and what else holds it',
        shandong.length > 0 && shandong.every((u) => got.includes(u)) && same(got, oracle(q).map(url)),
        'shown ' + got.join(' ') + '; expected ' + oracle(q).map(url).join(' '));
    }
    const examples = [['全面质量管理', (r) => r.focus === 'tqm'], ['制造业', (r) => r.section === 'C'],
      ['2024', (r) => r.year === 2024], ['（四）', (r) => r.focus === 'digital'], ['(四)', (r) => r.focus === 'digital']];
    for (const [q, which] of examples) {
      const got = await search(page, q);
      const all = published.filter(which).map(url);
      check('"' + q + '" finds every such case (' + all.length + ') and nothing without it',
        all.length > 0 && all.every((u) => got.includes(u)) && same(got, oracle(q).map(url)),
        'shown ' + got.join(' ') + '; expected ' + oracle(q).map(url).join(' '));
    }
    check('the query stays in the address', new URL(page.url()).searchParams.get('q') === '(四)', page.url());

    // One search for every kind of field: a record and a term its field holds
    // that no text on its card holds (so the match must be told), or, for a
    // field the card shows, the field's own text.
    const labels = { e: '企业名称', t: '典型经验', y: '遴选年度', f: '重点领域', r: '地区', s: '摘要', m: '主要方法',
      k: '关键词', i: '所属行业', c: '推荐单位', n: '证书编号' };
    const kinds = [['e', (r) => [r.enterprise.slice(2, 6)]], ['t', (r) => [r.experience.slice(0, 6)]],
      ['y', (r) => [String(r.year)]], ['f', (r) => [r.focus_item]], ['r', (r) => [r.region_short, r.region]],
      ['s', (r) => [r.summary.slice(4, 9)]], ['m', (r) => r.methods], ['k', (r) => r.keywords],
      ['i', (r) => [r.section_name, r.division_name]], ['c', (r) => [r.recommender]], ['n', (r) => [r.certificate]]];
    for (const [key, values] of kinds) {
      const visible = ['e', 't', 'y', 'r', 's'].includes(key);
      let pick = null;
      for (const r of published) {
        for (const v of values(r)) {
          const t = norm(v);
          const first = modelFields(r).find((f) => norm(f[1]).includes(t));
          if (!t || !first || (!visible && (first[0] !== key || cardTexts(r).some((x) => norm(x).includes(t))))) continue;
          pick = pick || [r, v];
        }
      }
      if (!pick) {
        check('the content has a case to search by field "' + labels[key] + '"', false);
        continue;
      }
      const [r, v] = pick;
      const got = await search(page, v);
      const card = await cardOf(page, r);
      const want = oracle(v).map(url);
      const told = card && (visible ? card.marks.some((m) => norm(m[1]).includes(norm(v)) || norm(v).includes(norm(m[1])))
        : card.why.includes(labels[key] + '：') && card.marks.some((m) => m[0] === 'why' && norm(m[1]) === norm(v)));
      check('searching the ' + labels[key] + ' "' + v + '" finds ' + want.length + ' case(s) and shows why (' +
        (visible ? 'marked on the card' : '"' + labels[key] + '" line, marked') + ')',
        same(got, want) && told, 'shown ' + got.join(' ') + '; expected ' + want.join(' ') + '; card ' + JSON.stringify(card));
    }
    await page.screenshot({ path: path.join(shots, 'search-why-1280.png') });

    // Title and name matches first: a term some titles or names hold and
    // other cases hold elsewhere only.
    let ranked = null;
    for (const r of published) {
      for (const text of [r.experience, r.enterprise]) {
        for (let i = 0; i + 2 <= text.length && !ranked; i++) {
          const t = text.slice(i, i + 2);
          const hits = oracle(t);
          const top = hits.filter((x) => norm(x.enterprise + '\n' + x.experience).includes(norm(t)));
          if (top.length && top.length < hits.length) ranked = [t, top.map(url), hits.map(url)];
        }
      }
    }
    if (ranked) {
      const got = await search(page, ranked[0]);
      const firstOther = got.findIndex((u) => !ranked[1].includes(u));
      check('"' + ranked[0] + '": the ' + ranked[1].length + ' cases whose name or title holds it come first',
        same(got, ranked[2]) && firstOther === ranked[1].length, got.join(' '));
    } else {
      check('the content has a term to test the ranking with', false);
    }

    // Facets: no value without cases unless picked; the count and the
    // picked values are announced.
    await search(page, '山东省');
    const facets = () => page.$$eval('.facet li', (lis) => lis.map((li) => ({
      hidden: li.hidden, count: Number(li.querySelector('.count').textContent),
      picked: li.querySelector('a').hasAttribute('aria-current'), value: li.querySelector('a').getAttribute('data-value'),
      facet: li.querySelector('a').getAttribute('data-facet') })));
    let fs1 = await facets();
    check('with a search, facet values without cases are hidden, the others shown',
      fs1.every((f) => f.hidden === (f.count === 0 && !f.picked)) && fs1.some((f) => f.hidden),
      JSON.stringify(fs1.filter((f) => f.hidden !== (f.count === 0))));
    const year = fs1.find((f) => f.facet === 'year' && !f.hidden);
    await page.click('.facet a[data-facet="year"][data-value="' + year.value + '"]');
    await page.waitForTimeout(150);
    const live = await page.$eval('#qb-count', (el) => [el.getAttribute('aria-live'), el.textContent]);
    check('the result count and the picked facet are announced (aria-live): "' + live[1] + '"',
      live[0] === 'polite' && live[1].includes(year.value + '年') && /\d/.test(live[1]));
    await search(page, '不可能出现的查询词');
    fs1 = await facets();
    const picked = fs1.find((f) => f.facet === 'year' && f.value === year.value);
    check('a picked facet value stays shown with no cases, the others hide',
      !picked.hidden && picked.count === 0 && fs1.filter((f) => !f.picked).every((f) => f.hidden));
    await page.click('#qb-reset');

    // A search shared by its address.
    await page.goto(base + 'cases/?q=' + encodeURIComponent('山东省'));
    await page.waitForSelector('form.search:not([hidden])');
    await page.waitForTimeout(150);
    while (await page.$('#qb-more:not([hidden])')) await page.click('#qb-more');
    check('/cases/?q=山东省 opens with the search filled in and its results',
      (await page.inputValue('#qb-q')) === '山东省' && same(ids(await shown(page)), oracle('山东省').map(url)));
    await page.screenshot({ path: path.join(shots, 'search-address-1280.png') });
    await page.context().close();

    // Certificate lookup by name and by code.
    const issued = model.records.filter((r) => r.issued);
    const vp = await newPage(375);
    async function lookup(q) {
      await vp.goto(base + 'verify/');
      await vp.waitForSelector('#qb-verify:not([hidden])');
      await vp.fill('#qb-cert', q);
      await vp.click('#qb-verify button');
      await vp.waitForTimeout(200);
      return vp.$$eval('#qb-found li', (lis) => lis.map((li) => ({
        href: li.querySelector('.found-name').getAttribute('href'),
        state: li.querySelector('.found-state').textContent,
        pdf: li.querySelector('.found-pdf') ? li.querySelector('.found-pdf').getAttribute('href') : null })));
    }
    const byName = issued.filter((r) => !r.revoked)[1];
    const part = byName.enterprise.slice(2, 5);
    let found = await lookup(part);
    let want = issued.filter((r) => r.enterprise.includes(part));
    const states = (list) => list.every((f) => {
      const r = issued.find((x) => f.href.includes('/' + x.certificate + '/'));
      return r && f.state === (r.revoked ? '已撤销' : '有效') &&
        (r.revoked ? f.pdf === null : f.pdf.endsWith('certificates/' + r.certificate + '.pdf'));
    });
    check('looking up part of a name ("' + part + '") lists its ' + want.length + ' certificate(s) with state and PDF',
      found.length === want.length && states(found), JSON.stringify(found));
    await vp.screenshot({ path: path.join(shots, 'verify-name-375.png'), fullPage: false });
    const revoked = issued.find((r) => r.revoked);
    if (revoked) {
      found = await lookup(revoked.enterprise);
      check('a revoked certificate found by name says 已撤销 and offers no PDF',
        found.length === 1 && found[0].state === '已撤销' && found[0].pdf === null, JSON.stringify(found));
    }
    const byCode = issued[issued.length - 1];
    found = await lookup(byCode.uscc.toLowerCase());
    want = issued.filter((r) => r.uscc === byCode.uscc);
    check('looking up a unified social credit code lists its certificate(s) with state and PDF',
      found.length === want.length && found.some((f) => f.href.includes(byCode.certificate)) && states(found),
      JSON.stringify(found));
    await lookup('QB1900-999');
    check('a lookup without a match says so', (await vp.textContent('#qb-verify-message')).includes('QB1900-999'));
    const valid = issued.find((r) => !r.revoked);
    await vp.goto(base + 'verify/' + valid.certificate + '/');
    check('a valid certificate\'s page links its PDF',
      (await vp.$('a[href$="certificates/' + valid.certificate + '.pdf"]')) !== null);
    await vp.context().close();

    // The statistics page: its figures are the model's counts.
    const sp = await newPage(375);
    await sp.goto(base + 'stats/');
    const tables = await sp.$$eval('table.stat-table', (ts) => ts.map((t) => ({
      caption: t.caption.textContent,
      rows: [...t.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
      foot: t.tFoot ? [...t.tFoot.rows[0].cells].map((c) => c.textContent.trim()) : null })));
    const charts = await sp.$$eval('svg.chart', (ss) => ss.map((s) => ({
      title: s.querySelector('title') ? s.querySelector('title').textContent : '',
      desc: s.querySelector('desc') ? s.querySelector('desc').textContent : '',
      values: [...s.querySelectorAll('.chart-value')].map((t) => t.textContent),
      labelled: s.getAttribute('role') === 'img' && s.hasAttribute('aria-labelledby') })));
    const byCaption = (c) => tables.find((t) => t.caption.startsWith(c));
    const years = model.campaigns.filter((c) => c.counted).map((c) => c.year).sort();
    const named = model.records.filter((r) => r.issued && years.includes(r.year));
    const wantYears = years.map((y) => {
      const rs = model.records.filter((r) => r.year === y);
      const c = model.campaigns.find((x) => x.year === y);
      const n = rs.filter((r) => r.issued);
      return [y + '年', String(rs.length), String(rs.filter((r) => r.withdrawn).length)].concat(c.announced
        ? [String(n.length), String(n.filter((r) => r.revoked).length), String(rs.filter((r) => r.published).length)]
        : ['尚未公告']);
    });
    const t1 = byCaption('各年度公示');
    check('statistics: benchmarks per year equal the model', t1 && JSON.stringify(t1.rows) === JSON.stringify(wantYears),
      JSON.stringify(t1 && t1.rows) + ' / ' + JSON.stringify(wantYears));
    const announced = model.campaigns.filter((c) => c.announced).map((c) => c.year).sort();
    const focusKeys = ['tqm', 'engineering', 'supply-chain', 'digital'];
    const wantFocus = announced.map((y) => {
      const n = named.filter((r) => r.year === y);
      return [y + '年'].concat(focusKeys.map((k) => String(n.filter((r) => r.focus === k).length)), [String(n.length)]);
    });
    const t2 = byCaption('各年度入选数量：按重点领域');
    check('statistics: focus areas per year equal the model', t2 && JSON.stringify(t2.rows) === JSON.stringify(wantFocus) &&
      JSON.stringify(t2.foot) === JSON.stringify(['合计'].concat(focusKeys.map((k) => String(named.filter((r) => r.focus === k).length)), [String(named.length)])),
    JSON.stringify(t2 && t2.rows));
    const count = (key) => {
      const m = new Map();
      named.forEach((r) => m.set(key(r), (m.get(key(r)) || 0) + 1));
      return m;
    };
    const t3 = byCaption('入选数量：按行业门类');
    const sec = count((r) => r.section_name);
    check('statistics: benchmarks by industry section equal the model',
      t3 && t3.rows.length === sec.size && t3.rows.every(([name, n]) => String(sec.get(name)) === n) &&
      t3.rows.every((row, i) => i === 0 || Number(t3.rows[i - 1][1]) >= Number(row[1])), JSON.stringify(t3 && t3.rows));
    const t4 = byCaption('入选数量：按省级行政区');
    const reg = count((r) => r.region);
    check('statistics: benchmarks by province, ranked, equal the model',
      t4 && t4.rows.length === reg.size && t4.rows.every(([rank, name, n]) => String(reg.get(name)) === n &&
        rank === String(1 + [...reg.values()].filter((v) => v > Number(n)).length)), JSON.stringify(t4 && t4.rows));
    const rv = model.records.filter((r) => r.issued && r.revoked);
    const t5 = byCaption('撤销的证书');
    check('statistics: the revoked certificates are the model\'s',
      rv.length === 0 || (t5 && same(t5.rows.map((row) => row[0]), rv.map((r) => r.certificate))), JSON.stringify(t5 && t5.rows));
    const t6 = byCaption('入选数量最多的');
    const rec = count((r) => r.recommender);
    const top = [...rec.values()].sort((a, b) => b - a).slice(0, 10);
    check('statistics: the recommending units with most benchmarks equal the model',
      t6 && t6.rows.every(([, name, n]) => String(rec.get(name)) === n) &&
        JSON.stringify(t6.rows.map((row) => Number(row[2]))) === JSON.stringify(top), JSON.stringify(t6 && t6.rows));
    check('statistics: every chart (' + charts.length + ') has a title, a description and an accessible name',
      charts.length >= 5 && charts.every((c) => c.title && c.desc && c.labelled));
    const pairs = [[t3, 1], [t4, 2], [t6, 2]];
    check('statistics: the bar charts show the same figures as their tables',
      pairs.every(([t, col]) => charts.some((c) => JSON.stringify(c.values) === JSON.stringify(t.rows.map((row) => row[col])))));
    check('statistics: the page loads no script', (await sp.$$('script')).length === 1 &&
      (await sp.$('script[src$="static/qb.js"]')) !== null);
    for (const w of [375, 1280]) {
      await sp.setViewportSize({ width: w, height: 900 });
      await sp.screenshot({ path: path.join(shots, 'stats-' + w + '.png'), fullPage: true });
    }
    await sp.emulateMedia({ media: 'print' });
    await sp.pdf({ path: path.join(shots, 'stats-print.pdf'), format: 'A4' });
    const printed = await sp.evaluate(() => [...document.querySelectorAll('svg.chart')].every((s) => s.getBoundingClientRect().width > 200) &&
      getComputedStyle(document.querySelector('.site-header')).display === 'none');
    check('statistics print: the charts print, the site frame does not', printed);
    await sp.context().close();

    // The announcement: links to each case and certificate, the year's figures.
    const ann = model.campaigns.filter((c) => c.announced).map((c) => c.year).sort().pop();
    const ap = await newPage(375);
    await ap.goto(base + 'notices/' + ann + '-announcement/');
    const rows = await ap.$$eval('.doc-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => {
      const a = c.querySelector('a');
      return a ? a.getAttribute('href') : null;
    })));
    const list = model.records.filter((r) => r.year === ann && r.issued);
    check('the announcement links each enterprise to its case page and certificate',
      rows.length === list.length && list.every((r, i) => (r.published
        ? rows[i][1] === '../../cases/' + url(r) && rows[i][4] === '../../certificates/' + r.certificate + '.pdf'
        : rows[i][1] === null && rows[i][4] === '../../verify/' + r.certificate + '/')), JSON.stringify(rows));
    const yf = await ap.$$eval('.year-figures table.stat-table', (ts) => ts.map((t) =>
      [...t.tBodies[0].rows].map((tr) => tr.cells[tr.cells.length - 1].textContent.trim())));
    const annNamed = named.filter((r) => r.year === ann);
    check('the announcement shows the year\'s figures (by focus area, section, region)',
      yf.length === 3 && JSON.stringify(yf[0]) === JSON.stringify(focusKeys.map((k) => String(annNamed.filter((r) => r.focus === k).length))) &&
      yf[1].reduce((a, b) => a + Number(b), 0) === annNamed.length && yf[2].reduce((a, b) => a + Number(b), 0) === annNamed.length,
      JSON.stringify(yf));
    // A table wider than a phone shows that it scrolls; its caption is not cut.
    const cue = await ap.evaluate(() => {
      const w = document.querySelector('.notice .table-wrap');
      const c = w.querySelector('caption').getBoundingClientRect();
      const box = w.getBoundingClientRect();
      const bg = getComputedStyle(w).backgroundImage;
      w.scrollLeft = w.scrollWidth;
      const c2 = w.querySelector('caption').getBoundingClientRect();
      return { scrolls: w.scrollWidth > w.clientWidth, shadow: (bg.match(/gradient/g) || []).length >= 2,
        inside: c.left >= box.left - 1 && c.right <= box.right + 1, stays: c2.left >= box.left - 1 && c2.right <= box.right + 1 };
    });
    check('at 375 px a wide table shows a scroll shadow, and its caption fits and stays in view when scrolled',
      cue.scrolls && cue.shadow && cue.inside && cue.stays, JSON.stringify(cue));
    await ap.screenshot({ path: path.join(shots, 'announcement-375.png'), fullPage: true });
    await ap.context().close();

    // On a phone: the certificate near the top of a case page, dates on one
    // line, titles without a lone last character.
    const pp = await newPage(360);
    const caseR = published[0];
    await pp.goto(base + 'cases/' + url(caseR));
    const pos = await pp.evaluate(() => {
      const b = document.querySelector('a[href$=".pdf"]').getBoundingClientRect().top + scrollY;
      const prose = document.querySelector('.prose').getBoundingClientRect().top + scrollY;
      return [b, prose, innerHeight];
    });
    check('on a phone the certificate download sits near the top of the case page, before the narrative (' +
      Math.round(pos[0]) + ' px)', pos[0] < pos[1] && pos[0] < pos[2], JSON.stringify(pos));
    const broken = [];
    const lone = [];
    const pages = ['', 'notices/', 'cases/', 'stats/', 'verify/', 'cases/' + url(caseR)]
      .concat(model.campaigns.filter((c) => c.publicised).map((c) => 'notices/' + c.year + '-publicity/'))
      .concat(model.campaigns.filter((c) => c.announced).map((c) => 'notices/' + c.year + '-announcement/'));
    for (const w of [360, 375]) {
      await pp.setViewportSize({ width: w, height: 800 });
      for (const p of pages) {
        await pp.goto(base + p);
        await pp.waitForTimeout(100);
        const r = await pp.evaluate(() => {
          const lines = (el) => {
            const tops = [];
            const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              for (let i = 0; i < n.data.length; i++) {
                if (/\s/.test(n.data[i])) continue;
                range.setStart(n, i);
                range.setEnd(n, i + 1);
                const rect = range.getClientRects()[0];
                if (rect && rect.width) tops.push(Math.round(rect.top));
              }
            }
            return tops;
          };
          const dates = [...document.querySelectorAll('time')].filter((t) => t.offsetParent !== null)
            .filter((t) => new Set(lines(t)).size > 1).map((t) => t.textContent);
          const titles = [...document.querySelectorAll('h1, h2, h3, .card-title, .card-enterprise')]
            .filter((h) => h.offsetParent !== null).filter((h) => {
              const tops = lines(h);
              const last = tops[tops.length - 1];
              return new Set(tops).size > 1 && tops.filter((t) => Math.abs(t - last) < 4).length < 2;
            }).map((h) => h.textContent.trim());
          return { dates, titles };
        });
        r.dates.forEach((d) => broken.push(w + ' /' + p + ': ' + d));
        r.titles.forEach((t) => lone.push(w + ' /' + p + ': ' + t));
      }
    }
    check('dates do not break across lines at 360 and 375 px', broken.length === 0, broken.join('\n'));
    check('no title ends in a line of one character at 360 and 375 px', lone.length === 0, lone.join('\n'));
    await pp.context().close();

    // The site built with --relative: from files and over HTTP.
    const fp = await newPage(375);
    const fileBase = pathToFileURL(rel).href + '/';
    await fp.goto(fileBase + 'index.html');
    await Promise.all([fp.waitForNavigation(), fp.click('.menu a[href$="cases/index.html"]')]);
    check('from files, the menu opens the library page itself (cases/index.html)', fp.url() === fileBase + 'cases/index.html', fp.url());
    await fp.waitForSelector('form.search:not([hidden])', { timeout: 5000 }).catch(() => {});
    check('from files, the search box appears (the data comes as a script)', (await fp.$('form.search:not([hidden])')) !== null);
    let got = await search(fp, '山东省');
    check('from files, searching "山东省" finds what it finds over HTTP', same(got, oracle('山东省').map(url)), got.join(' '));
    const first = await fp.$eval('#qb-results a', (a) => a.href);
    await fp.goto(first);
    check('from files, a search result opens its case page file', first.endsWith('/index.html') && (await fp.$('article.case h1')) !== null, first);
    await fp.goto(fileBase + 'verify/index.html');
    await fp.waitForSelector('#qb-verify:not([hidden])', { timeout: 5000 }).catch(() => {});
    await fp.fill('#qb-cert', valid.certificate);
    await Promise.all([fp.waitForNavigation(), fp.click('#qb-verify button')]).catch(() => {});
    check('from files, a certificate lookup opens its page file', fp.url() === fileBase + 'verify/' + valid.certificate + '/index.html', fp.url());
    // Every internal link of every page resolves to a file.
    const bad = [];
    let nlinks = 0;
    const walkFiles = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walkFiles(path.join(d, e.name)) : e.name.endsWith('.html') ? [path.join(d, e.name)] : []);
    // (404.html is served by a web server only; a revoked case's address
    // moves on by itself.)
    const htmlFiles = walkFiles(rel).filter((f) => !f.endsWith('404.html') &&
      !fs.readFileSync(f, 'utf8').includes('http-equiv="refresh"'));
    for (const f of htmlFiles.filter((f, i) => i % Math.max(1, Math.floor(htmlFiles.length / 40)) === 0)) {
      await fp.goto(pathToFileURL(f).href);
      const hrefs = await fp.$$eval('a[href], link[href], script[src], img[src]', (els) =>
        els.map((e) => e.href || e.src).filter((u) => u.startsWith('file:')));
      for (const h of hrefs) {
        nlinks++;
        const p = fileURLToPath(h.split('#')[0].split('?')[0]);
        if (!(fs.existsSync(p) && fs.statSync(p).isFile()) && !p.includes(path.sep + 'certificates' + path.sep)) bad.push(f + ': ' + h);
      }
    }
    check('from files, every internal link of ' + Math.min(40, htmlFiles.length) + ' pages resolves to a file (' + nlinks + ' links)',
      bad.length === 0 && nlinks > 100, bad.slice(0, 10).join('\n'));
    await fp.goto(fileBase + 'cases/index.html?q=' + encodeURIComponent('制造业'));
    await fp.waitForTimeout(300);
    await fp.screenshot({ path: path.join(shots, 'file-search-375.png') });
    await fp.context().close();

    const hp = await newPage(1280);
    await hp.goto(relBase + 'cases/index.html');
    await hp.waitForSelector('form.search:not([hidden])', { timeout: 5000 }).catch(() => {});
    got = await search(hp, '制造业');
    check('the --relative site over HTTP searches too', same(got, oracle('制造业').map(url)), got.join(' '));
    await hp.context().close();

    check('no script errors or CSP violations', problems.length === 0, problems.join('\n'));
  } catch (e) {
    check('the reader test ran to the end', false, e.stack || e);
  } finally {
    await browser.close();
    server.close();
    relServer.close();
  }
  process.exit(harness.failed() ? 1 : 0);
})();
