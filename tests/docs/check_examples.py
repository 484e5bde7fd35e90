#!/usr/bin/env python3
"""check_examples.py - the examples of a document are tests: every "$ command"
line of an example block is run, and what it prints (standard output and
error together) must equal the lines under it, up to the next "$ " line or the
block's end.

Usage: check_examples.py DOCUMENT REPO_DIR
DOCUMENT is Markdown (README.md, HACKING.md: example blocks are ``` fences)
or a man page in roff (man/cxstat.1: example blocks are .nf ... .fi, read
after the roff escapes are turned into the characters they print, .sp into an
empty line; a command line ending in a backslash or a pipe goes on).

Commands run in one scratch directory, in order, with ./cxstat, data/, man/,
include/, build/ and tests/ linked from the repository and the files of
tests/e2e/data/platforms/ linked by name (the man page's platform examples
read them), so files an example writes are there for the next one.
Directives, invisible in the rendered document:
  Markdown  <!-- file: NAME -->  the fenced block after it is written to NAME
  roff      .\\" file: NAME        the .nf block after it is written to NAME
  roff      .\\" setup: CMD        CMD runs (silently) before the next command
In a man page's EXAMPLES section, a command shown without "$ " and without
output is run as well: it must not be a usage error (exit status 2), so an
option renamed or misspelt in the documentation fails here.
With BLESS=1 a Markdown document's failing examples get the program's output
written in place of what they showed (review the diff before committing).
"""
import os
import re
import signal
import subprocess
import sys
import tempfile

ROFF_NAMED = {
    "aq": "'", "dq": '"', "lq": "\u201c", "rq": "\u201d", "oq": "\u2018", "cq": "\u2019",
    "+-": "\u00b1", "mu": "\u00d7", "ha": "^", "ti": "~", "em": "\u2014", "en": "\u2013",
    "bu": "\u2022", "<=": "\u2264", ">=": "\u2265", "->": "\u2192", "hy": "-", "at": "@",
    "rs": "\\", "*S": "\u03a3", "*s": "\u03c3", "*a": "\u03b1", "*m": "\u03bc", "mi": "\u2212", "sr": "\u221a", "pl": "+", "eq": "=", "ap": "~", "**": "*", "co": "\u00a9", "de": "\u00b0", "ga": "`", "pc": "\u00b7", "sq": "\u25a1",
}
ROFF_ESCAPE = re.compile(r"\\(\[u([0-9A-Fa-f]{4,6})\]|\[([^\]]+)\]|\((..)|f[BIRP]|f\[[A-Z]*\]|"
                         r"[-e&~ 0|^!%:])")


def roff_text(line, where):
    """The characters a roff text line prints; an unknown escape is an error."""
    def one(m):
        whole, uni, bracket, two = m.group(1), m.group(2), m.group(3), m.group(4)
        if uni:
            return chr(int(uni, 16))
        name = bracket or two
        if name is not None:
            if name not in ROFF_NAMED:
                raise SystemExit(f"{where}: roff escape \\{whole} unknown to check_examples.py")
            return ROFF_NAMED[name]
        if whole.startswith("f"):
            return ""
        return {"-": "-", "e": "\\", "&": "", "~": "\u00a0", " ": " ", "0": " ",
                "|": "", "^": "", "!": "", "%": "", ":": ""}[whole]
    return ROFF_ESCAPE.sub(one, line)


def markdown_blocks(lines):
    """Yield (line number, kind, name, block lines) for each fenced block."""
    in_block, name, start, body = False, None, 0, []
    for n, line in enumerate(lines, 1):
        if not in_block and line.startswith("<!-- file: "):
            name = line[len("<!-- file: "):].split()[0]
            continue
        if line.startswith("```"):
            if in_block:
                yield start, ("file" if name else "example"), name, body
                name = None
            in_block, start, body = not in_block, n, []
            continue
        if in_block:
            body.append((n, line))


def roff_blocks(lines, path):
    """Yield (line number, kind, name, block lines) for each .nf block and setup
    directive; kind "example" or "file", or "setup" with the command as name.
    EXAMPLES blocks are of kind "example!" (their commands without $ run too)."""
    in_block, name, start, body, section, requests = False, None, 0, [], "", []
    for n, line in enumerate(lines, 1):
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
        if line.startswith('.\\" file: '):
            name = line[len('.\\" file: '):].split()[0]
            continue
        if line.startswith('.\\" setup: '):
            yield n, "setup", line[len('.\\" setup: '):], []
            continue
        if line.startswith(".nf"):
            in_block, start, body, requests = True, n, [], []
            continue
        if line.startswith(".fi") and in_block:
            kind = "file" if name else ("example!" if section == "EXAMPLES" else "example")
            if requests and (name or kind == "example!" or
                             any(text.startswith("$ ") for _, text in body)):
                raise SystemExit(f"{path}:{requests[0]}: roff request inside an example")
            if not requests:  # a block of formatted lines (messages) is no example
                yield start, kind, name, body
            in_block, name = False, None
            continue
        if not in_block:
            continue
        if line.startswith(".sp"):
            body.append((n, ""))
        elif line.startswith('.\\"'):
            continue
        elif line.startswith("."):
            requests.append(n)
        else:
            body.append((n, roff_text(line, f"{path}:{n}")))


