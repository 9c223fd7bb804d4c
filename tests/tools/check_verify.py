#!/usr/bin/env python3
"""The certificate lookup's lists: check_verify.py SITE years|numbers

For the site in SITE, against verify/index.json (every issued
certificate): /verify/ keeps its lookup form, and
  numbers: lists every certificate's number under its year, with no page
    verify/year/;
  years: lists no certificate but every year with certificates, newest
    first, each with its number of certificates and a link to
    verify/year/YEAR/; each such page lists exactly that year's
    certificates in the index's order, each linking to its existing
    verification page, has breadcrumbs back to /verify/ and is in the
    sitemap; there is no other year page.
Prints "ok - ..." / "not ok - ..." lines; exits 1 when anything failed."""
import html
import json
import os
import re
import sys

site, mode = sys.argv[1], sys.argv[2]
certs = json.load(open(os.path.join(site, 'verify', 'index.json'), encoding='utf-8'))
years = sorted({c[3] for c in certs}, reverse=True)
failures = []


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def main_of(text):
    m = re.search(r'<main[^>]*>(.*)</main>', text, re.S)
    return m.group(1) if m else ''


def numbers(text):
    """The certificates a page lists: (number, enterprise, href)."""
    return [(html.unescape(n), html.unescape(e), h) for h, n, e in
            re.findall(r'<li><a href="([^"]*)">([^<]*)</a><span>([^<]*)</span></li>', main_of(text))
            if re.match(r'^(\.\./)*verify/[^/]+/$', h) and not h.endswith('/year/')]


def resolves(page, href):
    path = os.path.normpath(os.path.join(os.path.dirname(page), href))
    return os.path.isfile(os.path.join(path, 'index.html'))


lookup = os.path.join(site, 'verify', 'index.html')
text = read(lookup)
if 'id="qb-verify"' not in text or 'id="qb-cert"' not in text:
    failures.append('/verify/ has no lookup form')
listed = numbers(text)
yeardir = os.path.join(site, 'verify', 'year')
if mode == 'numbers':
    if [n for n, _, _ in listed] != [c[0] for y in years for c in certs if c[3] == y]:
        failures.append('/verify/ lists %d numbers, not the %d certificates by year' % (len(listed), len(certs)))
    if os.path.exists(yeardir):
        failures.append('verify/year/ exists though /verify/ lists every number')
else:
    if listed:
        failures.append('/verify/ lists %d certificates by number' % len(listed))
    got = re.findall(r'<li><a href="([^"]*verify/year/([0-9]+)/)">\2年</a><span>([0-9]+)份证书</span></li>',
                     main_of(text))
    want = [(y, sum(1 for c in certs if c[3] == y)) for y in years]
    if [(int(y), int(n)) for _, y, n in got] != want:
        failures.append('/verify/ lists the years %s, not %s' % ([(y, n) for _, y, n in got], want))
    sitemap = read(os.path.join(site, 'sitemap.xml'))
    for href, y, _ in got:
        page = os.path.join(site, 'verify', 'year', y, 'index.html')
        if not resolves(lookup, href):
            failures.append('/verify/ links %s, which is not there' % href)
            continue
        ptext = read(page)
        mine = [[c[0], c[1]] for c in certs if c[3] == int(y)]
        plist = numbers(ptext)
        if [[n, e] for n, e, _ in plist] != mine:
            failures.append('verify/year/%s/ lists %d certificates, not the %d of %s' % (y, len(plist), len(mine), y))
        for n, _, h in plist:
            if not resolves(page, h) or not h.endswith('verify/%s/' % n):
                failures.append('verify/year/%s/ links %s for %s, which is not its page' % (y, h, n))
                break
        crumbs = re.search(r'<nav class="crumbs"[^>]*>(.*?)</nav>', ptext, re.S)
        if not crumbs or not re.search(r'<a href="(\.\./)+verify/">', crumbs.group(1)):
            failures.append('verify/year/%s/ has no breadcrumb back to /verify/' % y)
        if '/verify/year/%s/</loc>' % y not in sitemap:
            failures.append('verify/year/%s/ is not in the sitemap' % y)
    there = sorted(os.listdir(yeardir)) if os.path.isdir(yeardir) else []
    if there != sorted(str(y) for y in years):
        failures.append('the year pages are %s, not one per year %s' % (there, years))
for f in failures:
    print('not ok - ' + f)
if not failures:
    if mode == 'numbers':
        print('ok - /verify/ keeps its lookup form and lists all %d certificates by year' % len(certs))
    else:
        print('ok - /verify/ keeps its lookup form and lists %d years, each linking to its page of exactly its '
              'certificates (%d in all), with breadcrumbs, in the sitemap' % (len(years), len(certs)))
sys.exit(1 if failures else 0)
