#!/bin/sh
# The model document: `qbpress model` against docs/model.rng (RELAX NG), the
# schema's refusals (a <review> element, a score, a bogus status), no review
# data in the model, and no model at all for content with errors.
. "$(dirname "$0")/../lib.sh"

RNG="$ROOT/docs/model.rng"
CONTENT="$ROOT/content"
MODEL="$OUT/model.xml"

# validates FILE: xmllint accepts FILE against the schema.
validates() {
	xmllint --noout --relaxng "$RNG" "$1"
}
# refused NAME FILE: FILE is well-formed XML that the schema refuses.
refused() {
	name=$1
	file=$2
	if ! xmllint --noout "$file" 2>"$OUT/wf.err"; then
		fail "$name" "the modified model is not well-formed XML:" "$(head -5 "$OUT/wf.err")"
	elif out=$(xmllint --noout --relaxng "$RNG" "$file" 2>&1); then
		fail "$name" "the schema accepted it:" "$(printf '%s' "$out" | tail -3)"
	else
		pass "$name"
	fi
}
# mutate NAME FROM TO [AFTER]: writes $OUT/NAME.xml, the model with the
# first FROM (a fixed string) that follows AFTER (if given) replaced by TO;
# returns non-zero when there is no such FROM.
mutate() {
	awk -v a="$2" -v b="$3" -v after="${4:-}" '
		BEGIN { RS = "\001" }
		{ s = (NR > 1 ? s RS : "") $0 }
		END {
			start = 1
			if (after != "") {
				start = index(s, after)
				if (start == 0)
					exit 1
			}
			i = index(substr(s, start), a)
			if (i == 0)
				exit 1
			i += start - 1
			printf "%s%s%s", substr(s, 1, i - 1), b, substr(s, i + length(a))
		}' "$MODEL" >"$OUT/$1.xml"
}

if ! command -v xmllint >/dev/null 2>&1; then
	fail "xmllint is installed (package libxml2-utils)"
	exit 1
fi
if [ ! -x "$QBPRESS" ]; then
	fail "the binary under test exists: $QBPRESS (make build/qbpress-san)"
	exit 1
fi

# ---- the schema itself ----
check "docs/model.rng is well-formed XML" xmllint --noout "$RNG"
if grep -q -i -E 'anyName|nsName' "$RNG"; then
	fail "docs/model.rng has no wildcards (it is closed)" "$(grep -n -i -E 'anyName|nsName' "$RNG")"
else
	pass "docs/model.rng has no wildcards (it is closed)"
fi
if grep -q -i -E 'name="[^"]*(review|score)' "$RNG"; then
	fail "docs/model.rng names no review element and no score" "$(grep -n -i -E 'name="[^"]*(review|score)' "$RNG")"
else
	pass "docs/model.rng names no review element and no score"
fi

# ---- the bundled content validates ----
"$QBPRESS" model -C "$CONTENT" >"$MODEL" 2>"$OUT/model.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$MODEL" ]; then
	pass "model -C content exits 0 and prints the model"
else
	fail "model -C content exits 0 and prints the model" "exit status $rc" "$(head -10 "$OUT/model.err")"
fi
check "the model of the bundled content validates against docs/model.rng" validates "$MODEL"

"$QBPRESS" model -C "$CONTENT" >"$OUT/model2.xml" 2>/dev/null
check "model is byte-identical across two runs" cmp "$MODEL" "$OUT/model2.xml"

# Each phase of a campaign: 2026 is in publicity on 2026-11-25 and in review
# on 2026-12-10 (its period ends 2026-12-01); 2024 and 2025 are announced.
for today in 2026-11-25 2026-12-10; do
	"$QBPRESS" model -C "$CONTENT" --today "$today" >"$OUT/model-$today.xml" 2>"$OUT/model-$today.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "model --today $today validates" "exit status $rc" "$(head -5 "$OUT/model-$today.err")"
	else
		check "model --today $today validates" validates "$OUT/model-$today.xml"
	fi
done
check "on 2026-12-10 the 2026 campaign is in review" \
	grep -q '<campaign year="2026" phase="review"' "$OUT/model-2026-12-10.xml"
check "on 2026-11-25 the 2026 campaign is in publicity" \
	grep -q '<campaign year="2026" phase="publicity"' "$OUT/model-2026-11-25.xml"

