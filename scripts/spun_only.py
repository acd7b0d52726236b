#!/usr/bin/env python3
"""The spun texts of evaluation pairs as the input restore, detect and trace read.

  spun_only.py PAIRS.jsonl > SPUN.jsonl

PAIRS: {"id","spun","original",...} lines (unspin spin --jsonl); writes
{"id","text"} lines, the spun text as text, in the same order.
"""
import json, sys

if len(sys.argv) != 2:
    sys.exit("usage: spun_only.py PAIRS.jsonl")
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        pair = json.loads(line)
        print(json.dumps({"id": pair["id"], "text": pair["spun"]}))
