#!/usr/bin/env python3
"""messages.py - every message the program can print is pinned by a golden case.

Usage: messages.py REPO_DIR
Reads every string literal of the program's stages (src/base, src/input, src/count,
src/report, src/cli) and the phrases of cx_strerror (src/lib/status.c) that
reads as a message (two spaces or more, a few words), turns its printf
directives into wildcards, and looks for it in the expected stdout and stderr
of tests/e2e/cases (any depth).  A literal found nowhere must be listed, with
the reason it cannot be reached from the command line, in
tests/e2e/messages.unreachable; a listed one that a case does print must be
taken off the list.  The writers' texts (report_*.c, i18n.c, verdict.c) are
report content, pinned by the output cases, and are not read here.
"""
import glob
import os
import re
import sys

NOT_MESSAGES = ("report_data.c", "report_text.c", "i18n.c", "verdict.c", "report_doc.c",
                "report_html.c", "report_svg.c", "svg_chart.c")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
RUN = re.compile(r'(?:"(?:[^"\\\n]|\\.)*"\s*(?:PRI[udx]64\s*)?)+')
DIRECTIVE = re.compile(r"(%%|%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[sdiuxXcfgeEp])")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "033": "\033"}


def literals(path):
    """(line, text) of every run of adjacent string literals, comments skipped."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    for m in RUN.finditer(text):
        yield text.count("\n", 0, m.start()) + 1, "".join(LITERAL.findall(m.group(0)))


def pattern(message):
    """A regular expression of what the literal prints: directives match anything."""
    text = re.sub(r"\\(033|.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), message)
    text = text.strip("\n")
    out = []
    for i, part in enumerate(DIRECTIVE.split(text)):
        if i % 2:
            out.append("%" if part == "%%" else ".*?")
        else:
            out.append(re.escape(part))
    return "".join(out)


def is_message(text):
    return len(text) >= 8 and text.count(" ") >= 2 and not text.startswith("Usage:")


def main():
    repo = sys.argv[1]
    here = os.path.join(repo, "tests", "e2e")
    sources = [p for d in ("base", "input", "count", "report", "cli")
               for p in sorted(glob.glob(os.path.join(repo, "src", d, "*.c")))
               if os.path.basename(p) not in NOT_MESSAGES]
    sources.append(os.path.join(repo, "src", "lib", "status.c"))
    expected = []
    for path in glob.glob(os.path.join(here, "cases", "**", "*"), recursive=True):
        if os.path.basename(path) in ("stdout", "stderr") and os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                expected.append(f.read())
    expected = "\n".join(expected)
    with open(os.path.join(here, "messages.unreachable"), encoding="utf-8") as f:
        unreachable = {line.split("  #")[0].rstrip() for line in f
                       if line.strip() and not line.startswith("#")}
    seen, problems, pinned = set(), [], 0
    for path in sources:
        for line, text in literals(path):
            if not is_message(text) or text in seen:
                continue
            seen.add(text)
            found = re.search(pattern(text), expected) is not None
            where = f"{os.path.relpath(path, repo)}:{line}"
            if found and text in unreachable:
                problems.append(f"{where}: listed as unreachable, but a case prints it: {text}")
            elif not found and text not in unreachable:
                problems.append(f"{where}: no case prints this message: {text}")
            pinned += found
    for text in sorted(unreachable - seen):
        problems.append(f"messages.unreachable lists a text no source has: {text}")
    for p in problems:
        print(f"FAIL {p}")
    print(f"messages: {pinned} pinned by a case, {len(seen) - pinned} listed as unreachable, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
