#!/usr/bin/env python3
"""One row of the eval tables for copies in another form (disguised, web
pages): LABEL, trace recall@1 (as given), the share of documents detect
called spun, and restore's F0.5 and WER reduction from `unspin eval restore
--json` on standard input.

  unspin eval restore ... --json | eval_row.py DETECTED.jsonl LABEL RECALL WIDTH
"""
import json
import sys

detected, label, recall, width = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
r = json.load(sys.stdin)
rows = [json.loads(line) for line in open(detected, encoding="utf-8")]
flagged = sum(bool(d["spun"]) for d in rows) / max(1, len(rows))
print("%-*s %9s %9.3f %8.3f %8.3f" % (width, label, recall, flagged, r["f05"], r["wer_reduction"]))