# Every CommonMark element and attribute the model can hold, on a copy of
# the content with one more page.
RICH="$OUT/rich"
rm -rf "$RICH"
cp -R "$CONTENT" "$RICH"
cat >"$RICH/pages/rich.md" <<'EOF'
---
title: 样式示例
order: 9
summary: 覆盖所有 CommonMark 元素。
keywords: [示例, 测试]
---
# 一级标题

## 二级标题

段落含*强调*、**加粗**、~~删除线~~、`行内代码`、硬换行\
第二行，软换行
第三行。

> 引用段落
>
> - 引用中的列表

3) 第三项
4) 第四项

- 甲
  1. 嵌套一
  2. 嵌套二
-

```c
int main(void) { return 0; }
```

    缩进代码块

---

| 指标 | 企业 | 行业平均 | 标杆 |
|:-----|:----:|--------:|------|
| 一次合格率 | 99.2% | 96.5% | 99.0% |

链接：[案例](../campaigns/2025/cases/lanyue-precision.md#背景 "案例标题")、[关于](about.md)、[图片文件](../images/cenwu-tea.png)、[本页](#top)、[外部](https://example.org/) 和 <https://example.com/a>。

![示意图](../images/cenwu-tea.png "图题")

<div>原始 HTML 不发布</div>

行内 <span>HTML</span> 文本。
EOF
"$QBPRESS" model -C "$RICH" >"$OUT/rich.xml" 2>"$OUT/rich.err"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail "model with every CommonMark element validates" "exit status $rc" "$(head -10 "$OUT/rich.err")"
else
	check "model with every CommonMark element validates" validates "$OUT/rich.xml"
	missing=""
	for el in document heading paragraph text softbreak linebreak code code_block block_quote list item \
		emph strong link image thematic_break table table_header table_row table_cell strikethrough; do
		grep -q "<cm:$el[ />]" "$OUT/rich.xml" || missing="$missing $el"
	done
	if [ -z "$missing" ]; then
		pass "the rich page has every CommonMark element"
	else
		fail "the rich page has every CommonMark element" "missing:$missing"
	fi
	if grep -q -E '<cm:html_(block|inline)' "$OUT/rich.xml"; then
		fail "raw HTML is not in the model" "$(grep -n -E '<cm:html_(block|inline)' "$OUT/rich.xml" | head -3)"
	else
		pass "raw HTML is not in the model"
	fi
fi

# ---- the schema refuses what must not be there ----
if mutate review-element '</uscc>' '</uscc><review/>'; then
	refused "the schema refuses a <review> element in a record" "$OUT/review-element.xml"
else
	fail "the schema refuses a <review> element in a record" "no <uscc> in the model"
fi
if mutate review-scores '</profitable>' '</profitable><review><materials_score>86.6</materials_score></review>'; then
	refused "the schema refuses a <review> block with a score" "$OUT/review-scores.xml"
else
	fail "the schema refuses a <review> block with a score" "no <profitable> in the model"
fi
if mutate review-top '<pages>' '<review/><pages>'; then
	refused "the schema refuses a <review> element anywhere (under <model>)" "$OUT/review-top.xml"
else
	fail "the schema refuses a <review> element anywhere (under <model>)" "no <pages> in the model"
fi
if mutate score-attr '<record id=' '<record materials_score="86.6" id='; then
	refused "the schema refuses a score attribute on a record" "$OUT/score-attr.xml"
else
	fail "the schema refuses a score attribute on a record" "no <record> in the model"
fi
if mutate status-bogus 'status="plain"' 'status="bogus"'; then
	refused "the schema refuses status=\"bogus\"" "$OUT/status-bogus.xml"
else
	fail "the schema refuses status=\"bogus\"" "no plain record in the model"
fi
if mutate phase-bogus 'phase="announced"' 'phase="closed"'; then
	refused "the schema refuses phase=\"closed\"" "$OUT/phase-bogus.xml"
else
	fail "the schema refuses phase=\"closed\"" "no announced campaign in the model"
fi
if mutate focus-bogus '<focus key="digital"' '<focus key="quality"' '<records>'; then
	refused "the schema refuses an unknown focus key" "$OUT/focus-bogus.xml"
else
	fail "the schema refuses an unknown focus key" "no digital record in the model"
fi
if mutate focus-mismatch '<focus key="digital" item="（四）"' '<focus key="digital" item="（一）"' '<records>'; then
	refused "the schema refuses a focus key with another item's number" "$OUT/focus-mismatch.xml"
else
	fail "the schema refuses a focus key with another item's number" "no digital record in the model"
fi
if mutate withdrawn-plain 'status="withdrawn"' 'status="plain"'; then
	refused "the schema refuses a <withdrawn> element on a plain record" "$OUT/withdrawn-plain.xml"
else
	fail "the schema refuses a <withdrawn> element on a plain record" "no withdrawn record in the model"
fi
if mutate date-bogus ' date="2025-' ' date="2025/'; then
	refused "the schema refuses a date that is not ISO" "$OUT/date-bogus.xml"
else
	fail "the schema refuses a date that is not ISO" "no 2025 date in the model"
fi
if mutate html-inline '<cm:paragraph>' '<cm:paragraph><cm:html_inline>&lt;b&gt;</cm:html_inline>'; then
	refused "the schema refuses cm:html_inline" "$OUT/html-inline.xml"
else
	fail "the schema refuses cm:html_inline" "no paragraph in the model"
fi

# ---- no review data in the model ----
# The values of every review: block of the bundled records, one "key value"
# line each (YAML scalars, surrounding quotes dropped; expert lists split).
REVIEW="$OUT/review-values.txt"
for key in comments materials_score defense_score experts; do
	sed -n "s/^[[:space:]]*$key:[[:space:]]*//p" "$CONTENT"/campaigns/*/records.yaml |
		sed -e 's/[[:space:]]*$//' -e 's/^"\(.*\)"$/\1/' -e "s/^'\\(.*\\)'\$/\\1/" |
		if [ "$key" = experts ]; then tr -d '[]' | tr ',' '\n' | sed 's/^[[:space:]]*//'; else cat; fi |
		sed '/^$/d' | sort -u | sed "s/^/$key /"
done >"$REVIEW"

# find_leaks FILE: prints every review value found in FILE. Scores are
# numbers that narratives may well contain (a table cell "90.5"), so they
# count as an attribute value, or as the whole text of an element outside
# the narratives' CommonMark.
find_leaks() {
	while read -r key v; do
		case $key in
		*_score)
			if grep -q -F -e "=\"$v\"" "$1" || grep -v '<cm:' "$1" | grep -q -F -e ">$v<"; then
				echo "$key: $v"
			fi
			;;
		*)
			if grep -q -F -e "$v" "$1"; then echo "$key: $v"; fi
			;;
		esac
	done <"$REVIEW"
}

