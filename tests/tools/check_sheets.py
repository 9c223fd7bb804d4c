"""Checks the spreadsheets of a built site against the model, with readers
that are not libxlsxwriter: the .xlsx through zipfile and the XML of its
parts, the .csv through the csv module.

    python3 tests/tools/check_sheets.py SITE MODEL.xml

Every cell of every expected sheet is compared with a value made here from
the model's records (the default theme's columns); the header row must be
frozen, every column have a width, text cells be text (a certificate
number never a number), number cells numbers, date cells dates. Each CSV
must start with a byte-order mark, decode as UTF-8 and hold the same rows.
Prints "ok - …" / "not ok - …" lines; exits 1 when anything failed.
"""
import csv
import datetime
import io
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qbmodel  # noqa: E402

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
      'rel': 'http://schemas.openxmlformats.org/package/2006/relationships'}
failures = 0


def check(name, cond, detail=''):
    global failures
    if cond:
        print('ok - ' + name)
        return
    failures += 1
    print('not ok - ' + name)
    if detail:
        print('    ' + str(detail).replace('\n', '\n    '))


# A cell's expected value: ('s', text), ('n', number) or ('d', ISO date).
def S(v):
    return ('s', v or '')


def N(v):
    return ('n', v)


def D(v):
    return ('d', v)


def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


books = {}


def read_xlsx(path):
    """{sheet name: {'rows': [[(type, value)]], 'frozen': bool, 'widths': n,
    'filter': bool}}, read once per file."""
    if path not in books:
        books[path] = read_book(path)
    return books[path]


def read_book(path):
    z = zipfile.ZipFile(path)
    check(os.path.basename(os.path.dirname(path)) + '/' + os.path.basename(path) + ' is a sound zip file',
          z.testzip() is None)
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    styles = ET.fromstring(z.read('xl/styles.xml'))
    fmts = {int(f.get('numFmtId')): f.get('formatCode') for f in styles.findall('m:numFmts/m:numFmt', NS)}
    xfs = styles.findall('m:cellXfs/m:xf', NS)
    date_styles = {i for i, xf in enumerate(xfs)
                   if 'yy' in fmts.get(int(xf.get('numFmtId', '0')), '') or int(xf.get('numFmtId', '0')) == 14}
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    sheets = {}
    for sh in wb.findall('m:sheets/m:sheet', NS):
        target = rels[sh.get('{%s}id' % NS['r'])]
        ws = ET.fromstring(z.read('xl/' + target.lstrip('/').replace('xl/', '', 1)))
        rows = []
        for row in ws.findall('m:sheetData/m:row', NS):
            cells = []
            for c in row.findall('m:c', NS):
                i = col_index(c.get('r'))
                while len(cells) < i:
                    cells.append(None)
                t = c.get('t')
                v = c.findtext('m:v', default=None, namespaces=NS)
                if t == 's':
                    cells.append(('s', shared[int(v)]))
                elif t in ('str', 'inlineStr'):
                    cells.append(('s', v if t == 'str' else ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))))
                elif v is None:
                    cells.append(None)
                elif int(c.get('s', '0')) in date_styles:
                    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=float(v))
                    cells.append(('d', day.isoformat()))
                else:
                    f = float(v)
                    cells.append(('n', int(f) if f.is_integer() else f))
            rows.append(cells)
        pane = ws.find('m:sheetViews/m:sheetView/m:pane', NS)
        sheets[sh.get('name')] = {
            'rows': rows,
            'frozen': pane is not None and pane.get('state') == 'frozen' and pane.get('ySplit') == '1',
            'widths': sum(int(c.get('max')) - int(c.get('min')) + 1
                          for c in ws.findall('m:cols/m:col', NS) if c.get('customWidth') == '1'),
            'filter': ws.find('m:autoFilter', NS) is not None,
        }
    return sheets


def csv_text(cell):
    if cell is None:
        return ''
    return str(cell[1])


