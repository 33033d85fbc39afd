#!/usr/bin/env python3
"""Lists the functions in src/ longer than a limit (80 lines by default), longest first.

A function a reader can hold fits on a screen; one past 80 lines usually mixes concepts
(docs/ARCHITECTURE.md, STYLE). Test modules (`#[cfg(test)] mod ...`) are skipped. It
reads rustfmt-formatted code: a function ends at the first line that is its own
indentation followed by `}`.

    scripts/long-functions.py [LIMIT]
"""

import os
import re
import sys

FN = re.compile(r"^(\s*)(?:pub(?:\([a-z ]+\))? )?(?:const )?(?:async )?(?:unsafe )?fn (\w+)")


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        if line.strip() == "#[cfg(test)]" and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("mod "):
            return
        m = FN.match(line)
        if not m:
            continue
        indent, name = m.group(1), m.group(2)
        end = i
        while end < len(lines) and lines[end] != indent + "}":
            if end == i and line.rstrip().endswith(";"):
                break
            end += 1
        yield name, i + 1, end - i + 1


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".rs"):
                p = os.path.join(d, f)
                for name, line, length in functions(p):
                    if length > limit:
                        found.append((length, os.path.relpath(p, os.path.join(root, "..")), line, name))
    for length, p, line, name in sorted(found, key=lambda x: (-x[0], x[1])):
        print(f"{length:4}  {p}:{line}  {name}")
    print(f"{len(found)} functions over {limit} lines", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
