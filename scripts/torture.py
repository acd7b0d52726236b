#!/usr/bin/env python3
"""Writes tortured copies of documents: every occurrence of a list's expected
phrase (case-insensitive, whole words) replaced by its tortured phrase, as
the paper mills' tools leave them ("random forest" -> "irregular woodland").

  torture.py LIST.tsv DOCS.jsonl > PAIRS.jsonl

LIST: tortured<TAB>expected lines (../shared/data/tortured_dev.tsv; an
expected phrase with alternatives "a / b" counts each); of several tortured
phrases for one expected phrase the first listed is used. DOCS: {"id","text"}
lines. Writes {"id","spun","original"} lines (unspin spin --jsonl's pairs,
which `unspin eval detect` and `eval restore` read) for the documents with
at least one replacement, and prints how many to standard error. Longer
expected phrases are replaced first; an occurrence keeps its first letter's
case. Used by scripts/eval.sh's `tortured, in context` rows.
"""
import json
import re
import sys


def read_list(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or (n == 0 and parts[0] in ("tortured", "spun", "observed")):
                continue
            tortured = parts[0].strip()
            for expected in parts[1].split(" / "):
                expected = expected.strip().lower()
                # Single words are too often other senses ("aromaticity"); the
                # tools' tell is the phrase.
                if " " in expected and tortured and expected not in table:
                    table[expected] = tortured
    return table


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: scripts/torture.py LIST.tsv DOCS.jsonl > PAIRS.jsonl")
    table = read_list(argv[0])
    phrases = sorted(table, key=lambda p: (-len(p), p))
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)

    def replace(match):
        tortured = table[match.group(0).lower()]
        if match.group(0)[0].isupper():
            tortured = tortured[0].upper() + tortured[1:]
        return tortured

    written = total = 0
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            spun, n = pattern.subn(replace, doc["text"])
            if n:
                print(json.dumps({"id": doc["id"], "spun": spun, "original": doc["text"]}))
                written += 1
                total += n
    print("torture: %d documents, %d phrases replaced" % (written, total), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
