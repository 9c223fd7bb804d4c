// How long a preview takes to follow an edit: starts `QBPRESS serve` over
// CONTENT (a copy: this edits it), then changes one narrative N times and
// measures, each time, from the write to the event of the new build and
// to the changed page read over HTTP. Prints one line a measure, then the
// median. Options after N are given to serve (like --only site,wechat).
//   node tests/bench/serve.js QBPRESS CONTENT NARRATIVE [N [OPTION...]]
'use strict';
const fs = require('fs');
const http = require('http');
const { spawn } = require('child_process');

const [qbpress, content, narrative] = process.argv.slice(2, 5);
const rounds = Number(process.argv[5] || 5);
const options = process.argv.slice(6);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function get(port, p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

(async () => {
  const t0 = Date.now();
  const proc = spawn(qbpress, ['serve', '-C', content, '-p', '0', '-q'].concat(options), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  while (!/127\.0\.0\.1:(\d+)/.test(out)) await sleep(20);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)[1]);
  const builds = [];
  http.get({ host: '127.0.0.1', port, path: '/__qbpress/events', agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c) => {
      for (const m of c.matchAll(/"build":"([^"]+)"/g)) builds.push({ build: m[1], at: Date.now() });
    });
  });
  while (builds.length === 0) await sleep(10);
  console.log('first build: ' + ((builds[0].at - t0) / 1000).toFixed(2) + ' s');
  const m = /campaigns\/(\d+)\/cases\/([^/]+)\.md$/.exec(narrative);
  const url = '/cases/' + m[1] + '/' + m[2] + '/';
  const page = fs.readFileSync(narrative, 'utf8');
  const events = [];
  const pages = [];
  for (let i = 1; i <= rounds; i++) {
    const n = builds.length;
    const mark = 'qbpress-bench-' + i;
    const start = Date.now();
    fs.writeFileSync(narrative, page + '\n' + mark + '\n');
    while (builds.length === n) await sleep(5);
    events.push(builds[n].at - start);
    if (!(await get(port, url)).includes(mark)) throw new Error('the page at ' + url + ' has not changed');
    pages.push(Date.now() - start);
    console.log('edit ' + i + ': event after ' + events[i - 1] + ' ms, page after ' + pages[i - 1] + ' ms');
    await sleep(300);
  }
  fs.writeFileSync(narrative, page);
  const median = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log('median: event after ' + median(events) + ' ms, changed page after ' + median(pages) +
    ' ms (each including 150 ms of waiting for the folders to be quiet)');
  proc.kill('SIGINT');
  proc.on('exit', () => process.exit(0));
})();
