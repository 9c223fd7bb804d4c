// What the site's browser tests share. serve(root) resolves to an
// http.Server on 127.0.0.1 that serves ROOT, answers folders with their
// index.html and missing files with 404.html when ROOT has one. check(name,
// cond, detail) prints "ok - name" or "not ok - name" with the detail
// indented below; failed() counts the failures.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.txt': 'text/plain', '.pdf': 'application/pdf',
};

function serve(root) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.includes('..')) { res.writeHead(400); res.end(); return; }
    let f = path.join(root, p);
    if (p.endsWith('/')) f = path.join(f, 'index.html');
    fs.readFile(f, (err, data) => {
      if (err) {
        fs.readFile(path.join(root, '404.html'), (e2, d2) => {
          res.writeHead(404, { 'Content-Type': types['.html'] });
          res.end(e2 ? '' : d2);
        });
        return;
      }
      res.writeHead(200, { 'Content-Type': types[path.extname(f)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let failures = 0;

function check(name, cond, detail) {
  if (cond) {
    console.log('ok - ' + name);
    return;
  }
  failures++;
  console.log('not ok - ' + name);
  if (detail !== undefined && detail !== '') console.log('    ' + String(detail).split('\n').join('\n    '));
}

module.exports = { serve, check, failed: () => failures };
