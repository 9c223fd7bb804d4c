/* Writes a test seal: a SIZE x SIZE RGBA PNG of a red ring around a star on
 * a transparent ground, like the image an office supplies as `seal:`.
 * Usage: cert_seal FILE.png [SIZE] */
#include <math.h>

#define PI 3.14159265358979323846
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void
crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t
crc(uint32_t c, const unsigned char *p, size_t n)
{
	c ^= 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int
chunk(FILE *fp, const char *type, const unsigned char *data, size_t n)
{
	unsigned char head[8], tail[4];
	be32(head, (uint32_t)n);
	memcpy(head + 4, type, 4);
	uint32_t c = crc(0, head + 4, 4);
	c = crc(c, data, n);
	be32(tail, c);
	return fwrite(head, 1, 8, fp) == 8 && fwrite(data, 1, n, fp) == n && fwrite(tail, 1, 4, fp) == 4 ? 0 : -1;
}

/* True when (x, y) lies inside a five-pointed star of outer radius r. */
static int
in_star(double x, double y, double r)
{
	double px[10], py[10];
	for (int i = 0; i < 10; i++) {
		double a = -PI / 2 + i * PI / 5, rr = i % 2 ? r * 0.382 : r;
		px[i] = rr * cos(a);
		py[i] = rr * sin(a);
	}
	int in = 0;
	for (int i = 0, j = 9; i < 10; j = i++)
		if ((py[i] > y) != (py[j] > y) && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i])
			in = !in;
	return in;
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: cert_seal FILE.png [SIZE]\n");
		return 2;
	}
	int size = argc == 3 ? atoi(argv[2]) : 240;
	if (size < 16 || size > 2000) {
		fprintf(stderr, "cert_seal: SIZE must be 16 to 2000\n");
		return 2;
	}
	crc_init();
	size_t row = 1 + 4 * (size_t)size, raw_len = row * (size_t)size;
	unsigned char *raw = calloc(1, raw_len);
	if (raw == NULL)
		return 2;
	double c = size / 2.0;
	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			double dx = x + 0.5 - c, dy = y + 0.5 - c, d = sqrt(dx * dx + dy * dy) / c;
			int ink = (d > 0.88 && d < 0.98) || (d > 0.80 && d < 0.83) || in_star(dx, dy, c * 0.42);
			if (ink) {
				unsigned char *p = raw + (size_t)y * row + 1 + 4 * (size_t)x;
				p[0] = 200, p[1] = 20, p[2] = 30, p[3] = 220;
			}
		}
	/* zlib stream of stored blocks */
	size_t nblocks = raw_len / 65535 + 1;
	size_t zlen = 2 + raw_len + 5 * nblocks + 4;
	unsigned char *z = malloc(zlen), *q = z;
	if (z == NULL)
		return 2;
	*q++ = 0x78;
	*q++ = 0x01;
	uint32_t a = 1, b = 0;
	for (size_t off = 0; off < raw_len || off == 0;) {
		size_t n = raw_len - off > 65535 ? 65535 : raw_len - off;
		*q++ = off + n >= raw_len ? 1 : 0;
		*q++ = (unsigned char)n;
		*q++ = (unsigned char)(n >> 8);
		*q++ = (unsigned char)~n;
		*q++ = (unsigned char)(~n >> 8);
		memcpy(q, raw + off, n);
		for (size_t i = 0; i < n; i++) {
			a = (a + raw[off + i]) % 65521;
			b = (b + a) % 65521;
		}
		q += n;
		off += n;
		if (n == 0)
			break;
	}
	be32(q, (b << 16) | a);
	q += 4;
	unsigned char ihdr[13];
	be32(ihdr, (uint32_t)size);
	be32(ihdr + 4, (uint32_t)size);
	ihdr[8] = 8, ihdr[9] = 6, ihdr[10] = 0, ihdr[11] = 0, ihdr[12] = 0;
	FILE *fp = fopen(argv[1], "wb");
	int rc = fp == NULL || fwrite("\x89PNG\r\n\x1a\n", 1, 8, fp) != 8 || chunk(fp, "IHDR", ihdr, 13) ||
	         chunk(fp, "IDAT", z, (size_t)(q - z)) || chunk(fp, "IEND", (const unsigned char *)"", 0);
	if (fp && fclose(fp) != 0)
		rc = 1;
	free(raw);
	free(z);
	if (rc) {
		perror(argv[1]);
		return 2;
	}
	return 0;
}
