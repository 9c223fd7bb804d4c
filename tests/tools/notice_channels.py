#!/usr/bin/env python3
"""notice_channels.py OUTPUT [PRINT.json]: every notice says the same in
every channel.

For each notice page of OUTPUT/site/notices/, reads the notice's text as
each channel shows it, paragraph by paragraph (the title, the masthead and
number, each body paragraph, the attachments line, the issuer, the date,
each attachment's label and title, and each table row):

  web     the notice page's document (<article class="notice">)
  print   the same page printed (PRINT.json, from tests/site/notices.js:
          the blocks of the document that print media shows)
  wechat  the WeChat article (OUTPUT/wechat/YEAR/notice_*.html) and its
          title in OUTPUT/wechat/manifest.json
  pdf     the official PDF (notices/<slug>/<slug>.pdf) as pdftotext
          -bbox-layout reads it back, its lines put together into
          paragraphs by the layout's rules (GB/T 9704-2012: a paragraph
          starts two characters in; a title, the masthead, the number, the
          issuer, the date stand alone; a table row's lines lie between
          the row's gaps)

and prints "ok - …" or "not ok - …" with the first difference. Whitespace
is compared as one space between web, print and WeChat; the PDF sets no
space between Chinese characters, so against it whitespace is left out.
"""
import html.parser
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

failures = 0


def report(ok, name, detail=''):
    global failures
    if ok:
        print('ok - ' + name)
    else:
        failures += 1
        print('not ok - ' + name)
        for line in str(detail).splitlines()[:12]:
            print('    ' + line)


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def bare(s):
    return re.sub(r'\s+', '', s)


