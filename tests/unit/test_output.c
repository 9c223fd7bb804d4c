/* Unit tests for generator/output.h: a file put in pieces holds the same
 * bytes and gets the same hash as one put whole, however it is cut, and
 * becomes a link to the output folder's file when that holds those bytes;
 * the records of a build of many files all reach its manifest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "output.h"
#include "util.h"

#define SIZE 200003

static char *
make_dir(void)
{
	char tmpl[] = "/tmp/qb-test-output-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

/* Puts data in pieces of the sizes in cuts (taken in turn) as rel. */
static void
put_in_pieces(const struct staging *s, const char *rel, const char *data, size_t len, const size_t *cuts,
              size_t ncuts, struct manifest_output *rec)
{
	struct staging_file f;
	assert_int_equal(staging_open(s, rel, &f), 0);
	for (size_t off = 0, k = 0; off < len; k++) {
		size_t n = cuts[k % ncuts] < len - off ? cuts[k % ncuts] : len - off;
		staging_add(&f, data + off, n);
		off += n;
	}
	assert_int_equal(staging_close(s, rel, &f, (struct hash){0, 0}, rec), 0);
}

static void
test_pieces(void **state)
{
	(void)state;
	char *data = xmalloc(SIZE);
	for (size_t i = 0; i < SIZE; i++)
		data[i] = (char)(i * 131 + i / 7);
	struct hash whole = hash_bytes(data, SIZE);
	struct staging s = {0};
	s.dir = make_dir();
	static const size_t cut_sets[][4] = {{1, 1, 1, 1}, {7, 15, 16, 17}, {65536, 3, 65536, 5}, {SIZE, SIZE, SIZE, SIZE},
	                                     {8, 24, 9, 31}};
	for (size_t c = 0; c < sizeof(cut_sets) / sizeof(cut_sets[0]); c++) {
		struct manifest_output rec;
		put_in_pieces(&s, "a/b.txt", data, SIZE, cut_sets[c], 4, &rec);
		if (!hash_eq(rec.out, whole))
			print_error("cut set %zu: the hash differs from hash_bytes() of the whole\n", c);
		assert_true(hash_eq(rec.out, whole));
		assert_int_equal(rec.size, SIZE);
		char *p = path_join(s.dir, "a/b.txt");
		struct buf b = {0};
		assert_int_equal(read_file(p, &b), 0);
		assert_int_equal(b.len, SIZE);
		assert_memory_equal(b.p, data, SIZE);
		struct stat st;
		assert_int_equal(stat(p, &st), 0);
		assert_int_equal(rec.ino, (uint64_t)st.st_ino);
		buf_free(&b);
		free(p);
	}
	/* Nothing at all: the hash of no bytes. */
	struct manifest_output rec;
	put_in_pieces(&s, "empty", "", 0, cut_sets[0], 4, &rec);
	assert_true(hash_eq(rec.out, hash_bytes("", 0)));
	assert_int_equal(rec.size, 0);
	remove_tree(s.dir);
	free(s.dir);
	free(data);
}

static void
test_link(void **state)
{
	(void)state;
	const char *text = "the same bytes as the output folder's file\n";
	struct staging s = {0};
	s.dir = make_dir();
	s.out = make_dir();
	char *live = path_join(s.out, "m.json");
	assert_int_equal(write_file(live, text, strlen(text)), 0);
	struct stat st;
	assert_int_equal(stat(live, &st), 0);
	struct manifest_output old = {(char *)"m.json", {0, 0}, hash_bytes(text, strlen(text)), strlen(text),
	                              (uint64_t)st.st_ino, NULL};
	manifest_add_output(&s.live, &old);
	size_t cuts[] = {5};
	struct manifest_output rec;
	put_in_pieces(&s, "m.json", text, strlen(text), cuts, 1, &rec);
	char *put = path_join(s.dir, "m.json");
	struct stat pst;
	assert_int_equal(stat(put, &pst), 0);
	assert_int_equal(pst.st_ino, st.st_ino);
	assert_int_equal(rec.ino, (uint64_t)st.st_ino);
	/* Other bytes: a file of its own. */
	put_in_pieces(&s, "m.json", "other\n", 6, cuts, 1, &rec);
	assert_int_equal(stat(put, &pst), 0);
	assert_true(pst.st_ino != st.st_ino);
	assert_int_equal(rec.ino, (uint64_t)pst.st_ino);
	manifest_free(&s.live);
	remove_tree(s.dir);
	remove_tree(s.out);
	free(s.dir);
	free(s.out);
	free(live);
	free(put);
}

#define RECORDS 20000

/* Records many more outputs and narratives than the build holds at once
 * (they go to a file as they come), commits, and reads the manifest. */
static void
test_records(void **state)
{
	(void)state;
	char *top = make_dir();
	char *out = path_join(top, "out");
	struct staging s = {.lock = -1};
	assert_int_equal(staging_begin(&s, out, false), 0);
	for (size_t i = 0; i < RECORDS; i++) {
		/* Paths in an order that is not theirs; every third with facts,
		 * some with a tab, a newline or a backslash. */
		size_t k = (i * 7919) % RECORDS;
		char path[64], facts[64];
		snprintf(path, sizeof(path), "site/%05zu/index.html", k);
		snprintf(facts, sizeof(facts), "p %zu\tq\n\\%zu", k, k * 3);
		struct manifest_output rec = {path, {k, k + 1}, {k + 2, k + 3}, k * 10, k + 5, k % 3 == 0 ? facts : NULL};
		staging_record(&s, &rec);
		if (i % 4 == 0) {
			snprintf(facts, sizeof(facts), "n %zu", k);
			staging_record_narrative(&s, (struct hash){k, 0}, facts);
		}
	}
	struct manifest header = {0};
	assert_int_equal(staging_commit(&s, &header), 0);
	char *mp = path_join(out, MANIFEST_FILE);
	struct manifest m;
	assert_int_equal(manifest_read(mp, &m), 0);
	assert_int_equal(m.noutputs, RECORDS);
	assert_int_equal(m.nnarratives, RECORDS / 4);
	for (size_t k = 0; k < RECORDS; k++) {
		const struct manifest_output *o = &m.outputs[k];
		char path[64], facts[64];
		snprintf(path, sizeof(path), "site/%05zu/index.html", k);
		assert_string_equal(o->path, path);
		assert_true(o->in.a == k && o->in.b == k + 1 && o->out.a == k + 2 && o->out.b == k + 3);
		assert_int_equal(o->size, k * 10);
		assert_int_equal(o->ino, k + 5);
		if (k % 3 == 0) {
			snprintf(facts, sizeof(facts), "p %zu\tq\n\\%zu", k, k * 3);
			assert_non_null(o->facts);
			assert_string_equal(o->facts, facts);
		} else {
			assert_null(o->facts);
		}
	}
	manifest_free(&m);
	free(mp);
	staging_abort(&s);
	remove_tree(top);
	free(out);
	free(top);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pieces),
	    cmocka_unit_test(test_link),
	    cmocka_unit_test(test_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