def compare(site, path, sheet_name, csv_path, header, rows):
    """Checks one expected sheet of the workbook at path, and its CSV."""
    full = os.path.join(site, path)
    if not os.path.isfile(full):
        check('%s exists' % path, False)
        return
    sheets = read_xlsx(full)
    if sheet_name not in sheets:
        check('%s has a sheet %s' % (path, sheet_name), False, 'sheets: ' + ', '.join(sheets))
        return
    sh = sheets[sheet_name]
    want = [[S(h) for h in header]] + rows
    got = [[c for c in r] for r in sh['rows']]
    # Cells left empty are absent from the sheet: compare without them.
    norm_want = [[c for c in r if c is not None and c[1] != ''] for r in want]
    norm_got = [[c for c in r if c is not None] for r in got]
    diff = ''
    if norm_want != norm_got:
        for i in range(max(len(norm_want), len(norm_got))):
            a = norm_want[i] if i < len(norm_want) else None
            b = norm_got[i] if i < len(norm_got) else None
            if a != b:
                diff = 'row %d: expected %r\n       found    %r' % (i + 1, a, b)
                break
    check('%s [%s]: every cell equals the model (%d rows, %d columns)' % (path, sheet_name, len(rows), len(header)),
          not diff, diff)
    check('%s [%s]: a header row, frozen, with a filter and a width for every column' % (path, sheet_name),
          sh['frozen'] and sh['filter'] and sh['widths'] >= len(header),
          'frozen %s, filter %s, widths %d' % (sh['frozen'], sh['filter'], sh['widths']))
    if csv_path is None:
        return
    cfull = os.path.join(site, csv_path)
    if not os.path.isfile(cfull):
        check('%s exists' % csv_path, False)
        return
    raw = open(cfull, 'rb').read()
    try:
        text = raw.decode('utf-8')
        decoded = True
    except UnicodeDecodeError as e:
        decoded = False
        text = ''
        err = str(e)
    check('%s starts with a byte-order mark and is UTF-8' % csv_path, raw.startswith(b'\xef\xbb\xbf') and decoded,
          '' if decoded else err)
    got_csv = list(csv.reader(io.StringIO(text.lstrip('\ufeff'), newline='')))
    want_csv = [[csv_text(c) for c in r] + [''] * (len(header) - len(r)) for r in want]
    check('%s holds the same rows as the sheet (%d lines, CRLF)' % (csv_path, len(got_csv)),
          got_csv == want_csv and b'\r\n' in raw,
          next(('line %d: expected %r, found %r' % (i + 1, a, b) for i, (a, b) in
                enumerate(zip(want_csv, got_csv)) if a != b), '%d lines, expected %d' % (len(got_csv), len(want_csv))))