class Tree(html.parser.HTMLParser):
    """A small element tree of an HTML or XHTML fragment."""

    VOID = {'br', 'img', 'meta', 'link', 'input', 'hr', 'col', 'source', 'wbr'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {'tag': '#root', 'attrs': {}, 'kids': []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {'tag': tag, 'attrs': dict(attrs), 'kids': []}
        self.stack[-1]['kids'].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]['tag'] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.stack[-1]['kids'].append(data)


def parse(text):
    t = Tree()
    t.feed(text)
    return t.root


def text_of(node):
    if isinstance(node, str):
        return node
    if node['tag'] == 'template':
        return ''
    return ''.join(text_of(k) for k in node['kids'])


def elements(node):
    for k in node['kids']:
        if not isinstance(k, str):
            yield k
            yield from elements(k)


def classes(node):
    return node['attrs'].get('class', '').split()


def find(node, pred):
    for e in elements(node):
        if pred(e):
            return e
    return None


def table_rows(table):
    rows = []
    for tr in (e for e in elements(table) if e['tag'] == 'tr'):
        rows.append([norm(text_of(c)) for c in tr['kids'] if not isinstance(c, str) and c['tag'] in ('th', 'td')])
    return rows


# ---- web ----

def web_blocks(page):
    """(title, blocks) of the document on a notice page; a block is a
    paragraph's text or a table row (a list of cells)."""
    root = parse(page)
    art = find(root, lambda e: e['tag'] == 'article' and 'notice' in classes(e))
    if art is None:
        return None, []
    title, blocks = None, []
    for e in elements(art):
        c = classes(e)
        if e['tag'] == 'h1':
            title = norm(text_of(e))
        elif e['tag'] == 'p' and ('masthead' in c or 'doc-number' in c or 'issuer' in c or 'date' in c or
                                  'annex-label' in c):
            blocks.append(norm(text_of(e)))
        elif e['tag'] == 'h2' and 'annex-title' in c:
            blocks.append(norm(text_of(e)))
        elif e['tag'] == 'p' and in_body(art, e):
            blocks.append(norm(text_of(e)))
        elif e['tag'] == 'table':
            cap = find(e, lambda x: x['tag'] == 'caption' and 'annex-title' in classes(x))
            if cap is not None:
                blocks.append(norm(text_of(cap)))
            blocks.extend(table_rows(e))
    return title, blocks


def in_body(art, target):
    body = find(art, lambda e: 'doc-body' in classes(e))
    return body is not None and any(e is target for e in elements(body)) and not \
        ({'issuer', 'date'} & set(classes(target)))


# ---- wechat ----

def wechat_blocks(fragment):
    """The blocks of a WeChat notice article: its paragraphs and table rows
    up to the account's footer (the root's last section)."""
    root = parse(fragment)
    top = next((k for k in root['kids'] if not isinstance(k, str)), None)
    if top is None:
        return []
    kids = [k for k in top['kids'] if not isinstance(k, str)]
    if kids and kids[-1]['tag'] == 'section' and find(kids[-1], lambda e: e['tag'] == 'table') is None:
        kids = kids[:-1]
    blocks = []
    for k in kids:
        if k['tag'] == 'p':
            blocks.append(norm(text_of(k)))
        elif k['tag'] == 'section':
            t = find(k, lambda e: e['tag'] == 'table')
            if t is not None:
                blocks.extend(table_rows(t))
            else:
                blocks.extend(norm(text_of(p)) for p in elements(k) if p['tag'] == 'p')
    return blocks


# ---- pdf ----

MM = 72 / 25.4


def pdf_lines(path):
    """Per page: the lines pdftotext finds, as (x, top, bottom, right,
    height, text, words), in reading order, without the page numbers below
    the type area; words as (x, right, top, text)."""
    out = subprocess.run(['pdftotext', '-bbox-layout', path, '-'], capture_output=True, check=True).stdout
    text = out.decode('utf-8')
    text = re.sub(r'<!DOCTYPE[^>]*>', '', text)
    doc = ET.fromstring(text)
    ns = {'h': 'http://www.w3.org/1999/xhtml'}
    pages = []
    for page in doc.iter('{http://www.w3.org/1999/xhtml}page'):
        lines = []
        for line in page.iter('{http://www.w3.org/1999/xhtml}line'):
            words = [(float(w.get('xMin')), float(w.get('xMax')), float(w.get('yMin')), w.text or '')
                     for w in line.findall('h:word', ns)]
            x0, y0 = float(line.get('xMin')), float(line.get('yMin'))
            x1, y1 = float(line.get('xMax')), float(line.get('yMax'))
            if y0 > (37 + 225) * MM:
                continue
            lines.append((x0, y0, y1, x1, y1 - y0, ' '.join(w[3] for w in words), words))
        lines.sort(key=lambda l: (round(l[1], 1), l[0]))
        pages.append(lines)
    return pages


def pdf_blocks(path):
    """The blocks of an official PDF, rebuilt from its lines: the same shape
    as web_blocks, table rows as their cells' text run together. A line's
    height tells its size (a 16 pt body line is some 16.7 points high in AR
    PL UMing, 20 in WenQuanYi Zen Hei): titles are centred lines 20 to 30
    high, an attachment's table lines lower than a body line."""
    left, ch, width = 28 * MM, 156 * MM / 28, 156 * MM
    blocks = []
    kind = None          # of the last block: 'para', 'title', 'alone', 'row'
    in_table = False
    for lines in pdf_lines(path):
        kind = 'para' if kind == 'para' else None
        row_bottom = None
        for x0, y0, y1, x1, h, text, words in lines:
            if in_table and h < 16.2:
                # a row ends where the gap below a line is larger than a
                # cell's line pitch; its words (pdftotext may run two
                # cells' lines into one of its lines) go to their columns
                if kind == 'row' and y0 - row_bottom < 8:
                    blocks[-1].extend(words)
                    row_bottom = max(row_bottom, y1)
                else:
                    blocks.append(list(words))
                    row_bottom = y1
                kind = 'row'
            elif 20 <= h <= 30 and abs((x0 + x1) / 2 - (left + width / 2)) < 2:
                if kind == 'title':
                    blocks[-1] += text
                else:
                    blocks.append(text)
                kind = 'title'
            elif abs(x0 - (left + 2 * ch)) < 1.5:
                blocks.append(text)
                kind = 'para'
            elif abs(x0 - left) < 1.5 and kind == 'para':
                blocks[-1] += text
            else:
                blocks.append(text)
                kind = 'alone'
                # an attachment's label: its table follows
                in_table = in_table or re.match(r'^附件\d*$', text) is not None
    return [cells(b) if isinstance(b, list) else b for b in blocks]


def cells(row):
    """A table row's words as its cells' texts, left to right. Words of one
    visual line less than a space apart are one piece of a cell's line
    (cells are padded wider apart); a cell's lines start at one x (cells
    are set flush left; a centred cell's text is short enough for one
    line), read top to bottom."""
    pieces = []
    for x0, x1, y0, text in sorted(row, key=lambda w: (round(w[2]), w[0])):
        p = pieces[-1] if pieces else None
        if p and round(p[2]) == round(y0) and x0 - p[1] < 5:
            p[1], p[3] = x1, p[3] + ' ' + text
        else:
            pieces.append([x0, x1, y0, text])
    cols = []
    for x0, x1, y0, text in sorted(pieces):
        if not cols or x0 - cols[-1][0] > 0.5:
            cols.append([x0, []])
        cols[-1][1].append((y0, text))
    return [' '.join(t for _, t in sorted(c)) for _, c in cols]


def pdf_title_and_blocks(path, web_title):
    blocks = pdf_blocks(path)
    # the title is the block equal to the web's once whitespace is left
    # out; it stands after the masthead and number
    for i, b in enumerate(blocks[:4]):
        if isinstance(b, str) and bare(b) == bare(web_title or ''):
            return b, blocks[:i] + blocks[i + 1:]
    return None, blocks


def rows_bare(blocks):
    return [bare(''.join(b)) if isinstance(b, list) else bare(b) for b in blocks]


def first_difference(a, b):
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else '(nothing)'
        y = b[i] if i < len(b) else '(nothing)'
        if x != y:
            return 'block %d:\n  %s\n  %s' % (i + 1, x, y)
    return ''


def main():
    if len(sys.argv) < 2:
        sys.stderr.write('usage: notice_channels.py OUTPUT [PRINT.json]\n')
        return 2
    out = sys.argv[1]
    printed = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else None
    site = os.path.join(out, 'site')
    manifest = json.load(open(os.path.join(out, 'wechat', 'manifest.json')))
    by_source = {a['source_url']: a for a in manifest['articles']}
    base = None
    for a in manifest['articles']:
        m = re.match(r'(https?://[^/]+/(?:.*?/)?)notices/', a['source_url'])
        if m:
            base = m.group(1)
    slugs = sorted(d for d in os.listdir(os.path.join(site, 'notices'))
                   if os.path.isdir(os.path.join(site, 'notices', d)))
    if not slugs:
        report(False, 'the output has notices')
    for slug in slugs:
        page = open(os.path.join(site, 'notices', slug, 'index.html'), encoding='utf-8').read()
        title, web = web_blocks(page)
        name = 'notice %s' % slug
        report(title is not None and len(web) > 4, name + ': the web page has its document (%d blocks)' % len(web),
               'title %r, %d blocks' % (title, len(web)))
        # print
        if printed is not None:
            p = printed.get(slug)
            ok = p is not None and norm(p.get('title', '')) == title and \
                [norm(x) if isinstance(x, str) else [norm(c) for c in x] for x in p.get('blocks', [])] == web and \
                not p.get('outside')
            report(ok, name + ': printed, the same text as on screen, and nothing else',
                   'not printed' if p is None else ('also printed: %s' % p['outside'] if p.get('outside') else
                                                    first_difference([str(x) for x in web],
                                                                     [str(x) for x in p['blocks']])))
        # wechat
        art = by_source.get('%snotices/%s/' % (base, slug)) if base else None
        if art is None:
            report(False, name + ': a WeChat article')
        else:
            frag = open(os.path.join(out, 'wechat', art['file']), encoding='utf-8').read()
            wx = wechat_blocks(frag)
            ok = norm(art['title']) == title and wx == web
            report(ok, name + ': the WeChat article says the same, block by block (%d)' % len(wx),
                   'title %r / %r' % (art['title'], title) if norm(art['title']) != title else
                   first_difference([str(x) for x in web], [str(x) for x in wx]))
            report(art.get('pdf') == '%snotices/%s/%s.pdf' % (base, slug, slug),
                   name + ': the WeChat manifest lists the official PDF', art.get('pdf'))
        # pdf
        pdf = os.path.join(site, 'notices', slug, slug + '.pdf')
        if not os.path.exists(pdf):
            report(False, name + ': the official PDF exists')
            continue
        ptitle, pblocks = pdf_title_and_blocks(pdf, title)
        ok = ptitle is not None and rows_bare(pblocks) == rows_bare(web)
        report(ok, name + ': pdftotext gives the same paragraphs as the web page (%d)' % len(pblocks),
               'no title %r' % title if ptitle is None else first_difference(rows_bare(web), rows_bare(pblocks)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
