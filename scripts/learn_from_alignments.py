#!/usr/bin/env python3
"""Turns the alignments of `unspin spin --jsonl` into a spinner dictionary.

  learn_from_alignments.py PAIRS.jsonl > LEARNED.tsv

Every replaced span gives one "original<TAB>spun<TAB>count" line (counts
summed), the TSV layout `--dict` reads. A stand-in for `unspin learn` (issue 7)
in scripts/eval.sh's learning row.
"""
import collections, json, sys

counts = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    for e in json.loads(line).get("edits", []):
        counts[(e["from"].lower(), e["to"].lower())] += 1
for (frm, to), n in sorted(counts.items()):
    if "\t" not in frm + to and "\n" not in frm + to:
        print(f"{frm}\t{to}\t{n}")