def main():
    site, model = sys.argv[1], sys.argv[2]
    root, campaigns, records = qbmodel.load(model)
    base = root.find('site').get('base-url')
    focus_label = lambda r: r['focus_item'] + r['focus_name']  # noqa: E731
    expected_books = set()

    for year, c in sorted(campaigns.items()):
        recs = [r for r in records if r['year'] == year]
        if c['publicised']:
            p = 'notices/%d-publicity/list' % year
            expected_books.add(p + '.xlsx')
            rows = [[N(i + 1), S(r['enterprise']), S(r['experience']), S(r['recommender']), S(r['region']),
                     S(focus_label(r)), S(r['section_name']), S(r['division_name'])] for i, r in enumerate(recs)]
            compare(site, p + '.xlsx', '%d年推荐名单' % year, p + '.csv',
                    ['序号', '企业名称', '典型经验名称', '推荐单位', '地区', '重点领域', '行业门类', '行业大类'], rows)
        if c['announced']:
            p = 'notices/%d-announcement/list' % year
            expected_books.add(p + '.xlsx')
            named = [r for r in recs if r['issued']]
            rows = [[N(i + 1), S(r['enterprise']), S(r['experience']), S(r['recommender']), S(r['certificate']),
                     S(r['region']), S(focus_label(r)), S(r['section_name']), S(r['division_name']),
                     S('已撤销' if r['revoked'] else '有效')] for i, r in enumerate(named)]
            compare(site, p + '.xlsx', '%d年全国质量标杆名单' % year, p + '.csv',
                    ['序号', '企业名称', '典型经验名称', '推荐单位', '证书编号', '地区', '重点领域', '行业门类',
                     '行业大类', '证书状态'], rows)

    lib = sorted((r for r in records if r['published']), key=lambda r: (-r['year'], r['position']))
    rows = [[S(r['certificate']), N(r['year']), S(r['enterprise']), S(r['uscc']), S(r['experience']),
             S(focus_label(r)), S(r['section_name']), S(r['division_name']), S(r['region']), S(r['recommender']),
             S('、'.join(r['methods'])), S('、'.join(r['keywords'])), S(r['summary']),
             D(campaigns[r['year']]['announcement_date']), S('%scases/%d/%s/' % (base, r['year'], r['id']))]
            for r in lib]
    expected_books.add('cases/cases.xlsx')
    compare(site, 'cases/cases.xlsx', '典型经验案例库', 'cases/cases.csv',
            ['证书编号', '遴选年度', '企业名称', '统一社会信用代码', '典型经验名称', '重点领域', '行业门类', '行业大类',
             '地区', '推荐单位', '主要方法', '关键词', '摘要', '公告日期', '案例网址'], rows)

    # The statistics, counted from the records.
    st = 'stats/statistics.xlsx'
    expected_books.add(st)
    years = [c for y, c in sorted(campaigns.items()) if c['counted']]
    issued = [r for r in records if r['issued'] and campaigns[r['year']]['counted']]
    rows = []
    for c in years:
        recs = [r for r in records if r['year'] == c['year']]
        row = [N(c['year']), N(len(recs)), N(sum(r['withdrawn'] for r in recs))]
        if c['announced']:
            named = [r for r in recs if r['issued']]
            row += [N(len(named)), N(sum(r['revoked'] for r in named)), N(sum(r['published'] for r in recs))]
        rows.append(row)
    compare(site, st, '各年度入选数量', 'stats/years.csv', ['年度', '公示', '公示期撤回', '入选', '已撤销', '案例库收录'], rows)

    focus_order = [('tqm', '（一）全面质量管理'), ('engineering', '（二）质量工程技术与过程控制'),
                   ('supply-chain', '（三）产业链供应链质量协同'), ('digital', '（四）质量管理数字化')]
    rows = []
    for c in years:
        if not c['announced']:
            continue
        named = [r for r in issued if r['year'] == c['year']]
        rows.append([N(c['year'])] + [N(sum(r['focus'] == k for r in named)) for k, _ in focus_order] + [N(len(named))])
    compare(site, st, '重点领域', 'stats/focus.csv', ['年度'] + [n for _, n in focus_order] + ['合计'], rows)

    def ranked(counts, key):
        return sorted(counts.items(), key=lambda kv: (-kv[1], key(kv[0])))

    sections = {}
    for r in issued:
        sections[(r['section'], r['section_name'])] = sections.get((r['section'], r['section_name']), 0) + 1
    rows = [[S(code), S(name), N(n)] for (code, name), n in ranked(sections, lambda k: k[0])]
    compare(site, st, '行业门类', 'stats/industries.csv', ['门类代码', '行业门类', '入选数量'], rows)

    codes = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
             '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']
    full = {}
    for name in ET.parse(model).getroot().findall('statistics/region'):
        if name.get('code'):
            full[name.get('short')] = (name.get('code'), name.get('name'))
    check('the model lists the 34 provincial-level divisions, each once',
          sorted(v[0] for v in full.values()) == codes, sorted(v[0] for v in full.values()))
    regions = {k: 0 for k in full}
    others = {}
    for r in issued:
        if r['region_short']:
            regions[r['region_short']] += 1
        else:
            others[r['region']] = others.get(r['region'], 0) + 1
    rows = [[S(full[s][0]), S(full[s][1]), N(n)] for s, n in ranked(regions, lambda s: full[s][0])]
    rows += [[S(''), S(name), N(n)] for name, n in ranked(others, lambda k: k.encode())]
    rows.sort(key=lambda row: (-row[2][1], row[0][1] == '', row[0][1], row[1][1].encode()))
    compare(site, st, '地区', 'stats/regions.csv', ['行政区划代码', '地区', '入选数量'], rows)

    recs = {}
    for r in issued:
        recs[r['recommender']] = recs.get(r['recommender'], 0) + 1
    rows = [[S(name), N(n)] for name, n in sorted(recs.items(), key=lambda kv: (-kv[1], kv[0].encode()))]
    compare(site, st, '推荐单位', 'stats/recommenders.csv', ['推荐单位', '入选数量'], rows)

    revoked = sorted((r for r in records if r['issued'] and r['revoked']), key=lambda r: r['revoked_date'])
    rows = [[S(r['certificate']), S(r['enterprise']), N(r['year']), D(r['revoked_date']), S(r['revoked_number'])]
            for r in revoked]
    compare(site, st, '撤销的证书', 'stats/revoked.csv', ['证书编号', '企业名称', '入选年度', '撤销日期', '撤销文号'], rows)

    found = set()
    for d, _, files in os.walk(site):
        for f in files:
            if f.endswith('.xlsx'):
                found.add(os.path.relpath(os.path.join(d, f), site))
    check('every list has its workbook and there are no others (%d)' % len(expected_books), found == expected_books,
          'extra: %s; missing: %s' % (sorted(found - expected_books), sorted(expected_books - found)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
