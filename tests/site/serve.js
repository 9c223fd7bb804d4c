// qbpress serve, end to end: starts `QBPRESS serve` on a free port over the
// content tree in WORK/content (a copy: this test edits it), with its
// private folder made under WORK/tmp, and talks to it over HTTP as a
// browser would: pages, content types, folders, 404, requests that try to
// leave the served folder, the event stream, an edit, a content error and
// its fix, then the same in headless Chromium (the page reloads, the
// overlay shows the error), and a clean stop.
//   node tests/site/serve.js QBPRESS WORK SHOTS
// Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const net = require('net');
const { spawn, spawnSync } = require('child_process');
const { check, failed } = require('./harness');

const qbpress = process.argv[2];
const work = path.resolve(process.argv[3]);
const shots = path.resolve(process.argv[4] || work);
const content = path.join(work, 'content');
const tmp = path.join(work, 'tmp');
const narrative = path.join(content, 'campaigns/2025/cases/lanyue-precision.md');
const casePath = '/cases/2025/lanyue-precision/';
const secret = 'qbpress-secret-' + process.pid;
fs.mkdirSync(tmp, { recursive: true });
fs.mkdirSync(shots, { recursive: true });
fs.writeFileSync(path.join(work, 'secret.txt'), secret + '\n');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(50);
  }
}

// Every qbpress serve started: none outlives the test.
const servers = [];
function killServers() {
  for (const s of servers) if (!s.exited) s.proc.kill('SIGTERM');
}
process.on('SIGTERM', () => { killServers(); process.exit(1); });

