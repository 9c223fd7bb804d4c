#!/usr/bin/env python3
"""The case library's lists in pages: check_pages.py SITE N

For /cases/ and every facet page /cases/FACET/VALUE/ of the site in SITE,
built with N cards a page: every published case of the list (from
cases/index.json) appears exactly once across its pages, in the library's
order (newest year first, then the order of the search index), no page
holds more than N cards, the list has ceil(count/N) pages (one at least)
at LIST/ and LIST/page/K/, each page's pager marks it (aria-current) and
links the previous and next pages (rel="prev", rel="next"), and the
titles of the pages differ. Prints "ok - ..." / "not ok - ..." lines;
exits 1 when anything failed."""
import html
import json
import math
import os
import re
import sys

site, per_page = sys.argv[1], int(sys.argv[2])
index = json.load(open(os.path.join(site, 'cases', 'index.json'), encoding='utf-8'))
cases = index['cases']
keys = {'year': 'y', 'focus': 'f', 'industry': 'i', 'region': 'r'}
failures = []


def cards(text):
    return [html.unescape(h) for h in re.findall(r'<li class="card"><h3 class="card-enterprise"><a href="([^"]*)"', text)]


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def check_list(folder, want):
    """folder: the list's first page below the site (cases/ or cases/F/V/);
    want: the addresses of its cases below cases/, in order."""
    pages = max(1, math.ceil(len(want) / per_page))
    files = [os.path.join(site, folder, 'index.html')] + [
        os.path.join(site, folder, 'page', str(k), 'index.html') for k in range(2, pages + 1)]
    missing = [f for f in files if not os.path.isfile(f)]
    extra = os.path.join(site, folder, 'page', str(pages + 1), 'index.html')
    if missing or os.path.exists(extra) or (pages == 1 and os.path.exists(os.path.join(site, folder, 'page'))):
        failures.append('%s: %d pages expected; missing %s, or one too many' % (folder, pages, missing))
        return
    got, titles = [], set()
    for k, f in enumerate(files, 1):
        text = read(f)
        c = cards(text)
        if len(c) > per_page or (k < pages and len(c) != per_page):
            failures.append('%s page %d holds %d cards' % (folder, k, len(c)))
        got += [re.sub(r'^(\.\./)*cases/', '', h) for h in c]
        titles.add(re.search(r'<title>([^<]*)</title>', text).group(1))
        if pages > 1:
            nav = re.search(r'<nav class="page-nav"[^>]*>(.*?)</nav>', text)
            cur = nav and re.search(r'<a href="([^"]*)" aria-current="page">', nav.group(1))
            prev = nav and re.search(r'<a rel="prev" href="([^"]*)"', nav.group(1))
            nxt = nav and re.search(r'<a rel="next" href="([^"]*)"', nav.group(1))
            here = folder if k == 1 else folder + 'page/%d/' % k
            ok = nav and cur and cur.group(1).endswith(here) and (k == 1) == (prev is None) and \
                (k == pages) == (nxt is None) and \
                (prev is None or prev.group(1).endswith(folder if k == 2 else folder + 'page/%d/' % (k - 1))) and \
                (nxt is None or nxt.group(1).endswith(folder + 'page/%d/' % (k + 1)))
            if not ok:
                failures.append('%s page %d: pager %s' % (folder, k, nav.group(0)[:300] if nav else 'missing'))
        elif 'class="page-nav"' in text:
            failures.append('%s: a list of one page has a pager' % folder)
    if got != want:
        failures.append('%s: the pages list %d cards, %d distinct; expected %d in order' %
                        (folder, len(got), len(set(got)), len(want)))
    if len(titles) != len(files):
        failures.append('%s: the titles of its %d pages are not all different' % (folder, len(files)))


def order(c):
    return (-c['y'], cases.index(c))


lists = 1
check_list('cases/', [c['u'] for c in sorted(cases, key=order)])
for facet, key in keys.items():
    d = os.path.join(site, 'cases', facet)
    for value in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        want = [c['u'] for c in sorted(cases, key=order) if str(c[key]) == value]
        check_list('cases/%s/%s/' % (facet, value), want)
        lists += 1

if failures:
    print('not ok - the %d lists of the library are split into pages of %d cards' % (lists, per_page))
    for f in failures[:10]:
        print('    ' + f)
    sys.exit(1)
paged = sum(1 for _ in os.popen('find %s/cases -path "*/page/*" -name index.html' % site))
print('ok - each of the %d lists of the library holds every case once, in order, in pages of at most %d cards '
      '(%d further pages), with a pager that marks the page and links the previous and next' % (lists, per_page, paged))
