"""The records of `qbpress model` as plain data, for tests that compare an
output with the model (the spreadsheets, the statistics page, the search).
Counts are made here from the records, never read from the model's own
<statistics>, so that a wrong figure there is caught.

    python3 tests/tools/qbmodel.py MODEL.xml   prints the records as JSON
"""
import json
import sys
import xml.etree.ElementTree as ET

# The provincial-level divisions a record's region may name, by short form;
# the cities with separate planning count for their provinces.
SHORT_FORMS = ['北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江',
               '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川',
               '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '台湾', '香港', '澳门']
CITIES = {'大连': '辽宁', '青岛': '山东', '宁波': '浙江', '厦门': '福建', '深圳': '广东'}


def short_form(region):
    """The short form of the division a written region names, or None."""
    if region.startswith('新疆生产建设兵团') or region.startswith('新疆建设兵团'):
        return None
    for s in SHORT_FORMS:
        if region.startswith(s):
            return s
    for city, s in CITIES.items():
        if region.startswith(city):
            return s
    return None


def load(path):
    """(model root, campaigns, records): campaigns as dicts by year, records
    as dicts in model order."""
    root = ET.parse(path).getroot()
    today = root.get('today')
    campaigns = {}
    records = []
    for c in root.find('campaigns'):
        year = int(c.get('year'))
        ann = c.find('announcement')
        pub = c.find('publicity')
        campaigns[year] = {
            'year': year,
            'publicity_date': pub.get('date'),
            'publicised': pub.get('date') <= today,
            'announced': ann is not None,
            # in the statistics: its publicity notice is out or it is announced
            'counted': pub.get('date') <= today or ann is not None,
            'announcement_date': ann.get('date') if ann is not None else None,
        }
        for r in c.find('records'):
            ind = r.find('industry')
            focus = r.find('focus')
            narr = r.find('narrative')
            rev = r.find('revoked')
            summary = narr.find('summary') if narr is not None else None
            kw = narr.find('keywords') if narr is not None else None
            records.append({
                'id': r.get('id'),
                'year': year,
                'position': int(r.get('position')),
                'certificate': r.get('certificate'),
                'issued': r.get('issued') == 'true',
                'published': r.get('published') == 'true',
                'withdrawn': r.find('withdrawn') is not None,
                'revoked': rev is not None,
                'revoked_date': rev.get('date') if rev is not None else None,
                'revoked_number': rev.get('number') if rev is not None else None,
                'enterprise': r.findtext('enterprise'),
                'uscc': r.findtext('uscc'),
                'region': r.findtext('region'),
                'region_short': short_form(r.findtext('region')),
                'recommender': r.findtext('recommender'),
                'section': ind.get('section'),
                'section_name': ind.get('section-name'),
                'division_name': ind.get('division-name'),
                'focus': focus.get('key'),
                'focus_item': focus.get('item'),
                'focus_name': focus.get('name'),
                'experience': r.findtext('experience'),
                'methods': [m.text or '' for m in r.find('methods')],
                'keywords': [k.text or '' for k in kw] if kw is not None else [],
                'summary': summary.text if summary is not None else '',
            })
    return root, campaigns, records


if __name__ == '__main__':
    _, campaigns, records = load(sys.argv[1])
    json.dump({'campaigns': list(campaigns.values()), 'records': records}, sys.stdout, ensure_ascii=False)
