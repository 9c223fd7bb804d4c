/* Where a rendered page has ink: reads a binary PGM or PPM (as pdftoppm
 * writes them) and a rectangle in pixels, and prints
 *   outside N       pixels with ink outside the rectangle
 *   bbox X0 Y0 X1 Y1  the smallest rectangle holding all ink (or "bbox none")
 *   red N           pixels inside the rectangle that are clearly red
 * Ink is any pixel darker than 240 in some channel. Exit status 2 on bad
 * input. Usage: cert_ink FILE X0 Y0 X1 Y1 */
#include <stdio.h>
#include <stdlib.h>

static int
header_int(FILE *fp)
{
	int c, v = 0;
	do {
		c = fgetc(fp);
		if (c == '#')
			while (c != '\n' && c != EOF)
				c = fgetc(fp);
	} while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	if (c < '0' || c > '9')
		return -1;
	while (c >= '0' && c <= '9') {
		v = v * 10 + (c - '0');
		c = fgetc(fp);
	}
	return v;
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: cert_ink FILE X0 Y0 X1 Y1\n");
		return 2;
	}
	FILE *fp = fopen(argv[1], "rb");
	if (fp == NULL) {
		perror(argv[1]);
		return 2;
	}
	char magic[2];
	if (fread(magic, 1, 2, fp) != 2 || magic[0] != 'P' || (magic[1] != '5' && magic[1] != '6')) {
		fprintf(stderr, "%s: not a binary PGM or PPM\n", argv[1]);
		fclose(fp);
		return 2;
	}
	int ch = magic[1] == '6' ? 3 : 1;
	int w = header_int(fp), h = header_int(fp), max = header_int(fp);
	if (w <= 0 || h <= 0 || max != 255) {
		fprintf(stderr, "%s: unsupported image\n", argv[1]);
		fclose(fp);
		return 2;
	}
	long x0 = atol(argv[2]), y0 = atol(argv[3]), x1 = atol(argv[4]), y1 = atol(argv[5]);
	size_t n = (size_t)w * (size_t)h * (size_t)ch;
	unsigned char *px = malloc(n);
	if (px == NULL || fread(px, 1, n, fp) != n) {
		fprintf(stderr, "%s: truncated image\n", argv[1]);
		free(px);
		fclose(fp);
		return 2;
	}
	fclose(fp);
	long outside = 0, red = 0;
	long bx0 = w, by0 = h, bx1 = -1, by1 = -1;
	for (long y = 0; y < h; y++)
		for (long x = 0; x < w; x++) {
			const unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * (size_t)ch;
			int r = p[0], g = ch == 3 ? p[1] : p[0], b = ch == 3 ? p[2] : p[0];
			if (r >= 240 && g >= 240 && b >= 240)
				continue;
			int inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
			if (!inside)
				outside++;
			else if (r > 150 && g < 110 && b < 110)
				red++;
			if (x < bx0)
				bx0 = x;
			if (y < by0)
				by0 = y;
			if (x > bx1)
				bx1 = x;
			if (y > by1)
				by1 = y;
		}
	free(px);
	printf("outside %ld\n", outside);
	if (bx1 < 0)
		printf("bbox none\n");
	else
		printf("bbox %ld %ld %ld %ld\n", bx0, by0, bx1, by1);
	printf("red %ld\n", red);
	return 0;
}
