// Accessibility audit: serves SITE from 127.0.0.1 and runs axe-core (WCAG
// 2.1 A and AA rules: colour contrast, names, landmarks, headings, tables,
// language) on every kind of page at phone and desktop widths.
//   node tests/site/a11y.js SITE
// Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.join(__dirname, '..', 'node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));
const axeSource = fs.readFileSync(path.join(modules, 'axe-core', 'axe.min.js'), 'utf8');

const site = path.resolve(process.argv[2]);
const harness = require('./harness');
const serve = () => harness.serve(site);
const check = harness.check;

// One page of each kind the site has.
function pages() {
  const list = ['', 'notices/', 'cases/', 'verify/', 'stats/', '404.html'];
  const first = (dir, re) => {
    const d = path.join(site, dir);
    const names = fs.existsSync(d) ? fs.readdirSync(d).sort().filter((n) => re.test(n)) : [];
    return names.length ? dir + names[0] + '/' : null;
  };
  list.push(first('notices/', /-publicity$/), first('notices/', /-announcement$/), first('notices/', /^revocation-/),
    first('cases/focus/', /./), first('pages/', /./), first('verify/', /^[A-Z]/));
  const years = fs.readdirSync(path.join(site, 'cases')).filter((n) => /^\d{4}$/.test(n)).sort();
  if (years.length) list.push(first('cases/' + years[years.length - 1] + '/', /./));
  return list.filter((p) => p !== null);
}


(async () => {
  const server = await serve();
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const width of [375, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', bypassCSP: true });
      const page = await ctx.newPage();
      for (const p of pages()) {
        await page.goto(base + p, { waitUntil: 'load' });
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }));
        const v = result.violations;
        check('axe (WCAG 2.1 AA) finds nothing on /' + p + ' at ' + width + ' px', v.length === 0,
          v.map((x) => x.id + ' (' + x.impact + '): ' + x.help + ' — ' +
            x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')).join('\n'));
      }
      await ctx.close();
    }
  } catch (e) {
    check('the accessibility audit runs', false, e.stack || e);
  }
  await browser.close();
  server.close();
  process.exit(harness.failed() ? 1 : 0);
})();
