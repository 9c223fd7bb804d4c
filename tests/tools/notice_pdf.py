#!/usr/bin/env python3
"""notice_pdf.py PDF...: each official notice PDF is laid out as GB/T
9704-2012 asks, as pdftotext -bbox-layout reads it back:

  - A4 pages; every line inside the type area (156 x 225 mm, 28 mm from
    the left, 37 mm from the top) but the page numbers;
  - the body in 3号 (16 pt) on a grid of 22 lines a page, 28.99 pt apart,
    and 28 characters a full line, none more; the title in 2号 (22 pt);
  - the masthead 35 mm below the type area's top, on the first page;
  - the page numbers "— N —" 7 mm below the type area, on the right of odd
    pages and the left of even ones, one character (14 pt) in;
  - the signature and date on the page of the last paragraph: never the
    first lines of a page;
  - each attachment from a page of its own, its label first.

Prints "ok - …" or "not ok - …" per PDF and rule.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notice_channels import MM, pdf_lines, report  # noqa: E402
import notice_channels  # noqa: E402

import subprocess  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

LEFT, TOP, W, H = 28 * MM, 37 * MM, 156 * MM, 225 * MM
PITCH = H / 22
CJK = re.compile(r'^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》〔〕]+$')


def all_lines(path):
    """Per page: (width, height, lines) with the page numbers kept."""
    out = subprocess.run(['pdftotext', '-bbox-layout', path, '-'], capture_output=True, check=True).stdout
    doc = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', out.decode('utf-8')))
    x = '{http://www.w3.org/1999/xhtml}'
    res = []
    for page in doc.iter(x + 'page'):
        lines = []
        for line in page.iter(x + 'line'):
            words = [w.text or '' for w in line.findall(x + 'word')]
            lines.append((float(line.get('xMin')), float(line.get('yMin')), float(line.get('xMax')),
                          float(line.get('yMax')), ' '.join(words)))
        res.append((float(page.get('width')), float(page.get('height')), lines))
    return res


def check(path):
    name = os.path.basename(path)
    pages = all_lines(path)
    report(all(abs(w - 595.28) < 0.5 and abs(h - 841.89) < 0.5 for w, h, _ in pages),
           name + ': every page is A4', [(w, h) for w, h, _ in pages])
    outside, folios = [], []
    for i, (_, _, lines) in enumerate(pages):
        folio = [l for l in lines if l[1] > TOP + H]
        folios.append(folio)
        for l in lines:
            if l in folio:
                continue
            if l[0] < LEFT - 0.5 or l[2] > LEFT + W + 0.5 or l[1] < TOP - 0.5 or l[3] > TOP + H + 0.5:
                outside.append('page %d: %s' % (i + 1, l))
    report(not outside, name + ': every line inside the type area of 156 x 225 mm', '\n'.join(outside[:5]))
    bad = []
    for i, folio in enumerate(folios):
        n = i + 1
        want = '— %d —' % n
        if len(folio) != 1 or folio[0][4].replace(' ', '') != want.replace(' ', ''):
            bad.append('page %d: %s' % (n, [f[4] for f in folio]))
            continue
        x0, y0, x1, _, _ = folio[0]
        side = abs(x1 - (LEFT + W - 14)) < 2 if n % 2 else abs(x0 - (LEFT + 14)) < 2
        if not side or abs(y0 - (TOP + H + 7 * MM)) > 3:
            bad.append('page %d: %s at x %.1f-%.1f, top %.1f' % (n, folio[0][4], x0, x1, y0))
    report(not bad, name + ': page numbers "— N —" 7 mm below the type area, odd pages right, even left, '
           'one character in', '\n'.join(bad))
    # the body's grid
    body = [[l for l in lines if 16.2 < l[3] - l[1] < 17.2 and l[1] <= TOP + H]
            for _, _, lines in pages]
    steps, crowded, full = [], [], []
    for i, ls in enumerate(body):
        if len(ls) > 22:
            crowded.append('page %d: %d lines' % (i + 1, len(ls)))
        for a, b in zip(ls, ls[1:]):
            d = b[1] - a[1]
            if d < PITCH * 1.5:
                steps.append(d)
        full += [l for l in ls if abs(l[0] - LEFT) < 0.5 and abs(l[2] - (LEFT + W)) < 0.5 and CJK.match(l[4])]
    report(not crowded and steps and all(abs(s - PITCH) < 0.05 for s in steps),
           name + ': body lines 28.99 pt apart, at most 22 a page', crowded or sorted(set(round(s, 2) for s in steps)))
    # (a line the next piece did not fit on is justified with fewer)
    report(full and max(len(l[4]) for l in full) == 28,
           name + ': a full body line holds 28 characters, none more (%d full lines)' % len(full),
           [l[4] for l in full if len(l[4]) > 28][:3] or 'no full line of 28')
    first = pages[0][2]
    mast = [l for l in first if l[3] - l[1] > 30]
    title = [l for l in first if 22.5 < l[3] - l[1] < 23.5]
    report(len(mast) == 1 and abs(mast[0][1] - (TOP + 35 * MM)) < 2 and title,
           name + ': the masthead 35 mm below the type area, the title in 22 pt', mast or 'no masthead')
    # the signature: the date is the last line of the text before the
    # attachments; it is never among a page's first lines
    sig = None
    for i, (_, _, lines) in enumerate(pages):
        for k, l in enumerate(lines):
            if re.match(r'^\d{4}年\d{1,2}月\d{1,2}日$', l[4]) and l[0] > LEFT + W / 2:
                sig = (i, k)
    report(sig is not None and sig[1] >= 4, name + ': the signature and date stand with the last paragraph',
           sig and 'date on page %d, line %d' % (sig[0] + 1, sig[1] + 1))
    # attachments
    annex = [i for i, (_, _, lines) in enumerate(pages) for k, l in enumerate(lines)
             if re.match(r'^附件\d*$', l[4])]
    heads = [i for i in annex if re.match(r'^附件\d*$', pages[i][2][0][4])]
    report(annex == heads, name + ': each attachment starts a page with its label', annex)


def main():
    for path in sys.argv[1:]:
        check(path)
    return 1 if notice_channels.failures else 0


if __name__ == '__main__':
    sys.exit(main())
