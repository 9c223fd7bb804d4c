/* GB/T 2260 provincial-level divisions. */
#include "region.h"

#include <string.h>

#include "util.h"

const struct region region_divisions[] = {
	{"11", "北京市", "北京"},       {"12", "天津市", "天津"},
	{"13", "河北省", "河北"},       {"14", "山西省", "山西"},
	{"15", "内蒙古自治区", "内蒙古"}, {"21", "辽宁省", "辽宁"},
	{"22", "吉林省", "吉林"},       {"23", "黑龙江省", "黑龙江"},
	{"31", "上海市", "上海"},       {"32", "江苏省", "江苏"},
	{"33", "浙江省", "浙江"},       {"34", "安徽省", "安徽"},
	{"35", "福建省", "福建"},       {"36", "江西省", "江西"},
	{"37", "山东省", "山东"},       {"41", "河南省", "河南"},
	{"42", "湖北省", "湖北"},       {"43", "湖南省", "湖南"},
	{"44", "广东省", "广东"},       {"45", "广西壮族自治区", "广西"},
	{"46", "海南省", "海南"},       {"50", "重庆市", "重庆"},
	{"51", "四川省", "四川"},       {"52", "贵州省", "贵州"},
	{"53", "云南省", "云南"},       {"54", "西藏自治区", "西藏"},
	{"61", "陕西省", "陕西"},       {"62", "甘肃省", "甘肃"},
	{"63", "青海省", "青海"},       {"64", "宁夏回族自治区", "宁夏"},
	{"65", "新疆维吾尔自治区", "新疆"}, {"71", "台湾省", "台湾"},
	{"81", "香港特别行政区", "香港"}, {"82", "澳门特别行政区", "澳门"},
};
const size_t region_ndivisions = sizeof(region_divisions) / sizeof(region_divisions[0]);

/* The cities with separate planning (计划单列市) belong to their provinces. */
static const struct {
	const char *city, *code;
} cities[] = {
	{"大连", "21"}, {"青岛", "37"}, {"宁波", "33"}, {"厦门", "35"}, {"深圳", "44"},
};

static const struct region *
by_code(const char *code)
{
	for (size_t i = 0; i < region_ndivisions; i++)
		if (strcmp(region_divisions[i].code, code) == 0)
			return &region_divisions[i];
	return NULL;
}

const struct region *
region_named(const char *written)
{
	for (size_t i = 0; written && i < region_ndivisions; i++)
		if (strcmp(written, region_divisions[i].name) == 0)
			return &region_divisions[i];
	return NULL;
}

const struct region *
region_lookup(const char *written)
{
	if (written == NULL || str_has_prefix(written, "新疆生产建设兵团") ||
	    str_has_prefix(written, "新疆建设兵团"))
		return NULL;
	for (size_t i = 0; i < region_ndivisions; i++)
		if (str_has_prefix(written, region_divisions[i].short_name))
			return &region_divisions[i];
	for (size_t i = 0; i < sizeof(cities) / sizeof(cities[0]); i++)
		if (str_has_prefix(written, cities[i].city))
			return by_code(cities[i].code);
	return NULL;
}
