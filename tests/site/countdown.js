// The publicity countdown on the reader's day (static/countdown.js), in
// headless Chromium with its clock set.
//   node tests/site/countdown.js SITE NOTICE BUILT CASES
// SITE was built on the day BUILT inside the period of the publicity notice
// NOTICE (its folder below notices/). CASES is a JSON list of
// [reader's day, words the state must hold, words it must not]; each day
// is read on the notice page, the home page and the notices list. With
// scripts off, the pages keep the build day's text, which names that day.
'use strict';
const { chromium } = require('playwright-core');
const { serve, check, failed } = require('./harness.js');

const [site, notice, built, cases] = process.argv.slice(2);
if (!site || !notice || !built || !cases) {
  console.error('usage: node tests/site/countdown.js SITE NOTICE BUILT CASES');
  process.exit(2);
}

// The text each phase element of the page shows, and its state.
function states() {
  return [...document.querySelectorAll('[data-days]')].map((e) => ({
    state: e.getAttribute('data-state'),
    text: e.querySelector('[data-text]').textContent.replace(/\s+/g, ''),
  }));
}

(async () => {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const pages = [['the notice', 'notices/' + notice + '/'], ['the home page', ''], ['the notices list', 'notices/']];
  try {
    for (const [day, want, unwanted] of JSON.parse(cases)) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.clock.setFixedTime(new Date(day + 'T10:00:00+08:00'));
      for (const [name, url] of pages) {
        await page.goto(base + url);
        await page.waitForFunction(() => document.readyState === 'complete');
        const s = await page.evaluate(states);
        const texts = s.map((x) => x.text).join(' | ');
        check(`${name} on ${day}: ${want}`, s.length > 0 && s.some((x) => x.text.includes(want)) &&
          !(unwanted && texts.includes(unwanted)), texts || 'no countdown on the page');
      }
      check(`no script errors on ${day}`, problems.length === 0, problems.join('\n'));
      await ctx.close();
    }
    // Scripts off: the text of the build day, which says it is that day's.
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(new Date('2026-12-20T10:00:00+08:00'));
    const words = built.slice(0, 4) + '年' + +built.slice(5, 7) + '月' + +built.slice(8, 10) + '日';
    for (const [name, url] of pages.slice(0, 2)) {
      await page.goto(base + url);
      const s = await page.evaluate(states);
      check(`${name} without scripts: the text of the build day ${built}, which names it`,
        s.some((x) => x.text.includes('截至' + words + '（本页生成之日）')), s.map((x) => x.text).join(' | '));
    }
    await ctx.close();
  } catch (e) {
    check('the countdown test ran to the end', false, e.stack || e);
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(failed() ? 1 : 0);
})();
