// The notices as printed (headless Chromium, A4, the print stylesheet).
//   node tests/site/notices.js SITE PRINT.json PDFDIR
// For each notice page of SITE/notices/: writes to PRINT.json the blocks of
// its document that print media shows (title, paragraphs, table rows: what
// tests/tools/notice_channels.py compares with the other channels) and the
// text printed outside the document (which must be none); prints the page
// to PDFDIR/<slug>.pdf and checks with pdftotext that no page holds the
// signature without the end of the last paragraph (GB/T 9704-2012: the
// signature is on the page of the text it signs).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const { serve, check, failed } = require('./harness.js');

const [site, out, pdfdir] = process.argv.slice(2);
if (!site || !out || !pdfdir) {
  console.error('usage: node tests/site/notices.js SITE PRINT.json PDFDIR');
  process.exit(2);
}
fs.mkdirSync(pdfdir, { recursive: true });

const bare = (s) => s.replace(/\s+/g, '');

// The blocks of the document that are shown, in order, as notice_channels.py
// reads them on screen; and the text shown outside it.
function blocks() {
  const art = document.querySelector('article.notice');
  const shown = (e) => e.checkVisibility();
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const text = (e) => norm(e.textContent);
  const res = { title: '', blocks: [], outside: '' };
  const h1 = art.querySelector('h1');
  if (h1 && shown(h1)) res.title = text(h1);
  for (const e of art.querySelectorAll('p, h2, caption, tr')) {
    if (!shown(e)) continue;
    if (e.tagName === 'TR') res.blocks.push([...e.children].map(text));
    else if ((e.tagName === 'H2' || e.tagName === 'CAPTION') && !e.classList.contains('annex-title')) continue;
    else res.blocks.push(text(e));
  }
  const main = document.querySelector('main');
  for (const e of main.querySelectorAll('*')) {
    if (art.contains(e) || e.contains(art) || !shown(e)) continue;
    const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (own) res.outside += own + ' ';
  }
  for (const e of document.querySelectorAll('header, footer:not(.signature), nav')) {
    if (!art.contains(e) && shown(e) && norm(e.textContent)) res.outside += norm(e.textContent) + ' ';
  }
  res.outside = res.outside.trim();
  return res;
}

// The pages of a PDF as text, without the page numbers.
function pages(pdf) {
  const n = +/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1];
  const res = [];
  for (let i = 1; i <= n; i++) {
    const t = execFileSync('pdftotext', ['-f', '' + i, '-l', '' + i, '-layout', pdf, '-']).toString();
    res.push(t.split('\n').filter((l) => !/^\s*—\s*\d+\s*—\s*$/.test(l)).join('\n'));
  }
  return res;
}

(async () => {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const printed = {};
  try {
    const slugs = fs.readdirSync(path.join(site, 'notices'))
      .filter((d) => fs.existsSync(path.join(site, 'notices', d, 'index.html'))).sort();
    check('there are notice pages to print', slugs.length > 0);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    for (const slug of slugs) {
      await page.goto(base + 'notices/' + slug + '/');
      await page.emulateMedia({ media: 'print' });
      printed[slug] = await page.evaluate(blocks);
      // the signature, the last paragraph and the attachments line as the
      // page shows them
      const end = await page.evaluate(() => {
        const t = (s) => document.querySelector(s).textContent;
        const ps = [...document.querySelectorAll('.doc-body .doc-end > p')].map((p) => p.textContent);
        return { issuer: t('.signature .issuer'), date: t('.signature .date'), last: ps };
      });
      const pdf = path.join(pdfdir, slug + '.pdf');
      await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
      const texts = pages(pdf).map(bare);
      const at = texts.findIndex((t) => t.includes(bare(end.issuer) + bare(end.date)));
      const before = at < 0 ? '' : texts[at].slice(0, texts[at].indexOf(bare(end.issuer) + bare(end.date)));
      // the last paragraph's end, then the attachments line, then the signature
      const tail = bare(end.last[0] || '').slice(-6) + bare(end.last.slice(1).join(''));
      check(`printed notice ${slug}: the signature is on the page of the last paragraph (page ${at + 1} of ${texts.length})`,
        at >= 0 && before.endsWith(tail),
        at < 0 ? 'signature not found' : 'page ' + (at + 1) + ' before the signature: ' + JSON.stringify(before.slice(-60)));
      await page.emulateMedia({ media: 'screen' });
    }
    await ctx.close();
  } catch (e) {
    check('the print test ran to the end', false, e.stack || e);
  } finally {
    fs.writeFileSync(out, JSON.stringify(printed, null, 1));
    await browser.close();
    server.close();
  }
  process.exit(failed() ? 1 : 0);
})();