n=$(wc -l <"$REVIEW")
leaks=$(find_leaks "$MODEL")
if [ "$n" -lt 25 ]; then
	fail "the bundled records have review blocks to look for" "found only $n review values"
elif [ -n "$leaks" ]; then
	fail "no review value of the bundled records is in the model ($n values)" "$leaks"
else
	pass "no review value of the bundled records is in the model ($n values)"
fi
# The search itself works: it finds values planted in a copy of the model.
comment=$(sed -n 's/^comments //p' "$REVIEW" | head -1)
score=$(sed -n 's/^materials_score //p' "$REVIEW" | head -1)
if mutate planted '</uscc>' "</uscc><region>$comment</region><x s=\"$score\"/>" &&
	[ "$(find_leaks "$OUT/planted.xml" | wc -l)" -ge 2 ]; then
	pass "the review search finds a comment and a score planted in the model"
else
	fail "the review search finds a comment and a score planted in the model" \
		"found: $(find_leaks "$OUT/planted.xml" 2>/dev/null | tr '\n' ' ')"
fi
if grep -q -i -E '<[a-z:-]*review|[a-z-]*score[a-z-]*=|<[a-z:_-]*score' "$MODEL"; then
	fail "the model has no review element and no score" \
		"$(grep -n -i -E '<[a-z:-]*review|[a-z-]*score[a-z-]*=|<[a-z:_-]*score' "$MODEL" | head -5)"
else
	pass "the model has no review element and no score"
fi
if grep -q '评审意见' "$MODEL"; then
	fail "no review comment (评审意见) is in the model" "$(grep -n '评审意见' "$MODEL" | head -3)"
else
	pass "no review comment (评审意见) is in the model"
fi

