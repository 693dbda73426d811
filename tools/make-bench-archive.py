#!/usr/bin/env python3
"""Builds a benchmark archive: FILES files of ENTRIES entries each, the seed's entries repeated with distinct arXiv IDs.

usage: make-bench-archive.py SEED OUT_DIR [FILES=1000] [ENTRIES=20]
"""
import os, re, sys

seed, out = sys.argv[1], sys.argv[2]
files = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
per_file = int(sys.argv[4]) if len(sys.argv) > 4 else 20
text = open(seed, encoding="utf-8").read()
chunks = re.split(r"(?m)^(?=## )", text)
preamble, entries = (chunks[0], chunks[1:]) if not chunks[0].startswith("## ") else ("", chunks)
entries = [e.rstrip("\n") + "\n" for e in entries]
os.makedirs(out, exist_ok=True)
n = 0
for f in range(files):
    body = []
    for k in range(per_file):
        e = entries[n % len(entries)]
        # A distinct, well-formed new-style identifier per entry: 25MM.NNNNN.
        new_id = f"25{(n // 90000) % 12 + 1:02d}.{n % 90000 + 10000:05d}"
        e = re.sub(r"arxiv\.org/abs/[0-9]{4}\.[0-9]{4,5}(v[0-9]+)?", "arxiv.org/abs/" + new_id, e, count=1)
        body.append(e)
        n += 1
    with open(os.path.join(out, f"{f:04d}.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(preamble + "\n".join(body))
print(f"{files} files, {n} entries in {out}")
