#!/usr/bin/env python3
"""check_readme.py - the README's examples are tests: every "$ command" line in a
fenced block is run, and what it prints (standard output and error together)
must equal the lines under it, up to the next "$ " line or the block's end.

Usage: check_readme.py README.md REPO_DIR
Commands run in one scratch directory, in order, with ./cxstat, data/, man/,
include/, build/ and tests/ linked from the repository, so files an example
writes are there for the next one.  A fenced block right after a comment
"<!-- file: NAME ... -->" is written to NAME there before the next command.
"""
import os
import subprocess
import sys
import tempfile


def examples(path):
    """Yield (line number, command, expected output) for every "$ " line, and
    (line number, None, (file name, text)) for every file block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_block, cmd, out, at, file_name, file_lines = False, None, [], 0, None, None
    for n, line in enumerate(lines, 1):
        if line.startswith("<!-- file: "):
            file_name = line[len("<!-- file: "):].split()[0]
            continue
        if line.startswith("```"):
            if in_block and cmd is not None:
                yield at, cmd, "\n".join(out)
            if in_block and file_lines is not None:
                yield n, None, (file_name, "\n".join(file_lines) + "\n")
                file_name, file_lines = None, None
            elif not in_block and file_name:
                file_lines = []
            in_block, cmd, out = not in_block, None, []
            continue
        if in_block and file_lines is not None:
            file_lines.append(line)
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if cmd is not None:
                yield at, cmd, "\n".join(out)
            cmd, out, at = line[2:], [], n
        elif cmd is not None:
            out.append(line)


def main():
    readme, repo = sys.argv[1], os.path.abspath(sys.argv[2])
    failed = passed = 0
    with tempfile.TemporaryDirectory() as work:
        for name in ("cxstat", "data", "man", "tests", "build", "include"):
            os.symlink(os.path.join(repo, name), os.path.join(work, name))
        env = dict(os.environ, LC_ALL="C.UTF-8")
        for line, cmd, want in examples(readme):
            if cmd is None:
                name, text = want
                with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                    f.write(text)
                continue
            run = subprocess.run(["sh", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=120)
            got = run.stdout.decode("utf-8", "replace").rstrip("\n")
            if got == want.rstrip("\n"):
                passed += 1
                continue
            failed += 1
            print(f"FAIL README.md:{line}: $ {cmd}")
            for i, (a, b) in enumerate(zip(want.split("\n"), got.split("\n"))):
                if a != b:
                    print(f"  line {i + 1}: README has {a!r}")
                    print(f"  line {i + 1}: cxstat says {b!r}")
                    break
            else:
                print(f"  README has {len(want.splitlines())} lines, cxstat printed "
                      f"{len(got.splitlines())}")
    print(f"readme: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