# ---- content with errors: exit 1, nothing on stdout ----
BAD="$OUT/bad"
rm -rf "$BAD"
cp -R "$CONTENT" "$BAD"
# Wrong check character of the first record of 2025.
first=$(sed -n 's/^[[:space:]]*uscc:[[:space:]]*//p' "$BAD/campaigns/2025/records.yaml" | head -1)
good_last=$(printf '%s' "$first" | cut -c18)
if [ "$good_last" = 0 ]; then bad_last=1; else bad_last=0; fi
bad=$(printf '%s' "$first" | cut -c1-17)$bad_last
sed -i "s/uscc: $first\$/uscc: $bad/" "$BAD/campaigns/2025/records.yaml"
"$QBPRESS" model -C "$BAD" >"$OUT/bad.out" 2>"$OUT/bad.err"
rc=$?
if [ "$rc" -eq 1 ]; then
	pass "model on content with a bad uscc exits 1"
else
	fail "model on content with a bad uscc exits 1" "exit status $rc" "$(head -5 "$OUT/bad.err")"
fi
if [ -s "$OUT/bad.out" ]; then
	fail "model on content with errors prints nothing on stdout" "$(head -c 300 "$OUT/bad.out")"
else
	pass "model on content with errors prints nothing on stdout"
fi
check "the error names records.yaml and the expected check character" \
	grep -q -E "records\\.yaml:[0-9]+:[0-9]+: error: .*'$good_last'" "$OUT/bad.err"

# A YAML syntax error.
BAD2="$OUT/bad2"
rm -rf "$BAD2"
cp -R "$CONTENT" "$BAD2"
printf 'broken: [1, 2\n' >>"$BAD2/site.yaml"
"$QBPRESS" model -C "$BAD2" >"$OUT/bad2.out" 2>"$OUT/bad2.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$OUT/bad2.out" ]; then
	pass "model on content with a YAML syntax error exits 1 and prints nothing on stdout"
else
	fail "model on content with a YAML syntax error exits 1 and prints nothing on stdout" \
		"exit status $rc, $(wc -c <"$OUT/bad2.out") bytes on stdout" "$(head -5 "$OUT/bad2.err")"
fi
check "the syntax error points into site.yaml" grep -q -E 'site\.yaml:[0-9]+:[0-9]+: error: ' "$OUT/bad2.err"

# Campaign folders load on threads (-j 2): with a preface in every
# campaign, the threads parse Markdown side by side; every run gives the
# model of one thread, and none crashes.
PRE="$OUT/prefaces"
sh "$ROOT/tests/bench/corpus.sh" 8 12 "$PRE" > /dev/null 2>&1
for d in "$PRE"/content/campaigns/*/; do
	{
		printf -- '---\ntitle: 编者的话\n---\n\n<div>raw</div>\n\n'
		i=0
		while [ "$i" -lt 150 ]; do
			printf '本届遴选共有**%d**家企业入选，经验涵盖[质量管理](https://example.org/%d)、`工艺`和数字化。\n\n- 要点一\n- 要点二\n\n| 年度 | 数量 |\n|---|---|\n| %d | %d |\n\n' "$i" "$i" "$i" "$i"
			i=$((i + 1))
		done
	} > "$d/compendium.md"
done
"$QBPRESS" model -C "$PRE/content" -j 1 > "$OUT/pre1.xml" 2> "$OUT/pre1.err"
rc1=$?
same=0 runs=10 bad=
r=0
while [ "$r" -lt "$runs" ]; do
	"$QBPRESS" model -C "$PRE/content" -j 2 > "$OUT/pre2.xml" 2> "$OUT/pre2.err"
	rc=$?
	if [ "$rc" = "$rc1" ] && cmp -s "$OUT/pre1.xml" "$OUT/pre2.xml" && cmp -s "$OUT/pre1.err" "$OUT/pre2.err"; then
		same=$((same + 1))
	else
		bad="run $r: exit $rc (one thread: $rc1) $(tail -2 "$OUT/pre2.err")"
	fi
	r=$((r + 1))
done
nraw=$(grep -c 'compendium.md:.*raw HTML is not published' "$OUT/pre1.err")
[ "$rc1" = 0 ] && [ "$same" = "$runs" ] && [ "$nraw" = 8 ] &&
	pass "8 campaigns with prefaces load on 2 threads: $runs runs give the model and the 8 prefaces' warnings of one thread" ||
	fail "8 campaigns with prefaces load on 2 threads as on one" "exit $rc1, $nraw warnings; $same of $runs the same; $bad"

exit 0
