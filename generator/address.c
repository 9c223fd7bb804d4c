#define _GNU_SOURCE
#include "address.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct {
	const char *name, *slug;
} regions[] = {
    {"北京", "beijing"},   {"天津", "tianjin"},     {"河北", "hebei"},       {"山西", "shanxi"},
    {"内蒙古", "neimenggu"}, {"辽宁", "liaoning"},  {"吉林", "jilin"},       {"黑龙江", "heilongjiang"},
    {"上海", "shanghai"},  {"江苏", "jiangsu"},     {"浙江", "zhejiang"},    {"安徽", "anhui"},
    {"福建", "fujian"},    {"江西", "jiangxi"},     {"山东", "shandong"},    {"河南", "henan"},
    {"湖北", "hubei"},     {"湖南", "hunan"},       {"广东", "guangdong"},   {"广西", "guangxi"},
    {"海南", "hainan"},    {"重庆", "chongqing"},   {"四川", "sichuan"},     {"贵州", "guizhou"},
    {"云南", "yunnan"},    {"西藏", "xizang"},      {"陕西", "shaanxi"},     {"甘肃", "gansu"},
    {"青海", "qinghai"},   {"宁夏", "ningxia"},     {"新疆生产建设兵团", "bingtuan"},
    {"新疆建设兵团", "bingtuan"}, {"新疆", "xinjiang"}, {"台湾", "taiwan"}, {"香港", "hongkong"},
    {"澳门", "macau"},
};

char *
address_region_slug(const char *region)
{
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (str_has_prefix(region, regions[i].name))
			return xstrdup(regions[i].slug);
	struct buf b = {0};
	buf_puts(&b, "x");
	for (const unsigned char *p = (const unsigned char *)region; *p; p++)
		buf_printf(&b, "%02x", *p);
	return buf_steal(&b);
}

int
address_region_order(const char *slug)
{
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strcmp(regions[i].slug, slug) == 0)
			return (int)i;
	return 1000;
}

char *
address_case(const struct record *r)
{
	return xasprintf("%s%d/%s/", address_section(ADDR_LIBRARY), r->campaign->year, r->id);
}

char *
address_verify(const struct record *r)
{
	return xasprintf("%s%s/", address_section(ADDR_VERIFY), r->certificate);
}

char *
address_verify_year(int year)
{
	return xasprintf("%syear/%d/", address_section(ADDR_VERIFY), year);
}

char *
address_certificate(const struct record *r)
{
	return xasprintf("%s%s.pdf", address_section(ADDR_CERTIFICATES), r->certificate);
}

char *
address_revocation(const struct record *r)
{
	return xasprintf("%srevocation-%s/", address_section(ADDR_NOTICES), r->certificate);
}

char *
address_publicity(const struct campaign *c)
{
	return xasprintf("%s%d-publicity/", address_section(ADDR_NOTICES), c->year);
}

char *
address_announcement(const struct campaign *c)
{
	return xasprintf("%s%d-announcement/", address_section(ADDR_NOTICES), c->year);
}

char *
address_url(const struct model *m, const char *address)
{
	const char *base = m->site.base_url ? m->site.base_url : "";
	return xasprintf("%s%s%s", base, *base && !str_has_suffix(base, "/") ? "/" : "", address);
}

char *
address_compendium(int year)
{
	return xasprintf("compendium/%d.pdf", year);
}

char *
address_notice_pdf(const char *notice)
{
	size_t n = strlen(notice);
	while (n > 0 && notice[n - 1] == '/')
		n--;
	const char *slash = memrchr(notice, '/', n);
	const char *slug = slash ? slash + 1 : notice;
	return xasprintf("%.*s/%.*s.pdf", (int)n, notice, (int)(notice + n - slug), slug);
}

char *
address_facet(const char *facet, const char *value)
{
	return address_library_page(facet, value, 1);
}

char *
address_library_page(const char *facet, const char *value, long page)
{
	const char *lib = address_section(ADDR_LIBRARY);
	if (facet == NULL)
		return page > 1 ? xasprintf("%spage/%ld/", lib, page) : xstrdup(lib);
	if (page > 1)
		return xasprintf("%s%s/%s/page/%ld/", lib, facet, value, page);
	return xasprintf("%s%s/%s/", lib, facet, value);
}

const char *const address_section_names[ADDR_SECTIONS] = {"home",     "notices",      "cases", "verify",
                                                          "stats",    "exchange",     "certificates", "feed"};

const char *
address_section(enum address_section s)
{
	static const char *const paths[ADDR_SECTIONS] = {"", "notices/", "cases/", "verify/", "stats/", "exchange/",
	                                                  "certificates/", "feed.xml"};
	return paths[s];
}

char *
address_page(const struct document *page)
{
	const char *base = strrchr(page->path, '/');
	base = base ? base + 1 : page->path;
	size_t n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	return xasprintf("pages/%.*s/", (int)n, base);
}

char *
address_asset(const char *content_path)
{
	return xstrdup(content_path);
}
