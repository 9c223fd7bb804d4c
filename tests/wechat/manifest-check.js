// Checks output/wechat/manifest.json against the exported files and
// WeChat's limits. Prints "ok - …" / "not ok - …" lines and, last, the line
// "largest N chars, M of K articles under 20000".
//   node manifest-check.js WECHAT_DIR BASE_URL
'use strict';

const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const base = process.argv[3].replace(/\/?$/, '/');
let failures = 0;
function result(ok, name, detail) {
  console.log((ok ? 'ok - ' : 'not ok - ') + name);
  if (!ok) {
    failures++;
    if (detail) console.log('    ' + detail);
  }
}
const chars = (s) => [...s].length;

let m;
try {
  m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  result(true, 'manifest.json is JSON');
} catch (e) {
  result(false, 'manifest.json is JSON', String(e));
  process.exit(1);
}
const exported = fs.readdirSync(dir).filter((d) => /^\d{4}$/.test(d))
  .flatMap((y) => fs.readdirSync(path.join(dir, y)).map((f) => y + '/' + f)).sort();
const listed = m.articles.map((a) => a.file).sort();
result(JSON.stringify(exported) === JSON.stringify(listed), 'the manifest lists every exported article once',
  'files: ' + exported.join(' ') + '\n    listed: ' + listed.join(' '));

const problems = [];
let largest = 0, fit = 0;
for (const a of m.articles) {
  const where = a.file + ': ';
  const file = path.join(dir, a.file);
  if (!fs.existsSync(file)) {
    problems.push(where + 'missing');
    continue;
  }
  const html = fs.readFileSync(file, 'utf8');
  if (a.chars !== chars(html)) problems.push(where + 'chars ' + a.chars + ' but the file has ' + chars(html));
  if (a.bytes !== Buffer.byteLength(html)) problems.push(where + 'bytes ' + a.bytes + ' but the file has ' + Buffer.byteLength(html));
  largest = Math.max(largest, a.chars);
  if (a.chars < 20000) fit++;
  const t = chars(a.title || '');
  if (t === 0 || t > 64) problems.push(where + 'title of ' + t + ' characters');
  const d = chars(a.digest || '');
  if (d === 0 || d > 120) problems.push(where + 'digest of ' + d + ' characters');
  const au = chars(a.author || '');
  if (au === 0) problems.push(where + 'no author');
  if ((au > 16) !== a.limits_broken.some((l) => l.limit === 'author')) problems.push(where + 'author limit with ' + au + ' characters');
  const want = a.kind === 'case' ? base + 'cases/' + a.year + '/' + a.id + '/'
    : a.kind === 'revocation' ? base + 'notices/revocation-' + a.certificate + '/'
      : base + 'notices/' + a.year + '-' + a.kind + '/';
  if (a.source_url !== want) problems.push(where + 'source_url ' + a.source_url + ', expected ' + want);
  const srcs = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((x) => x[1]).filter((s) => !/^(https?:)?\/\//.test(s));
  for (const s of srcs) if (!a.images.includes(s)) problems.push(where + 'shows ' + s + ' but does not list it');
  for (const s of a.images.concat(a.cover ? [a.cover] : [])) {
    if (!fs.existsSync(path.join(dir, s))) problems.push(where + s + ' is not in the export');
  }
  const names = a.limits_broken.map((l) => l.limit);
  if ((a.chars >= 20000) !== names.includes('html_chars')) problems.push(where + 'html_chars limit ' + JSON.stringify(a.limits_broken) + ' with ' + a.chars + ' chars');
  const html_limit = a.limits_broken.find((l) => l.limit === 'html_chars');
  if (html_limit && html_limit.value !== a.chars) problems.push(where + 'html_chars figure ' + html_limit.value + ' is not ' + a.chars);
  if ((t > 32) !== (names.includes('title') || names.includes('title_web'))) problems.push(where + 'title limit with ' + t + ' characters');
  for (const s of a.images.concat(a.cover ? [a.cover] : [])) {
    const p = path.join(dir, s);
    if (fs.existsSync(p) && fs.statSync(p).size >= 1048576 && !a.limits_broken.some((l) => l.limit === 'image_bytes' && l.image === s)) {
      problems.push(where + s + ' is over 1 MB but not reported');
    }
    if (!/\.(png|jpe?g)$/i.test(s) && !a.limits_broken.some((l) => l.limit === 'image_type' && l.image === s)) {
      problems.push(where + s + ' is neither JPEG nor PNG but not reported');
    }
  }
}
result(problems.length === 0, 'every manifest entry matches its file and limits', problems.join('\n    '));
console.log('largest ' + largest + ' chars, ' + fit + ' of ' + m.articles.length + ' articles under 20000');
process.exit(failures ? 1 : 0);
