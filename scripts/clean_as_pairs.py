#!/usr/bin/env python3
"""Clean documents as pairs whose original is the text itself (no gold
edit), for the eval rows that read clean text in another form.

  clean_as_pairs.py < clean.jsonl > pairs.jsonl
"""
import json
import sys

for line in sys.stdin:
    j = json.loads(line)
    print(json.dumps({"id": j["id"], "original": j["text"], "spun": j["text"]}))
