#!/bin/sh
# Writes a deterministic benchmark corpus: a content tree in the qbpress
# content format with CAMPAIGNS announced campaigns of CASES records each,
# and the same narratives as a Hugo site.
#   tests/bench/corpus.sh CAMPAIGNS CASES DIR
# gives DIR/content/ (for qbpress -C) and DIR/hugo/ (for hugo -s; its
# layouts are supplied by the caller).
set -eu
[ $# -eq 3 ] || { echo "usage: $0 CAMPAIGNS CASES DIR" >&2; exit 2; }
ncamp=$1
ncase=$2
dir=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/content
[ "$ncamp" -ge 1 ] && [ "$ncamp" -le 40 ] || { echo "$0: CAMPAIGNS must be 1 to 40" >&2; exit 2; }
rm -rf "$dir"
mkdir -p "$dir/content/campaigns" "$dir/hugo/content/cases"
cp -R "$src/calendar" "$src/images" "$src/pages" "$src/site.yaml" "$dir/content/"
ls "$src"/campaigns/*/cases/*.md | sort > "$dir/narratives.txt"

# Up to four campaigns run from 2023; more end in 2026. Years before the
# bundled calendars get a calendar of plain weekdays (no holidays), which
# is enough for a corpus.
year=2023
[ "$ncamp" -le 4 ] || year=$((2027 - ncamp))
y=$year
while [ "$y" -lt 2027 ]; do
	[ -f "$dir/content/calendar/$y.yaml" ] || printf 'year: %d\nholidays: []\nworkdays: []\n' "$y" > "$dir/content/calendar/$y.yaml"
	y=$((y + 1))
done
c=0
while [ "$c" -lt "$ncamp" ]; do
	y=$((year + c))
	cdir=$dir/content/campaigns/$y
	mkdir -p "$cdir/cases" "$dir/hugo/content/cases/$y"
	cat > "$cdir/campaign.yaml" <<EOT
year: $y
publicity:
  date: $y-09-20
announcement:
  date: $y-11-20
EOT
	awk -v year="$y" -v n="$ncase" -v cdir="$cdir" -v hdir="$dir/hugo/content/cases/$y" \
	    -v list="$dir/narratives.txt" '
	function uscc_check(s,   i, sum, v) {
		sum = 0
		for (i = 1; i <= 17; i++) {
			v = index(CS, substr(s, i, 1)) - 1
			sum += v * W[i]
		}
		return substr(CS, (31 - sum % 31) % 31 + 1, 1)
	}
	function slurp(f,   line, s) {
		s = ""
		while ((getline line < f) > 0) s = s line "\n"
		close(f)
		return s
	}
	BEGIN {
		CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
		split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", W, " ")
		nreg = split("北京市 天津市 河北省 山西省 辽宁省 吉林省 上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 四川省 贵州省 云南省 陕西省 甘肃省", REG, " ")
		nsyl = split("澄 岚 溯 岑 渭 沐 泺 赣 黔 澧 汀 峪 朔 璟 翎 昶 珩 屹 砚 霁", SYL, " ")
		nind = split("13 17 26 27 30 31 34 35 36 37 38 39 40 58 59 64 65 66 68 72", IND, " ")
		split("精密制造 新材料 装备 电子科技 化工 制药 物流 信息技术 机械 汽车零部件", TRADE, " ")
		split("tqm engineering supply-chain digital", FOCUS, " ")
		split("全面质量管理 质量工程技术与过程控制 产业链供应链质量协同 质量管理数字化", FNAME, " ")
		nn = 0
		while ((getline f < list) > 0) NARR[++nn] = f
		close(list)
		for (k = 1; k <= nn; k++) TEXT[k] = slurp(NARR[k])
		out = cdir "/records.yaml"
		printf "" > out
		for (i = 1; i <= n; i++) {
			id = sprintf("c%d-%04d", year, i)
			reg = REG[(i * 7 + year) % nreg + 1]
			name = SYL[(i * 3) % nsyl + 1] SYL[(i * 11 + year) % nsyl + 1]
			ind = IND[(i * 13) % nind + 1]
			trade = TRADE[(i * 5) % 10 + 1]
			f = (i + year) % 4 + 1
			ent = reg name trade "股份有限公司"
			body = sprintf("91330100MA%06d", (i * 7919 + year * 31) % 1000000)
			body = body substr(CS, (i % 31) + 1, 1)
			code = body uscc_check(body)
			printf "- id: %s\n  enterprise: %s\n  uscc: %s\n  region: %s\n  recommender: %s工业和信息化厅\n  industry: \"%s\"\n  focus: %s\n  experience: %s%s提升经验（第%d例）\n  methods: [SPC, 六西格玛, QC小组]\n  iso9001:\n    certificate: 0%04dQ%05dR1M\n    valid_until: %d-12-31\n  profitable: [%d, %d, %d]\n  review:\n    materials_score: 85.0\n\n", \
			    id, ent, code, reg, reg, ind, FOCUS[f], name, FNAME[f], i, i % 10000, i, year + 2, year - 3, year - 2, year - 1 >> out
			t = TEXT[(i - 1) % nn + 1]
			md = cdir "/cases/" id ".md"
			printf "%s", t > md
			close(md)
			# The Hugo page: the same narrative without qbpress front matter.
			sub(/^---\n([^\n]*\n)*---\n/, "", t)
			hp = hdir "/" id ".md"
			printf "---\ntitle: \"%s\"\nenterprise: \"%s\"\nyear: %d\nfocus: \"%s\"\nregion: \"%s\"\nindustry: \"%s\"\ndate: %d-11-20\ntags: [\"%s\", \"%s\"]\n---\n%s", \
			    name FNAME[f] "提升经验", ent, year, FNAME[f], reg, ind, year, FNAME[f], reg, t > hp
			close(hp)
		}
		close(out)
	}'
	c=$((c + 1))
done
rm -f "$dir/narratives.txt"
cat > "$dir/hugo/config.toml" <<EOT
baseURL = "https://benchmark.example.org/"
languageCode = "zh-CN"
title = "全国质量标杆"
disableKinds = ["RSS", "taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
EOT
echo "$dir: $ncamp campaigns x $ncase cases"
