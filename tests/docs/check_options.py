#!/usr/bin/env python3
"""check_options.py - the options getopt knows, the options --help lists and the
options the man page's OPTIONS section describes are the same set.

Usage: check_options.py CXSTAT REPO_DIR
The getopt side is read from the sources: every {"name", ..._argument, ...}
row of a struct option table in src/cli/*.c and every letter of the
getopt_long option string.  The help side is what "CXSTAT --help" prints; the
man side is every option named in a .TP tag of the man page's OPTIONS section
(long aliases, such as --no-headers, may be named in the text below the tag).
"""
import glob
import os
import re
import subprocess
import sys

LONG_ROW = re.compile(r'\{\s*"([a-z][a-z0-9-]*)"\s*,\s*(?:no|required|optional)_argument')
SHORTS = re.compile(r'getopt_long\s*\([^"]*"([^"]*)"')


def from_sources(repo):
    longs, shorts = set(), set()
    for path in sorted(glob.glob(os.path.join(repo, "src", "cli", "*.c"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        longs.update(LONG_ROW.findall(text))
        for spec in SHORTS.findall(text):
            shorts.update(c for c in spec if c.isalnum())
    return longs, shorts


def from_help(cxstat):
    out = subprocess.run([cxstat, "--help"], stdout=subprocess.PIPE, check=True,
                         env=dict(os.environ, LC_ALL="C")).stdout.decode()
    lines = [line for line in out.split("\n") if line.startswith("  ")]
    longs = set(re.findall(r"--([a-z][a-z0-9-]*)", "\n".join(lines)))
    shorts = {m for line in lines for m in re.findall(r"^\s+-([A-Za-z0-9]),", line)}
    return longs, shorts


def from_man(repo):
    with open(os.path.join(repo, "man", "cxstat.1"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = lines.index(".SH OPTIONS")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
    section = [line.replace("\\-", "-") for line in lines[start:end]]
    tags = [section[i + 1] for i in range(len(section) - 1) if section[i].startswith(".TP")]
    tag_text = re.sub(r"\\f[BIRP]", " ", "\n".join(tags))  # font changes split words
    longs = set(re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)", tag_text))
    shorts = set(re.findall(r"(?:^|[\s\"])-([A-Za-z0-9])(?![\w-])", tag_text, re.M))
    mentioned = set(re.findall(r"--([a-z][a-z0-9-]*)", "\n".join(section)))
    return longs, shorts, mentioned


def main():
    cxstat, repo = sys.argv[1], sys.argv[2]
    src_long, src_short = from_sources(repo)
    help_long, help_short = from_help(cxstat)
    man_long, man_short, man_mentioned = from_man(repo)
    problems = []

    def differ(what, have, want):
        for name in sorted(want - have):
            problems.append(f"{name} is {what}")

    if not src_long or not src_short:
        problems.append("no getopt option table found in src/cli/*.c")
    differ("in getopt's table but not in --help", help_long, src_long)
    differ("in --help but not in getopt's table", src_long, help_long)
    differ("in getopt's table but not in the man page's OPTIONS", man_mentioned, src_long)
    differ("described in the man page's OPTIONS but not in getopt's table", src_long, man_long)
    differ("a short option of getopt but not in --help", {f"-{c}" for c in help_short},
           {f"-{c}" for c in src_short})
    differ("a short option in --help but not of getopt", {f"-{c}" for c in src_short},
           {f"-{c}" for c in help_short})
    differ("a short option of getopt but not in the man page's OPTIONS",
           {f"-{c}" for c in man_short}, {f"-{c}" for c in src_short})
    differ("a short option in the man page's OPTIONS but not of getopt",
           {f"-{c}" for c in src_short}, {f"-{c}" for c in man_short})
    for p in problems:
        print(f"FAIL option {p}" if p.startswith("-") else f"FAIL option --{p}")
    print(f"options: {len(src_long)} long and {len(src_short)} short options, "
          f"{len(problems)} differences between getopt, --help and the man page")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
