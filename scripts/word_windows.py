#!/usr/bin/env python3
"""Very short texts for the detector: from each {"id","text"} line of IN, one
run of K consecutive whitespace-separated words per length K (at a seeded
random place), as {"id": "<id>#<K>", "text"} lines.

  word_windows.py IN 1,3,5,8,12,20,30 SEED > windows.jsonl

Read by scripts/eval.sh (the `very short texts` rows; `detect train` cuts
its own runs, VeryShortBar)."""
import json
import random
import sys


def main():
    path, lengths, seed = sys.argv[1], [int(k) for k in sys.argv[2].split(",")], int(sys.argv[3])
    rng = random.Random(seed)
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            words = doc["text"].split()
            for k in lengths:
                if len(words) < k:
                    continue
                at = rng.randint(0, len(words) - k)
                print(json.dumps({"id": "%s#%d" % (doc["id"], k), "text": " ".join(words[at:at + k])}))


if __name__ == "__main__":
    main()
