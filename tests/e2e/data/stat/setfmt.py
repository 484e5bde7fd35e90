#!/usr/bin/env python3
"""setfmt.py FILE INDEX FORMAT - set the display format of variable INDEX (0-based) of a
.sav or .dta file that readstat wrote, in place.
setfmt.py FILE INDEX --unend-label - fill the value label name field of variable INDEX of a
.dta file with "x", leaving it no NUL (a damaged file, as the fuzz target found one).

Why: Debian's readstat 1.1.8 writes every numeric variable of a CSV+JSON conversion with a
plain number format (SPSS F8.2, Stata %10.0g), dates too.  SPSS and Stata exports carry
DATE11 or %td; this puts them back so the tests read dates as the platforms write them.

SPSS (.sav and .zsav, little endian, as readstat writes it): a 176-byte header, then one variable
record (type 2) per variable: rec_type, type, has_label, n_missing, print, write (int32
each), an 8-byte name, the label (int32 length, padded to 4 bytes) when has_label, and
n_missing doubles.  A format is (type << 16) | (width << 8) | decimals.  type -1 records
continue a long string and are not variables.

Stata (.dta 117/118): the <formats> section holds one NUL-padded field per variable, 49
bytes (117) or 57 bytes (118).
"""
import struct
import sys

SPSS_TYPES = {"DATE": 20, "DATETIME": 22, "ADATE": 23, "EDATE": 38, "SDATE": 39, "F": 5}


def spss_format(text):
    name = text.rstrip("0123456789.")
    width, _, decimals = text[len(name):].partition(".")
    return (SPSS_TYPES[name] << 16) | (int(width) << 8) | int(decimals or 0)


def set_sav(data, index, fmt):
    pos, k = 176, -1
    while struct.unpack_from("<i", data, pos)[0] == 2:
        _, vtype, has_label, n_missing = struct.unpack_from("<iiii", data, pos)
        if vtype != -1:
            k += 1
        if k == index and vtype != -1:
            struct.pack_into("<ii", data, pos + 16, fmt, fmt)
            return
        pos += 32
        if has_label:
            (length,) = struct.unpack_from("<i", data, pos)
            pos += 4 + (length + 3) // 4 * 4
        pos += 8 * abs(n_missing)
    sys.exit("setfmt: no variable %d" % index)


def set_dta(data, index, fmt):
    start = data.find(b"<formats>")
    release = int(data[data.find(b"<release>") + 9:data.find(b"</release>")])
    if start < 0:
        sys.exit("setfmt: no <formats> section")
    width = 57 if release >= 118 else 49
    at = start + len(b"<formats>") + index * width
    data[at:at + width] = fmt.encode().ljust(width, b"\0")


def unend_dta_label(data, index):
    start = data.find(b"<value_label_names>")
    release = int(data[data.find(b"<release>") + 9:data.find(b"</release>")])
    width = 129 if release >= 118 else 33
    at = start + len(b"<value_label_names>") + index * width
    data[at:at + width] = b"x" * width


def main():
    path, index, fmt = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if fmt == "--unend-label":
        unend_dta_label(data, index)
    elif data[:4] in (b"$FL2", b"$FL3"):  # .zsav has the same dictionary
        set_sav(data, index, spss_format(fmt))
    elif data.startswith(b"<stata_dta>"):
        set_dta(data, index, fmt)
    else:
        sys.exit("setfmt: %s: neither .sav nor .dta" % path)
    with open(path, "wb") as f:
        f.write(data)


main()