def continues(cmd):
    """A shell command goes on after a backslash, a pipe or in a quoted string."""
    return cmd.endswith("\\") or cmd.rstrip().endswith("|") or cmd.count("'") % 2 == 1


def commands(start, kind, body):
    """Yield (line number, command, expected output or None) of one block."""
    cmd, out, at, i = None, [], start, 0
    while i < len(body):
        n, line = body[i]
        if line.startswith("$ "):
            if cmd is not None:
                yield at, cmd, "\n".join(out)
            cmd, out, at = line[2:], [], n
            while continues(cmd) and i + 1 < len(body):
                i += 1
                cmd += "\n" + body[i][1]
        elif cmd is not None:
            out.append(line)
        elif kind == "example!" and line.strip():
            # a command shown without output: it runs, and must not be a usage error
            plain, at_plain = line, n
            while continues(plain) and i + 1 < len(body):
                i += 1
                plain += "\n" + body[i][1]
            yield at_plain, plain, None
        i += 1
    if cmd is not None:
        yield at, cmd, "\n".join(out)


def examples(path):
    """Yield (line number, kind, command or file name, expected output or text)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    roff = path.endswith(".1")
    blocks = roff_blocks(lines, path) if roff else markdown_blocks(lines)
    for start, kind, name, body in blocks:
        if kind == "setup":
            yield start, "setup", name, None
        elif kind == "file":
            yield start, "file", name, "\n".join(text for _, text in body) + "\n"
        else:
            for at, cmd, want in commands(start, kind, body):
                yield at, ("run" if want is not None else "usage"), cmd, want


def scratch(work, repo):
    for name in ("cxstat", "data", "man", "tests", "build", "include"):
        os.symlink(os.path.join(repo, name), os.path.join(work, name))
    platforms = os.path.join(repo, "tests", "e2e", "data", "platforms")
    for name in sorted(os.listdir(platforms)):
        if not os.path.exists(os.path.join(work, name)):
            os.symlink(os.path.join(platforms, name), os.path.join(work, name))


def report(doc, line, cmd, want, got):
    print(f"FAIL {doc}:{line}: $ {cmd}")
    for i, (a, b) in enumerate(zip(want.split("\n"), got.split("\n"))):
        if a != b:
            print(f"  line {i + 1}: the document has {a!r}")
            print(f"  line {i + 1}: the program says  {b!r}")
            return
    print(f"  the document has {len(want.splitlines())} lines, the program printed "
          f"{len(got.splitlines())}")


def main():
    # a killed run removes its scratch directory too (SystemExit unwinds the with)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    doc, repo = sys.argv[1], os.path.abspath(sys.argv[2])
    name = os.path.basename(doc)
    roff = doc.endswith(".1")
    failed = passed = 0
    bless, blessed = os.environ.get("BLESS") == "1", []
    with tempfile.TemporaryDirectory() as work:
        scratch(work, repo)
        env = dict(os.environ, LC_ALL="C.UTF-8", PATH=work + os.pathsep + os.environ["PATH"])
        for line, kind, cmd, want in examples(doc):
            if kind == "file":
                with open(os.path.join(work, cmd), "w", encoding="utf-8") as f:
                    f.write(want)
                continue
            run = subprocess.run(["sh", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=120)
            got = run.stdout.decode("utf-8", "replace").rstrip("\n")
            if kind == "setup":
                ok = run.returncode == 0
                want = "(exit status 0)"
            elif kind == "usage":
                ok = run.returncode != 2
                want = "(no usage error)"
            elif roff:  # a man page shows no trailing blanks
                got = "\n".join(text.rstrip() for text in got.split("\n"))
                ok = got == "\n".join(text.rstrip() for text in want.rstrip("\n").split("\n"))
            else:
                ok = got == want.rstrip("\n")
            if ok:
                passed += kind != "setup"
                continue
            if bless and kind == "run" and not roff:
                blessed.append((line, cmd.count("\n") + 1, len(want.rstrip("\n").split("\n"))
                                if want.rstrip("\n") else 0, got))
                continue
            failed += 1
            report(name, line, cmd, want, got if kind == "run" else
                   f"exit status {run.returncode}: {got}")
    if blessed:
        rewrite(doc, blessed)
        print(f"{name}: {len(blessed)} examples blessed: review the diff")
    print(f"{name}: {passed} examples passed, {failed} failed")
    return 1 if failed else 0


def rewrite(doc, blessed):
    """BLESS=1 on a Markdown file: each failing example's shown output becomes the program's."""
    with open(doc, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line, ncmd, nwant, got in sorted(blessed, reverse=True):
        first = line - 1 + ncmd  # 0-based index of the first output line
        lines[first:first + nwant] = got.split("\n") if got else []
    with open(doc, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
