#!/usr/bin/env python3
"""Writes a source tree like a team's: FILES files of 1 KiB to 200 KiB (most of them small, as in a source or build
tree) in FOLDERS folders up to four levels deep. Seeded, so every run and every server gets the same tree."""
import os
import random
import sys

root, files, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(25)
paths = [""]
while len(paths) < folders:
    parent = rng.choice([p for p in paths if p.count("/") < 4])
    paths.append(f"{parent}/dir{len(paths):03d}")
for path in paths:
    os.makedirs(root + path, exist_ok=True)
for i in range(files):
    # Log-uniform between 1 and 200 KiB: half the files under 14 KiB.
    size = int(1024 * 200 ** rng.random())
    with open(f"{root}{rng.choice(paths)}/file{i:05d}.{rng.choice(['c', 'h', 'cs', 'json', 'txt', 'o'])}", "wb") as out:
        out.write(rng.randbytes(size))
