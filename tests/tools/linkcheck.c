/* Checks that every internal link and asset reference of a built site
 * resolves, like `zola check` without the external half.
 *
 *   linkcheck [--base URL] [--files] [--optional PREFIX]... DIR
 *
 * Reads every .html file below DIR (href, src, srcset-free: a, link, script,
 * img, form action, meta refresh) and every .xml file (href attributes and
 * sitemap <loc>). A relative address is resolved against its file; an
 * absolute one under --base, or a root-relative one under the base's path,
 * against DIR. "folder/" means folder/index.html; with --files, for a site
 * read from files, a link to a folder is broken. Fragments on the same
 * page must name an id of that page. Links below an --optional prefix are
 * checked only when DIR has that folder (outputs of other renderers).
 * Prints "file: broken link" lines; exits 1 when any link is broken. */
#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static const char *root, *base, *base_path;
static const char *optional[16];
static int noptional;
static bool files_only;
static int broken, checked;

static bool
is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
has_id(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		bool hit = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (hit || has_id(n->children, id))
			return true;
	}
	return false;
}

static void
unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
			*o++ = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* Checks one address found in file rel (relative to root). */
static void
check(const char *rel, xmlDocPtr doc, const char *url)
{
	if (url == NULL || *url == '\0')
		return;
	if (strstr(url, "://") && !(base && str_has_prefix(url, base)))
		return;
	if (str_has_prefix(url, "mailto:") || str_has_prefix(url, "tel:") || str_has_prefix(url, "data:"))
		return;
	checked++;
	char *u = xstrdup(url);
	char *frag = strchr(u, '#');
	if (frag)
		*frag++ = '\0';
	char *q = strchr(u, '?');
	if (q)
		*q = '\0';
	char *target = NULL;
	if (base && str_has_prefix(u, base)) {
		target = xstrdup(u + strlen(base));
	} else if (u[0] == '/') {
		if (!str_has_prefix(u, base_path)) {
			printf("%s: %s: outside the site\n", rel, url);
			broken++;
			free(u);
			return;
		}
		target = xstrdup(u + strlen(base_path));
	} else if (u[0] == '\0') {
		if (frag)
			unescape(frag);
		if (frag && *frag && doc && !has_id(xmlDocGetRootElement(doc), frag)) {
			printf("%s: #%s: no such id on the page\n", rel, frag);
			broken++;
		}
		free(u);
		return;
	} else {
		char *dir = path_dir(rel);
		char *joined = strcmp(dir, ".") == 0 ? xstrdup(u) : path_join(dir, u);
		free(dir);
		bool slash = str_has_suffix(joined, "/") || strcmp(u, ".") == 0 || str_has_suffix(u, "/.") ||
		             str_has_suffix(u, "..");
		target = path_normalize_rel(joined);
		if (target == NULL) {
			printf("%s: %s: climbs out of the site\n", rel, url);
			broken++;
			free(joined);
			free(u);
			return;
		}
		if (slash && *target && !str_has_suffix(target, "/")) {
			char *t = xasprintf("%s/", target);
			free(target);
			target = t;
		}
		free(joined);
	}
	unescape(target);
	for (int i = 0; i < noptional; i++) {
		if (str_has_prefix(target, optional[i])) {
			char *d = path_join(root, optional[i]);
			bool present = is_dir(d);
			free(d);
			if (!present) {
				free(target);
				free(u);
				return;
			}
		}
	}
	bool folder = *target == '\0' || str_has_suffix(target, "/");
	if (folder && files_only) {
		printf("%s: %s: names a folder, not a file\n", rel, url);
		broken++;
		free(target);
		free(u);
		return;
	}
	char *path = folder ? xasprintf("%s/%sindex.html", root, target) : xasprintf("%s/%s", root, target);
	if (!is_file(path)) {
		printf("%s: %s: %s does not exist\n", rel, url, path + strlen(root) + 1);
		broken++;
	}
	free(path);
	free(target);
	free(u);
}

static void
walk(const char *rel, xmlDocPtr doc, xmlNodePtr n, bool html)
{
	static const char *const attrs[] = {"href", "src", "action", NULL};
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (int i = 0; attrs[i]; i++) {
			xmlChar *v = xmlGetProp(n, BAD_CAST attrs[i]);
			if (v)
				check(rel, doc, (const char *)v);
			xmlFree(v);
		}
		if (html && strcmp((const char *)n->name, "meta") == 0) {
			xmlChar *eq = xmlGetProp(n, BAD_CAST "http-equiv");
			xmlChar *content = xmlGetProp(n, BAD_CAST "content");
			const char *c = content ? strstr((const char *)content, "url=") : NULL;
			if (eq && xmlStrcasecmp(eq, BAD_CAST "refresh") == 0 && c)
				check(rel, doc, c + 4);
			xmlChar *prop = xmlGetProp(n, BAD_CAST "property");
			if (prop && content && (xmlStrcmp(prop, BAD_CAST "og:url") == 0 || xmlStrcmp(prop, BAD_CAST "og:image") == 0))
				check(rel, doc, (const char *)content);
			xmlFree(prop);
			xmlFree(eq);
			xmlFree(content);
		}
		if (!html && strcmp((const char *)n->name, "loc") == 0) {
			xmlChar *t = xmlNodeGetContent(n);
			check(rel, doc, (const char *)t);
			xmlFree(t);
		}
		walk(rel, doc, n->children, html);
	}
}

static void
scan(const char *rel)
{
	char *dir = *rel ? path_join(root, rel) : xstrdup(root);
	char **names = list_dir(dir);
	if (names == NULL) {
		fprintf(stderr, "linkcheck: cannot read %s\n", dir);
		exit(2);
	}
	for (char **n = names; *n; n++) {
		char *child = *rel ? xasprintf("%s/%s", rel, *n) : xstrdup(*n);
		char *full = path_join(root, child);
		if (is_dir(full)) {
			scan(child);
		} else if (str_has_suffix(*n, ".html") || str_has_suffix(*n, ".xml")) {
			bool html = str_has_suffix(*n, ".html");
			xmlDocPtr doc = html ? htmlReadFile(full, "UTF-8",
			                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)
			                     : xmlReadFile(full, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			if (doc == NULL) {
				printf("%s: cannot be parsed\n", child);
				broken++;
			} else {
				walk(child, doc, xmlDocGetRootElement(doc), html);
				xmlFreeDoc(doc);
			}
		}
		free(full);
		free(child);
	}
	free_strv(names);
	free(dir);
}

int
main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc - 1; i++) {
		if (strcmp(argv[i], "--base") == 0 && i + 1 < argc - 1)
			base = argv[++i];
		else if (strcmp(argv[i], "--files") == 0)
			files_only = true;
		else if (strcmp(argv[i], "--optional") == 0 && i + 1 < argc - 1 && noptional < 16)
			optional[noptional++] = argv[++i];
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: linkcheck [--base URL] [--files] [--optional PREFIX]... DIR\n");
		return 2;
	}
	root = argv[i];
	base_path = "/";
	if (base) {
		const char *h = strstr(base, "://");
		const char *s = h ? strchr(h + 3, '/') : NULL;
		base_path = s ? s : "/";
	}
	scan("");
	printf("%d links checked, %d broken\n", checked, broken);
	xmlCleanupParser();
	return broken ? 1 : 0;
}
