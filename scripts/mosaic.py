#!/usr/bin/env python3
"""Patchwork copies for trace's evaluation: each record joins the first half
(whole sentences, at least two) of three spun copies drawn from PAIRS, so a
tracer should find three sources, each behind a third of the text.

  mosaic.py PAIRS.jsonl N SEED > MOSAIC.jsonl
    PAIRS: unspin spin --jsonl output ({"id", "spun", ...}); writes N
    {"id", "text", "sources"} records.
"""
import json
import random
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: mosaic.py PAIRS.jsonl N SEED > MOSAIC.jsonl")
    pairs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    rng = random.Random(sys.argv[3])
    for k in range(int(sys.argv[2])):
        picks = rng.sample(pairs, 3)
        parts = []
        for p in picks:
            sentences = p["spun"].split(". ")
            parts.append(". ".join(sentences[: max(2, len(sentences) // 2)]))
        print(json.dumps({"id": "mosaic-%d" % k, "text": "\n\n".join(parts),
                          "sources": [p["id"] for p in picks]}))


if __name__ == "__main__":
    main()
