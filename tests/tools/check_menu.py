#!/usr/bin/env python3
"""check_menu.py SITE: every HTML page's main menu marks the item of its own
section (aria-current="page") and no other: the home page, the notices, the
library (case pages included), verification, statistics, each free page;
the exchange activities and 404.html mark none. Prints one line per finding
and "ok - N pages" at the end; exits 1 on any finding."""
import os
import re
import sys

site = sys.argv[1]
menu_re = re.compile(r'<nav class="menu"[^>]*>(.*?)</nav>', re.S)
item_re = re.compile(r'<a href="([^"]*)"( aria-current="page")?>')


def expected(rel):
    if rel == 'index.html':
        return 'index'
    top = rel.split('/')[0]
    if top in ('notices', 'cases', 'verify', 'stats'):
        return top
    if top == 'pages':
        return 'pages/' + rel.split('/')[1]
    return None


bad = []
pages = 0
for dirpath, _, files in os.walk(site):
    for f in files:
        if not f.endswith('.html'):
            continue
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, site)
        with open(path, encoding='utf-8') as fh:
            text = fh.read()
        m = menu_re.search(text)
        if m is None:
            if '<html' in text and 'http-equiv="refresh"' not in text:
                bad.append('%s: no main menu' % rel)
            continue
        pages += 1
        marked = [href for href, cur in item_re.findall(m.group(1)) if cur]
        want = expected(rel)
        if want is None:
            if marked:
                bad.append('%s: marks %s, expected none' % (rel, marked))
            continue
        here = [os.path.normpath(os.path.join(os.path.dirname(rel), h[:-len('index.html')] if h.endswith('index.html') else h))
                for h in marked]
        if here != [os.path.normpath(want if want != 'index' else '.')]:
            bad.append('%s: marks %s, expected the link to %s' % (rel, marked, want))

for b in bad[:20]:
    print('not ok - ' + b)
if bad:
    print('%d of %d pages mark the wrong menu item' % (len(bad), pages))
    sys.exit(1)
print('ok - %d pages mark their own section in the menu' % pages)
