#include "render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../diag.h"
#include "../util.h"

int render_site(const struct render_ctx *ctx);
int render_wechat(const struct render_ctx *ctx);
int render_certificates(const struct render_ctx *ctx);
int render_sheets(const struct render_ctx *ctx);

const struct renderer renderers[] = {
	{"site", "the website (output/site/)", render_site},
	{"wechat", "WeChat articles (output/wechat/)", render_wechat},
	{"certificates", "PDF certificates (output/site/certificates/)", render_certificates},
	{"sheets", "spreadsheets of the lists and figures (output/site/**/*.xlsx, *.csv)", render_sheets},
};
const size_t nrenderers = sizeof(renderers) / sizeof(renderers[0]);

int
render_write(const struct render_ctx *ctx, const char *rel, const void *data, size_t len)
{
	char *path = path_join(ctx->out, rel);
	int rc = write_file(path, data, len);
	if (rc != 0)
		diag(DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
	free(path);
	return rc;
}
