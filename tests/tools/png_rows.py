#!/usr/bin/env python3
"""png_rows.py BOOK.pdf IMAGES_DIR

Checks that every image of a PDF is one of the PNGs in IMAGES_DIR placed
as the PNG holds it: the image stream's bytes are the PNG's IDAT data,
joined (no decoding, no deflating again). Then decodes one of them as a
reader does (pdfimages) and compares its pixels with the PNG's own,
decoded here. Prints what differs; exits 0 when all hold."""
import os
import subprocess
import sys
import tempfile
import zlib


def chunks(data):
    at = 8
    while at + 12 <= len(data):
        n = int.from_bytes(data[at:at + 4], "big")
        yield data[at + 4:at + 8], data[at + 8:at + 8 + n]
        at += 12 + n


def idat(data):
    return b"".join(body for kind, body in chunks(data) if kind == b"IDAT")


def pixels(data):
    """RGB bytes of an 8-bit gray, RGB or palette PNG, not interlaced."""
    head = next(body for kind, body in chunks(data) if kind == b"IHDR")
    w, h = int.from_bytes(head[0:4], "big"), int.from_bytes(head[4:8], "big")
    depth, color = head[8], head[9]
    assert depth == 8 and color in (0, 2, 3) and head[12] == 0, "unsupported PNG"
    plte = b"".join(body for kind, body in chunks(data) if kind == b"PLTE")
    bpp = 3 if color == 2 else 1
    raw = zlib.decompress(idat(data))
    stride = w * bpp
    prev = bytearray(stride)
    out = bytearray()
    for y in range(h):
        f = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                row[i] = (row[i] + a) & 255
            elif f == 2:
                row[i] = (row[i] + b) & 255
            elif f == 3:
                row[i] = (row[i] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = row
        if color == 3:
            for v in row:
                out += plte[3 * v:3 * v + 3]
        elif color == 0:
            for v in row:
                out += bytes((v, v, v))
        else:
            out += row
    return w, h, bytes(out)


def main():
    pdf, folder = sys.argv[1], sys.argv[2]
    sources = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".png"):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            sources[idat(data)] = (name, data)
    listing = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True, check=True).stdout
    images = []
    for line in listing.splitlines()[2:]:
        cols = line.split()
        images.append((int(cols[0]), int(cols[1]), int(cols[10])))
    if not images:
        print("no images in", pdf)
        return 1
    bad = 0
    first = None
    for page, num, obj in images:
        raw = subprocess.run(["qpdf", "--show-object=%d" % obj, "--raw-stream-data", pdf], capture_output=True,
                             check=True).stdout
        if raw not in sources:
            print("image %d (object %d, page %d) is not the data of any PNG in %s" % (num, obj, page, folder))
            bad += 1
        elif first is None:
            first = (page, num, sources[raw])
    if first is not None:
        page, num, (name, data) = first
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdfimages", "-png", "-f", str(page), "-l", str(page), pdf, os.path.join(tmp, "i")],
                           check=True)
            got = sorted(os.listdir(tmp))
            with open(os.path.join(tmp, got[0]), "rb") as f:
                extracted = f.read()
        want = pixels(data)
        have = pixels(extracted) if extracted[25] != 6 else None
        if have != want:
            print("image on page %d, from %s: the pixels a reader decodes differ from the PNG's" % (page, name))
            bad += 1
    print("%d images, %d not as their PNG holds them" % (len(images), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
