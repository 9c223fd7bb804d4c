// The copy page in headless Chromium: presses "复制文章" on articles and reads
// text/html back from the clipboard, once through the Clipboard API and once
// with the API refused (the selection fallback). Prints "ok - …" / "not ok - …"
// lines; with a third argument, saves a screenshot of the page at 375 px.
// COPY_PAGE names the copy page below WECHAT_DIR (default index.html).
//   node copy-test.js WECHAT_DIR FILE[,FILE…] [SCREENSHOT.png]
'use strict';

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.resolve(process.argv[2]);
const files = process.argv[3].split(',');
const shot = process.argv[4];
const copyPage = process.env.COPY_PAGE || 'index.html';
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json' };

let failures = 0;
function result(ok, name, detail) {
  console.log((ok ? 'ok - ' : 'not ok - ') + name);
  if (!ok) {
    failures++;
    if (detail) console.log('    ' + String(detail).split('\n').join('\n    '));
  }
}

function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Compares markup the way the editor will see it: both parsed by the
// browser, URLs resolved against the page.
async function same(page, got, file) {
  return page.evaluate(({ got, want }) => {
    function norm(html) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      doc.querySelectorAll('meta').forEach((m) => m.remove());
      doc.querySelectorAll('img').forEach((i) => i.setAttribute('src', new URL(i.getAttribute('src'), document.baseURI).href));
      return doc.body.innerHTML.trim();
    }
    const a = norm(got), b = norm(want);
    if (a === b) return '';
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return 'first difference at ' + i + ':\n got: ' + a.slice(Math.max(0, i - 60), i + 60) +
      '\nwant: ' + b.slice(Math.max(0, i - 60), i + 60);
  }, { got, want: fs.readFileSync(path.join(root, file), 'utf8') });
}

async function readClipboard(page) {
  return page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    for (const item of items) {
      if (item.types.includes('text/html')) return (await item.getType('text/html')).text();
    }
    return null;
  });
}

async function main() {
  const server = await serve();
  const origin = 'http://127.0.0.1:' + server.address().port;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
  });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(origin + '/' + copyPage);

    const cards = await page.$$eval('section.card', (cs) => cs.map((c) => ({
      id: c.querySelector('button[data-copy]').getAttribute('data-copy'),
      file: c.querySelector('dd a[href$=".html"]').getAttribute('href'),
    })));
    for (const file of files) {
      const card = cards.find((c) => c.file === file);
      if (!card) {
        result(false, 'copy page lists ' + file);
        continue;
      }
      const stored = fs.readFileSync(path.join(root, file), 'utf8');
      const preview = await page.$eval('#' + card.id, (el) => el.innerHTML);
      result(preview === stored, 'the preview of ' + file + ' is the article byte for byte');

      await page.evaluate(() => navigator.clipboard.writeText(''));
      await page.click('button[data-copy="' + card.id + '"]');
      await page.waitForFunction((id) => document.querySelector('button[data-copy="' + id + '"]').hasAttribute('data-copied'), card.id);
      const how = await page.getAttribute('button[data-copy="' + card.id + '"]', 'data-copied');
      const html = await readClipboard(page);
      const diff = html === null ? 'no text/html on the clipboard' : await same(page, html, file);
      result(how === 'api' && diff === '', 'Clipboard API copy of ' + file + ' gives the article as text/html', how + ' ' + diff);
    }

    // The fallback: the Clipboard API refuses, the page selects the preview
    // and copies with execCommand.
    const fallback = await context.newPage();
    await fallback.addInitScript(() => {
      navigator.clipboard.write = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await fallback.goto(origin + '/' + copyPage);
    const card = cards.find((c) => c.file === files[0]);
    await fallback.evaluate(() => navigator.clipboard.writeText(''));
    await fallback.click('button[data-copy="' + card.id + '"]');
    await fallback.waitForFunction((id) => document.querySelector('button[data-copy="' + id + '"]').hasAttribute('data-copied'), card.id);
    const how = await fallback.getAttribute('button[data-copy="' + card.id + '"]', 'data-copied');
    const selected = await fallback.evaluate((id) => {
      const sel = window.getSelection();
      return sel.rangeCount > 0 && document.getElementById(id).contains(sel.getRangeAt(0).commonAncestorContainer);
    }, card.id);
    const html = await readClipboard(fallback);
    const diff = html === null ? 'no text/html on the clipboard' : await same(fallback, html, files[0]);
    result(how === 'selection' && selected && diff === '', 'selection fallback copies ' + files[0] + ' as text/html', how + ' selected=' + selected + ' ' + diff);

    result(errors.length === 0, 'the copy page runs without script errors', errors.join('\n'));
    if (shot) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shot, fullPage: false });
      const first = cards.find((c) => c.file === files[0]);
      await page.evaluate((id) => document.getElementById(id).closest('.card').scrollIntoView(), first.id);
      await page.screenshot({ path: shot.replace(/\.png$/, '-card.png'), fullPage: false });
      await page.evaluate((id) => document.getElementById(id).scrollIntoView(), first.id);
      await page.screenshot({ path: shot.replace(/\.png$/, '-preview.png'), fullPage: false });
    }
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => process.exit(failures ? 1 : 0), (e) => {
  console.log('not ok - copy test: ' + (e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e));
  process.exit(1);
});
