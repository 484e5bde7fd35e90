#!/usr/bin/env python3
"""probe.py - checks of the HTML and SVG reports as pictures (see check.sh).

  inline PAGE.html DIR     write each inline <svg> of the page as a standalone
                           file DIR/N.svg without its ARIA attributes (SVG 1.1 has
                           none); fail unless every <svg> has a <title>
  offline PAGE.html        fail if the page could fetch anything
  contrast PAGE.html       text/background pairs of both palettes >= 4.5:1
  px PNG X,Y=#RRGGBB ...   exact colours at pixels
  run PNG Y #RRGGBB X0 X1  in row Y, the pixels of that colour run from X0 to X1
  edge PNG #RRGGBB N       the rightmost N columns are all that colour
  count PNG #RRGGBB MIN    at least MIN pixels of that colour
  same OLD.png NEW.png     same size, under 2% of pixels differ noticeably
  page PNG BG BAR X0 X1    a page's screenshot: background BG at 2,2 and along the
                           right edge (8 columns), the first row with over 100
                           pixels of BAR (+2) has them from X0 to X1, and 300+
                           pixels of each bucket colour
No third-party module: PNGs are decoded here (8-bit RGB/RGBA, not interlaced).
"""
import re
import struct
import sys
import zlib


def fail(msg):
    print("charts: FAIL " + msg)
    sys.exit(1)


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(path + ": not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or lace:
                fail(path + ": PNG kind not handled")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    i = 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def pixel(img, x, y):
    w, h, bpp, rows = img
    return "#%02X%02X%02X" % tuple(rows[y][x * bpp:x * bpp + 3])


def inline(page, outdir):
    html = open(page, encoding="utf-8").read()
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    if not svgs:
        fail(page + ": no inline svg")
    for n, svg in enumerate(svgs):
        if "<title" not in svg:
            fail("%s: svg %d has no <title>" % (page, n))
        if 'role="img"' not in svg or "aria-labelledby" not in svg:
            fail("%s: svg %d has no role/aria-labelledby" % (page, n))
        svg = re.sub(r' (role|aria-[a-z]+)="[^"]*"', "", svg)
        with open("%s/%d.svg" % (outdir, n), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
    print(len(svgs))


def offline(page):
    html = open(page, encoding="utf-8").read()
    csp = ("<meta http-equiv=\"Content-Security-Policy\" "
           "content=\"default-src 'none'; style-src 'unsafe-inline'\"/>")
    if csp not in html:
        fail(page + ": no Content-Security-Policy meta")
    for bad in ("src=", "href=", "url(", "@import", "<script", "<link", "<img", "<iframe",
                "<object", "<embed", "@font-face"):
        if bad in html.lower():
            fail("%s: has %s" % (page, bad))


def luminance(hexcolour):
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexcolour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast(page):
    css = open(page, encoding="utf-8").read()
    blocks = re.findall(r":root\{([^}]*)\}", css)
    if len(blocks) < 2:
        fail(page + ": no light and dark palettes")
    # segment labels (#000000) sit on the bucket colours, which both palettes share
    for sl_on in ("#D55E00", "#999999", "#009E73"):
        if ratio("#000000", sl_on) < 4.5:
            fail("label on %s: %.2f:1" % (sl_on, ratio("#000000", sl_on)))
    worst = 99.0
    for block in blocks:
        v = dict(re.findall(r"--([a-z0-9]+):(#[0-9a-fA-F]{6})", block))
        for fg in ("fg", "mu"):
            for bg in ("bg",) + (("z0", "z1", "z2", "z3") if fg == "fg" else ()):
                r = ratio(v[fg], v[bg])
                worst = min(worst, r)
                if r < 4.5:
                    fail("%s on %s (%s on %s): %.2f:1" % (fg, bg, v[fg], v[bg], r))
    print("%.2f" % worst)


def main(argv):
    cmd = argv[1]
    if cmd == "inline":
        return inline(argv[2], argv[3])
    if cmd == "offline":
        return offline(argv[2])
    if cmd == "contrast":
        return contrast(argv[2])
    img = read_png(argv[2])
    if cmd == "px":
        for spec in argv[3:]:
            xy, want = spec.split("=")
            x, y = map(int, xy.split(","))
            got = pixel(img, x, y)
            if got != want.upper():
                fail("%s: pixel %d,%d is %s, not %s" % (argv[2], x, y, got, want))
    elif cmd == "run":
        y, want, x0, x1 = int(argv[3]), argv[4].upper(), int(argv[5]), int(argv[6])
        xs = [x for x in range(img[0]) if pixel(img, x, y) == want]
        if not xs or (xs[0], xs[-1]) != (x0, x1):
            fail("%s: row %d has %s at %s, not %d..%d" % (argv[2], y, want,
                 "%d..%d" % (xs[0], xs[-1]) if xs else "no pixel", x0, x1))
    elif cmd == "edge":
        want, n = argv[3].upper(), int(argv[4])
        for y in range(img[1]):
            for x in range(img[0] - n, img[0]):
                if pixel(img, x, y) != want:
                    fail("%s: pixel %d,%d at the right edge is %s" % (argv[2], x, y,
                                                                     pixel(img, x, y)))
    elif cmd == "page":
        bg, bar, x0, x1 = argv[3].upper(), argv[4].upper(), int(argv[5]), int(argv[6])
        w, h = img[0], img[1]
        if pixel(img, 2, 2) != bg:
            fail("%s: background %s, not %s" % (argv[2], pixel(img, 2, 2), bg))
        for y in range(h):
            for x in range(w - 8, w):
                if pixel(img, x, y) != bg:
                    fail("%s: %d,%d at the right edge is %s" % (argv[2], x, y, pixel(img, x, y)))
        rows = [y for y in range(h) if sum(pixel(img, x, y) == bar for x in range(w)) > 100]
        if not rows:
            fail("%s: no bar of %s" % (argv[2], bar))
        y = rows[0] + 2
        xs = [x for x in range(w) if pixel(img, x, y) == bar]
        if (xs[0], xs[-1]) != (x0, x1):
            fail("%s: row %d has %s at %d..%d, not %d..%d" % (argv[2], y, bar, xs[0], xs[-1],
                                                              x0, x1))
        for colour in ("#D55E00", "#999999", "#009E73"):
            want = bytes.fromhex(colour[1:])
            n = sum(1 for row in img[3] for x in range(0, len(row), img[2])
                    if row[x:x + 3] == want)
            if n < 300:
                fail("%s: %d pixels of %s" % (argv[2], n, colour))
        print(y)
    elif cmd == "count":
        want, least = bytes.fromhex(argv[3][1:]), int(argv[4])
        bpp = img[2]
        n = sum(1 for row in img[3] for x in range(0, len(row), bpp) if row[x:x + 3] == want)
        if n < least:
            fail("%s: %d pixels of %s, fewer than %d" % (argv[2], n, argv[3], least))
    elif cmd == "same":
        new = read_png(argv[3])
        if img[:2] != new[:2]:
            fail("%s and %s differ in size" % (argv[2], argv[3]))
        diff = 0
        for y in range(img[1]):
            a, b = img[3][y], new[3][y]
            if img[2] == new[2] and a == b:
                continue
            for x in range(img[0]):
                pa, pb = a[x * img[2]:x * img[2] + 3], b[x * new[2]:x * new[2] + 3]
                diff += max(abs(i - j) for i, j in zip(pa, pb)) > 48
        if diff > img[0] * img[1] // 50:
            fail("%s is out of step with a fresh render (%d pixels differ)" % (argv[2], diff))
    else:
        fail("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
