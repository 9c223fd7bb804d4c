/* A plain index page listing the campaigns and their publicity periods. */
#include <libxml/HTMLtree.h>
#include <string.h>

#include "../util.h"
#include "render.h"

static void
esc(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

int
render_index(const struct render_ctx *ctx)
{
	const struct model *m = ctx->model;
	struct buf b = {0};
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	esc(&b, m->site.language);
	buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(&b, m->site.title);
	buf_puts(&b, "</title>\n</head>\n<body>\n<h1>");
	esc(&b, m->site.title);
	buf_puts(&b, "</h1>\n<table>\n<thead><tr><th>年度</th><th>公示时间</th><th>工作日</th><th>阶段</th></tr></thead>\n<tbody>\n");
	static const char *const phases[] = {"公示中", "评审中", "已公告"};
	for (size_t i = m->ncampaigns; i-- > 0;) {
		const struct campaign *c = m->campaigns[i];
		char a[32] = "", z[32] = "";
		if (c->period_known) {
			date_format_zh(c->period_first, a);
			date_format_zh(c->period_last, z);
		}
		buf_printf(&b, "<tr><td>%d</td><td>%s至%s</td><td>%d</td><td>%s</td></tr>\n", c->year, a, z,
		           c->working_days, phases[c->phase]);
	}
	buf_puts(&b, "</tbody>\n</table>\n</body>\n</html>\n");
	int rc = render_write(ctx, "site/index.html", b.p, b.len);
	buf_free(&b);
	return rc;
}
