"""100 certificates of a qbpress model as one HTML document for WeasyPrint.

The theme's faces, sizes, colours and texts (themes/default/pdf.yaml) on
A4 landscape pages with the border, and the QR code as an SVG of 29 x 29
modules (qbpress draws version 3 codes: 29 x 29).
    python3 certificates-html.py MODEL.xml OUT.html
"""
import hashlib
import sys
import xml.etree.ElementTree as ET

DIGITS = '〇一二三四五六七八九'


def small(n):
    n = int(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return '十' + (DIGITS[n % 10] if n % 10 else '')
    return DIGITS[n // 10] + '十' + (DIGITS[n % 10] if n % 10 else '')


def date_words(iso):
    y, m, d = iso.split('-')
    return ''.join(DIGITS[int(c)] for c in y) + '年' + small(m) + '月' + small(d) + '日'


def qr(seed):
    bits = hashlib.sha256(seed.encode()).digest() * 4
    rects = ''.join('<rect x="%d" y="%d" width="1" height="1"/>' % (i % 29, i // 29)
                    for i in range(29 * 29) if bits[i // 8] >> (i % 8) & 1)
    return '<svg class="qr" viewBox="0 0 29 29" xmlns="http://www.w3.org/2000/svg">%s</svg>' % rects


STYLE = """@page { size: A4 landscape; margin: 0 }
body { margin: 0; font-family: "AR PL UKai CN"; color: #262626 }
.cert { position: relative; width: 297mm; height: 210mm; box-sizing: border-box; border: 6mm double #B08A3E;
  outline: 1pt solid #A6192E; outline-offset: -9mm; page-break-after: always; text-align: center; padding-top: 30mm }
h1 { font-size: 56pt; letter-spacing: 0.3em; color: #A6192E; font-weight: normal; margin: 0 0 8mm }
p { font-size: 21pt; margin: 4mm 0 }
.ent { font-size: 34pt; color: #1A1A1A }
.exp { font-size: 26pt; color: #1A1A1A }
.sig { position: absolute; right: 30mm; bottom: 26mm }
.sig p { margin: 2mm 0 }
.num { position: absolute; left: 26mm; bottom: 22mm; text-align: left }
.num p { font-size: 12pt; margin: 1mm 0 }
.num .v { font-size: 10pt; color: #666666 }
.qr { width: 22mm; height: 22mm }"""

PAGE = """<section class="cert"><h1>全国质量标杆</h1>
<p class="ent">{enterprise}</p><p>贵单位申报的典型经验</p><p class="exp">《{experience}》</p>
<p>经遴选，被确定为{campaign}。</p><p>特发此证。</p>
<div class="sig"><p>{organization}</p><p>{date}</p></div>
<div class="num">{qr}<p>证书编号：{certificate}</p><p class="v">扫码查验证书</p></div></section>"""


def main():
    root = ET.parse(sys.argv[1]).getroot()
    organization = root.find('site').get('organization')
    pages = []
    for c in root.iter('campaign'):
        ann = c.find('announcement')
        date = date_words(ann.get('date')) if ann is not None and ann.get('date') else ''
        for r in c.iter('record'):
            if r.get('issued') == 'true' and len(pages) < 100:
                pages.append(PAGE.format(enterprise=r.findtext('enterprise'), experience=r.findtext('experience'),
                                         campaign=c.get('title'), organization=organization, date=date,
                                         qr=qr(r.get('certificate')), certificate=r.get('certificate')))
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>certificates</title>'
                '<style>%s</style></head><body>%s</body></html>' % (STYLE, '\n'.join(pages)))
    print(len(pages))


main()