// One qbpress serve process, its output collected.
function start(dir, extra) {
  const args = ['serve', '-C', dir, '-p', '0', '--today', '2026-11-25', '-j', '2'].concat(extra || []);
  const proc = spawn(qbpress, args, { env: Object.assign({}, process.env, { TMPDIR: tmp }), stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { proc, out: '', err: '', exited: null };
  proc.stdout.on('data', (d) => { s.out += d; });
  proc.stderr.on('data', (d) => { s.err += d; });
  proc.on('exit', (code, signal) => { s.exited = { code, signal }; });
  servers.push(s);
  return s;
}
async function stop(s) {
  if (!s.exited) s.proc.kill('SIGINT');
  await until('qbpress serve to stop', () => s.exited, 20000);
  return s.exited;
}

let port;
function get(p, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, headers: headers || {}, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error('timeout: ' + p)));
  });
}
// A request written byte for byte, as no HTTP client would send it.
function raw(target, host) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    sock.on('connect', () => sock.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target, 'latin1'),
      Buffer.from(' HTTP/1.1\r\nHost: ' + (host || '127.0.0.1:' + port) + '\r\nConnection: close\r\n\r\n')])));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => resolve({ status: 0, body: '' }));
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, body: text });
    });
    sock.setTimeout(10000, () => sock.destroy());
  });
}
// The event stream: every event received, parsed.
function events() {
  const s = { list: [], req: null };
  s.req = http.get({ host: '127.0.0.1', port, path: '/__qbpress/events', agent: false }, (res) => {
    s.type = res.headers['content-type'];
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (c) => {
      buf += c;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) ev.event = line.slice(7);
          else if (line.startsWith('data: ')) ev.data += line.slice(6);
        }
        if (ev.data) s.list.push(Object.assign(ev, JSON.parse(ev.data)));
      }
    });
  });
  s.req.on('error', () => {});
  s.next = (from, ms) => until('an event', () => s.list.length > from && s.list[s.list.length - 1], ms || 30000);
  return s;
}
const privateDirs = () => fs.readdirSync(tmp).filter((n) => n.startsWith('qbpress-serve-'));
function filesBelow(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesBelow(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
function edit(from, to) {
  const text = fs.readFileSync(narrative, 'utf8');
  fs.writeFileSync(narrative, text.replace(from, to));
}

async function main() {
  const s = start(content);
  try {
    port = Number(await until('the address', () => {
      if (s.exited) throw new Error('serve exited: ' + JSON.stringify(s.exited));
      return (/http:\/\/127\.0\.0\.1:(\d+)\//.exec(s.out) || [])[1];
    }, 20000));
  } catch (e) {
    check('serve prints its address', false, e.message + '\n' + s.err);
    return;
  }
  check('serve prints its address on 127.0.0.1', port > 0, s.out);
  const ev = events();
  const first = await ev.next(0);
  check('the event stream is text/event-stream', ev.type === 'text/event-stream', ev.type);
  check('the first build is announced on the event stream, without an overlay', first.event === 'build' && first.build && first.overlay === null, JSON.stringify(first));
  const dirs = privateDirs();
  check('serve builds into one private folder (under TMPDIR), not ./output', dirs.length === 1 && !fs.existsSync(path.join(work, 'output')), dirs.join(' '));
  const out = path.join(tmp, dirs[0], 'out');
  const site = path.join(out, 'site');

  // A page: the built file, with the script element added once.
  let r = await get(casePath);
  const script = '<script src="/__qbpress/live.js?b=' + first.build + '" defer></script>';
  const page = r.body.toString();
  const built = fs.readFileSync(path.join(site, 'cases/2025/lanyue-precision/index.html'), 'utf8');
  check('a case page is served (200, text/html; charset=utf-8)', r.status === 200 && r.headers['content-type'] === 'text/html; charset=utf-8', r.status + ' ' + r.headers['content-type']);
  check('the served page is the built file with one script element before </head>', page === built.replace('</head>', script + '</head>') && page.split('/__qbpress/').length === 2, page.slice(0, 300));
  check('the page is not cached (Cache-Control: no-store)', r.headers['cache-control'] === 'no-store', r.headers['cache-control']);
  const holding = filesBelow(out).filter((f) => fs.readFileSync(f).includes('__qbpress'));
  check('no built file holds the script (or any /__qbpress/ address)', holding.length === 0, holding.join('\n'));
  r = await get('/__qbpress/live.js');
  check('the script is served from the theme (text/javascript)', r.status === 200 && r.headers['content-type'] === 'text/javascript; charset=utf-8' &&
    r.body.equals(fs.readFileSync(path.join(__dirname, '../../themes/default/templates/serve/live.js'))), r.status);
  r = await get('/__qbpress/overlay.css');
  check('the overlay style is served from the theme (text/css)', r.status === 200 && r.headers['content-type'] === 'text/css; charset=utf-8', r.status);

  // Every kind of file with its type, the bytes as built.
  for (const [name, data] of [['probe.jpg', 'jpeg'], ['probe.jpeg', 'jpeg'], ['probe.gif', 'gif'], ['probe.webp', 'webp']])
    fs.writeFileSync(path.join(site, name), data);
  const pdf = fs.readdirSync(path.join(site, 'certificates')).find((n) => n.endsWith('.pdf'));
  const types = [
    ['/', 'text/html; charset=utf-8'], ['/static/site.css', 'text/css; charset=utf-8'],
    ['/static/qb.js', 'text/javascript; charset=utf-8'], ['/cases/index.json', 'application/json'],
    ['/sitemap.xml', 'application/xml'], ['/feed.xml', 'application/xml'], ['/static/favicon.svg', 'image/svg+xml'],
    ['/images/lanfeng-bearing.png', 'image/png'], ['/probe.jpg', 'image/jpeg'], ['/probe.jpeg', 'image/jpeg'],
    ['/probe.gif', 'image/gif'], ['/probe.webp', 'image/webp'], ['/certificates/' + pdf, 'application/pdf'],
    ['/compendium/2025.pdf', 'application/pdf'],
    ['/cases/cases.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['/cases/cases.csv', 'text/csv; charset=utf-8'], ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/__wechat/', 'text/html; charset=utf-8'], ['/__wechat/manifest.json', 'application/json'],
    ['/__wechat/copy.js', 'text/javascript; charset=utf-8'], ['/__wechat/copy.css', 'text/css; charset=utf-8'],
  ];
  for (const [p, type] of types) {
    r = await get(p);
    const file = p.startsWith('/__wechat/') ? path.join(out, 'wechat', p.slice(10)) : path.join(site, p);
    const disk = fs.readFileSync(p.endsWith('/') ? path.join(file, 'index.html') : file);
    const same = type.startsWith('text/html') ? r.body.includes('/__qbpress/live.js') : r.body.equals(disk) && !r.body.includes('/__qbpress/live.js');
    check('GET ' + p + ': 200, ' + type + ', ' + (type.startsWith('text/html') ? 'the page with the script' : 'the built bytes, no script'),
      r.status === 200 && r.headers['content-type'] === type && same, r.status + ' ' + r.headers['content-type'] + ' ' + r.body.length + ' bytes');
  }
  r = await get('/cases');
  check('a folder without its slash is redirected to it (301 /cases/)', r.status === 301 && r.headers.location === '/cases/', r.status + ' ' + r.headers.location);
  r = await get('/__wechat');
  check('/__wechat is redirected to /__wechat/', r.status === 301 && r.headers.location === '/__wechat/', r.status + ' ' + r.headers.location);
  r = await get('/cases/');
  check('a folder is answered with its index.html', r.status === 200 && r.body.includes(fs.readFileSync(path.join(site, 'cases/index.html'), 'utf8').slice(0, 200)), r.status);
  r = await get('/no/such/page/');
  check('a missing page is 404 with the site\'s 404.html (and the script)', r.status === 404 && r.body.toString().includes('<title>页面不存在') && r.body.includes('/__qbpress/live.js'), r.status + ' ' + r.body.slice(0, 100));
  r = await get('/__qbpress/nothing');
  check('an unknown preview file is 404', r.status === 404, r.status);

  // Requests that try to leave the served folder, each refused; the
  // secret beside the private folder never comes back.
  fs.symlinkSync(path.join(work, 'secret.txt'), path.join(site, 'leak.txt'));
  fs.symlinkSync(work, path.join(site, 'leakdir'));
  fs.symlinkSync('/etc', path.join(site, 'etc'));
  fs.symlinkSync('index.html', path.join(site, 'alias.html'));
  const up = '../../../../';
  const escapes = [
    ['..', '/' + up + 'secret.txt'],
    ['.. to /etc/passwd', '/../../../../../../../../../../etc/passwd'],
    ['.. below a folder', '/cases/' + up + '../secret.txt'],
    ['%2e%2e', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt'],
    ['%2E%2E (upper case)', '/%2E%2E/%2E%2E/%2E%2E/%2E%2E/secret.txt'],
    ['.%2e mixed', '/.%2e/%2e./.%2e/%2e./secret.txt'],
    ['encoded slashes ..%2f', '/..%2f..%2f..%2f..%2fsecret.txt'],
    ['encoded slashes %2f..', '/cases%2f..%2f..%2f..%2f..%2f..%2fsecret.txt'],
    ['encoded backslashes ..%5c', '/..%5c..%5c..%5c..%5csecret.txt'],
    ['backslashes', '/..\\..\\..\\..\\secret.txt'],
    ['a NUL %00', '/secret.txt%00.html'],
    ['a NUL in a folder name', '/cases%00/index.html'],
    ['double slash to /etc', '//etc/passwd'],
    ['.. in the WeChat folder', '/__wechat/' + up + 'secret.txt'],
    ['%2e%2e in the WeChat folder', '/__wechat/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt'],
    ['.. from the WeChat folder to the manifest', '/__wechat/../.qbpress-manifest'],
    ['.. to the preview\'s files', '/__qbpress/../../secret.txt'],
    ['a hidden file', '/.qbpress-output'],
    ['.. even where it would stay inside', '/cases/../index.html'],
    ['%2e%2e even where it would stay inside', '/cases/%2e%2e/index.html'],
    ['a symlink to a file outside', '/leak.txt'],
    ['a symlink to a folder outside', '/leakdir/secret.txt'],
    ['a symlink to /etc', '/etc/passwd'],
  ];
  for (const [what, target] of escapes) {
    r = await raw(target);
    check('refused: ' + what + ' (' + target + ')', r.status >= 400 && r.status < 500 && !r.body.includes(secret) && !r.body.includes('root:x:0:0'), r.status + '\n' + r.body.slice(0, 300));
  }
  r = await raw('/alias.html');
  check('a symlink that stays inside the served folder is followed', r.status === 200 && r.body.includes('<h1>全国质量标杆</h1>'), r.status);
  r = await raw('/', 'attacker.example:' + port);
  check('a request for another host name (DNS rebinding) is refused', r.status === 403, r.status);
  const post = await new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent: false }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.end('x');
  });
  check('methods other than GET and HEAD are refused (405)', post === 405, post);
  for (const n of ['leak.txt', 'leakdir', 'etc', 'alias.html', 'probe.jpg', 'probe.jpeg', 'probe.gif', 'probe.webp'])
    fs.unlinkSync(path.join(site, n));

  // A second server on the same port cannot start.
  const busy = spawnSync(qbpress, ['serve', '-C', content, '-p', String(port)], { env: Object.assign({}, process.env, { TMPDIR: tmp }), encoding: 'utf8', timeout: 20000 });
  check('serve on a port in use exits 2 and says so', busy.status === 2 && /cannot listen on 127\.0\.0\.1:\d+/.test(busy.stderr), busy.status + ' ' + busy.stderr);

  // An edit: an event names a new build, and the page has changed.
  let n = ev.list.length;
  const t0 = Date.now();
  edit('始建于2006年', '始建于2007年');
  let e = await ev.next(n);
  const editMs = Date.now() - t0;
  check('an edit of the narrative is followed by an event naming a new build (' + editMs + ' ms)', e.build !== first.build && e.overlay === null, JSON.stringify(e));
  r = await get(casePath);
  check('the page over HTTP has changed, and names the new build', r.body.includes('始建于2007年') && !r.body.includes('始建于2006年') && r.body.includes('live.js?b=' + e.build + '"'), r.body.slice(0, 200));
  const good = e.build;

  // An edit that breaks the content: the overlay with the exact
  // diagnostic, the last good page still served.
  n = ev.list.length;
  const before = fs.readFileSync(narrative, 'utf8');
  const image = '![图](../../../images/nope.png)';
  const broken = before + '\n' + image + '\n';
  const line = broken.split('\n').indexOf(image) + 1;
  const diag = narrative + ':' + line + ":1: error: image '../../../images/nope.png' does not exist (looked for " + path.join(content, 'images/nope.png') + ')';
  fs.writeFileSync(narrative, broken);
  e = await ev.next(n);
  check('a content error is announced with an overlay, the build unchanged', e.build === good && typeof e.overlay === 'string', JSON.stringify(e).slice(0, 300));
  check('the overlay lists the exact file:line:col diagnostic', (e.overlay || '').includes(diag), 'expected: ' + diag + '\n' + e.overlay);
  check('the overlay is the theme\'s overlay.html', (e.overlay || '').includes('内容有误') && (e.overlay || '').includes('/__qbpress/overlay.css'), e.overlay);
  await until('the diagnostic in the terminal', () => s.err.includes(diag + '\n'), 5000).catch(() => {});
  check('the terminal shows the diagnostic too', s.err.includes(diag + '\n'), s.err.slice(-500));
  r = await get(casePath);
  check('the last good page is still served', r.status === 200 && r.body.includes('始建于2007年') && r.body.includes('live.js?b=' + good + '"'), r.status);

  // The fix: a new build, no overlay.
  n = ev.list.length;
  fs.writeFileSync(narrative, before);
  e = await ev.next(n);
  check('fixing it announces a new build without an overlay (pages reload)', e.build !== good && e.overlay === null, JSON.stringify(e).slice(0, 300));

  // Editors' temporary files start no build.
  n = ev.list.length;
  const dir = path.dirname(narrative);
  for (const t of ['.lanyue-precision.md.swp', 'lanyue-precision.md~', '#lanyue-precision.md#', '4913', '.#lanyue-precision.md'])
    fs.writeFileSync(path.join(dir, t), 'x');
  await sleep(1200);
  check('editors\' swap, backup and lock files start no build', ev.list.length === n, JSON.stringify(ev.list.slice(n)));
  for (const t of ['.lanyue-precision.md.swp', 'lanyue-precision.md~', '#lanyue-precision.md#', '4913', '.#lanyue-precision.md'])
    fs.unlinkSync(path.join(dir, t));

  // A new folder is watched: a file written into it starts a build.
  fs.mkdirSync(path.join(content, 'images/new'));
  await sleep(400);
  n = ev.list.length;
  fs.writeFileSync(path.join(content, 'images/new/x.txt'), 'x');
  e = await ev.next(n, 15000).catch(() => null);
  check('a file in a folder made while serving starts a build', e !== null);

  await browser(s, ev);

  ev.req.destroy();
  const end = await stop(s);
  check('Ctrl-C (SIGINT) stops serve with status 0', end.code === 0, JSON.stringify(end) + '\n' + s.err.slice(-500));
  check('the private folder is removed', privateDirs().length === 0, privateDirs().join(' '));
  check('no sanitizer report', !/AddressSanitizer|LeakSanitizer|runtime error/.test(s.err), s.err.slice(-2000));

  // Content broken from the start: a page with the overlay, then the site.
  const bad = path.join(work, 'bad');
  fs.cpSync(content, bad, { recursive: true });
  const rec = path.join(bad, 'campaigns/2025/records.yaml');
  const yaml = fs.readFileSync(rec, 'utf8');
  const m = /uscc: (\S+)/.exec(yaml);
  fs.writeFileSync(rec, yaml.replace(m[0], 'uscc: 91370200MAQHPKXHX3'));
  const s2 = start(bad, ['-q']);
  port = Number(await until('the address', () => (/http:\/\/127\.0\.0\.1:(\d+)\//.exec(s2.out) || [])[1], 20000));
  const ev2 = events();
  e = await ev2.next(0);
  r = await get('/');
  check('broken from the start: 503, a page that only carries the script', r.status === 503 && r.body.includes('/__qbpress/live.js?b=' + e.build + '"'), r.status + ' ' + r.body);
  check('broken from the start: the overlay names the error', (e.overlay || '').includes("error: uscc '91370200MAQHPKXHX3'"), e.overlay);
  n = ev2.list.length;
  fs.writeFileSync(rec, yaml);
  e = await ev2.next(n);
  r = await get('/');
  check('broken from the start, then fixed: the site is served', e.overlay === null && r.status === 200 && r.body.includes('<h1>全国质量标杆</h1>'), r.status);
  check('-q: nothing but the address and the diagnostics', !/built in|changed:/.test(s2.err) && s2.err.includes("error: uscc '91370200MAQHPKXHX3'"), s2.err);
  // Stopped with an event stream still open: it ends, and so does serve.
  const t1 = Date.now();
  const end2 = await stop(s2);
  ev2.req.destroy();
  check('SIGINT with an event stream open stops serve at once, its folder removed', end2.code === 0 && Date.now() - t1 < 5000 && privateDirs().length === 0,
    JSON.stringify(end2) + ' after ' + (Date.now() - t1) + ' ms');
}

// The page in Chromium reloads after an edit, shows the overlay over the
// last good page after a broken edit, and drops it after the fix.
async function browser(s, ev) {
  let chromium;
  try {
    ({ chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core')));
  } catch (e) {
    check('# skipped: the browser part needs playwright-core', true);
    return;
  }
  if (!fs.existsSync('/usr/bin/chromium')) return;
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await b.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    const base = 'http://127.0.0.1:' + port;
    await page.goto(base + casePath);
    await page.evaluate(() => { window.qbMark = 1; });
    let n = ev.list.length;
    edit('始建于2007年', '始建于2008年');
    await ev.next(n);
    const reloaded = await page.waitForFunction(() => window.qbMark === undefined && document.body.textContent.includes('始建于2008年'), null, { timeout: 15000 })
      .then(() => true, () => false);
    check('Chromium: the open page reloads by itself after an edit and shows it', reloaded);

    n = ev.list.length;
    const before = fs.readFileSync(narrative, 'utf8');
    const image = '![图](../../../images/nope.png)';
    const broken = before + '\n' + image + '\n';
    const line = broken.split('\n').indexOf(image) + 1;
    fs.writeFileSync(narrative, broken);
    await ev.next(n);
    const shown = await page.locator('#qbpress-overlay pre').textContent({ timeout: 15000 }).catch(() => '');
    check('Chromium: the overlay shows the diagnostic over the page', shown.includes(narrative + ':' + line + ':1: error:'), shown);
    const styled = await page.locator('#qbpress-overlay .overlay').evaluate((e) => getComputedStyle(e).position).catch(() => '');
    check('Chromium: the overlay is styled by overlay.css (the CSP allows it)', styled === 'fixed', styled);
    check('Chromium: under it, the last good page', await page.evaluate(() => document.body.textContent.includes('始建于2008年')));
    await page.screenshot({ path: path.join(shots, 'serve-overlay.png') });

    n = ev.list.length;
    fs.writeFileSync(narrative, before);
    await ev.next(n);
    const gone = await page.waitForFunction(() => !document.getElementById('qbpress-overlay') && document.body.textContent.includes('始建于2008年'), null, { timeout: 15000 })
      .then(() => true, () => false);
    check('Chromium: after the fix the page reloads without the overlay', gone);
    check('Chromium: no script errors, no Content-Security-Policy violations', problems.length === 0, problems.join('\n'));
  } finally {
    await b.close();
  }
}

main().catch((e) => {
  check('the test ran to its end', false, e.stack);
}).finally(() => {
  killServers();
  process.exit(failed() ? 1 : 0);
});
