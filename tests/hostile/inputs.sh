# Hostile content trees (sourced by tests/suites/15-hostile.sh and
# tests/bench/hostile.sh). `hostile NAME DIR` makes DIR/content: a copy of
# tests/fixtures/good changed as NAME says. HOSTILE_CASES lists the names.
HOSTILE_CASES="narrative-50mb narrative-2mb line-1mb records-100k list-10000-deep list-50000-deep
quote-10000-deep table-1000-columns headings-80000 images-50000 links-50000 items-100000 yaml-alias-bomb yaml-20000-deep invalid-utf8 bom utf16 cr crlf nul
fifo-yaml fifo-narrative device-narrative control-characters experience-1mb"

HOSTILE_NARRATIVE=content/campaigns/2025/cases/alpha-works.md
HOSTILE_RECORDS=content/campaigns/2025/records.yaml

hostile() {
	rm -rf "$2"
	mkdir -p "$2"
	cp -R "$ROOT/tests/fixtures/good" "$2/content"
	(cd "$2" && hostile_"$(echo "$1" | tr - _)")
}

# n lines of Chinese text (90 bytes each) as paragraphs of 10 lines.
hostile_text() {
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) { print "质量标杆经验质量标杆经验质量标杆经验质量标杆经验质量标杆经验"; if (i % 10 == 0) print "" } }'
}

hostile_narrative_50mb() { { cat "$HOSTILE_NARRATIVE"; hostile_text 580000; } > n.md && mv n.md "$HOSTILE_NARRATIVE"; }
hostile_narrative_2mb() { { cat "$HOSTILE_NARRATIVE"; hostile_text 23000; } > n.md && mv n.md "$HOSTILE_NARRATIVE"; }
hostile_line_1mb() {
	{ cat "$HOSTILE_NARRATIVE"; awk 'BEGIN { for (i = 0; i < 350000; i++) printf "质"; print "" }'; } > n.md &&
		mv n.md "$HOSTILE_NARRATIVE"
}

# 100,000 records in 2025 (copies of the first record under new ids), each
# with a short narrative.
hostile_records_100k() {
	d=content/campaigns/2025
	rm -f "$d"/cases/*.md
	awk -v dir="$d/cases" '
		NR == FNR && /^- id: beta/ { exit }
		{ rec = rec $0 "\n" }
		END {
			sub(/^- id: alpha-works\n/, "", rec)
			for (i = 1; i <= 100000; i++) {
				id = sprintf("r%06d", i)
				printf "- id: %s\n%s", id, rec
				f = dir "/" id ".md"
				printf "## 经验\n\n第%d号标杆的典型经验。\n", i > f
				close(f)
			}
		}' "$d/records.yaml" > records.new
	mv records.new "$d/records.yaml"
}

hostile_deep() { # hostile_deep MARK COUNT
	{ cat "$HOSTILE_NARRATIVE"; awk -v m="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", m; print "深" }'; } > n.md &&
		mv n.md "$HOSTILE_NARRATIVE"
}
hostile_list_10000_deep() { hostile_deep "- " 10000; }
hostile_list_50000_deep() { hostile_deep "- " 50000; }
hostile_quote_10000_deep() { hostile_deep "> " 10000; }

hostile_table_1000_columns() {
	{
		cat "$HOSTILE_NARRATIVE"
		awk 'BEGIN {
			for (r = 0; r < 102; r++) {
				for (c = 0; c < 1000; c++) printf "| %s ", r == 1 ? "---" : (r == 0 ? "列" c : r "." c)
				print "|"
			}
		}'
	} > n.md && mv n.md "$HOSTILE_NARRATIVE"
}

# Many of one thing in one narrative (each once grew with its square).
hostile_many() { # hostile_many AWK-PROGRAM
	{ cat "$HOSTILE_NARRATIVE"; awk "BEGIN { $1 }"; } > n.md && mv n.md "$HOSTILE_NARRATIVE"
}
hostile_headings_80000() { hostile_many 'for (i = 0; i < 80000; i++) print "## 经验" (i % 3 ? i : "") "\n"'; }
hostile_images_50000() {
	hostile_many 'for (i = 0; i < 25000; i++) print "![图](../../../images/chart.png) 文 ![图](../../../images/chart.png#" i ")"'
}
hostile_links_50000() { hostile_many 'for (i = 0; i < 25000; i++) print "[链接" i "](https://example.org/" i ") [同](https://example.org/)"'; }
hostile_items_100000() { hostile_many 'for (i = 0; i < 100000; i++) print i + 1 ". 项"'; }

# Nine levels of anchors, each list repeating the one before ten times.
hostile_yaml_alias_bomb() {
	awk 'BEGIN {
		print "year: 2026"
		print "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"
		for (i = 1; i < 9; i++) {
			printf "a%d: &a%d [", i, i
			for (j = 0; j < 10; j++) printf "%s*a%d", j ? ", " : "", i - 1
			print "]"
		}
	}' > content/calendar/2026.yaml
}
hostile_yaml_20000_deep() {
	awk 'BEGIN { printf "year: 2026\nholidays: "; for (i = 0; i < 20000; i++) printf "["; for (i = 0; i < 20000; i++) printf "]"; print "" }' \
		> content/calendar/2026.yaml
}

hostile_invalid_utf8() { printf '\n- \377\376 broken\n' >> "$HOSTILE_NARRATIVE"; }
hostile_bom() { for f in "$HOSTILE_NARRATIVE" "$HOSTILE_RECORDS" content/site.yaml; do { printf '\357\273\277'; cat "$f"; } > t && mv t "$f"; done; }
hostile_utf16() { iconv -f UTF-8 -t UTF-16 "$HOSTILE_NARRATIVE" > t && mv t "$HOSTILE_NARRATIVE"; }
hostile_cr() { for f in "$HOSTILE_NARRATIVE" "$HOSTILE_RECORDS"; do tr '\n' '\r' < "$f" > t && mv t "$f"; done; }
hostile_crlf() { for f in "$HOSTILE_NARRATIVE" "$HOSTILE_RECORDS" content/site.yaml; do sed 's/$/\r/' "$f" > t && mv t "$f"; done; }
hostile_nul() { printf 'a\000b\n' >> "$HOSTILE_RECORDS"; }
hostile_fifo_yaml() { mkfifo content/calendar/2027.yaml; }
hostile_fifo_narrative() { rm "$HOSTILE_NARRATIVE" && mkfifo "$HOSTILE_NARRATIVE"; }
hostile_device_narrative() { rm "$HOSTILE_NARRATIVE" && ln -s /dev/zero "$HOSTILE_NARRATIVE"; }
hostile_control_characters() { printf '\n\033[31m红\013\177\357\277\277\n' >> "$HOSTILE_NARRATIVE"; }
hostile_experience_1mb() {
	awk '/^  experience:/ && !done { printf "  experience: "; for (i = 0; i < 100000; i++) printf "经验经验经验经验经验"; print ""; done = 1; next } { print }' \
		"$HOSTILE_RECORDS" > t && mv t "$HOSTILE_RECORDS"
}
