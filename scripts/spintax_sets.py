#!/usr/bin/env python3
"""Spintax versions of evaluation pairs, and how well restore reads them
(scripts/eval.sh).

Each pair's spun text with every substitution written back as a spintax group
of the original and the spinner's phrase ("{said|stated}"), in the order
ORDER gives: "first" puts the original first (as spinning tools write their
templates), "last" puts it last (so only the language model can find it).
Reads pairs JSONL ({"id","original","spun","edits"}, from `unspin spin
--json`) and writes {"id","text","groups"} lines, "groups" listing each
group's byte offset in "text" and original phrase as [start, original].

  spintax_sets.py make PAIRS ORDER > SETS
  spintax_sets.py score SETS RESTORED LABEL
"score" prints, for restore's output (--jsonl) on SETS, the share of groups
read as groups (an edit starting at the "{") and the share whose edit writes
the original (case aside).
"""
import json
import sys


def make(path, order):
    if order not in ("first", "last"):
        sys.exit("spintax_sets.py: ORDER must be 'first' or 'last'")
    with open(path, encoding="utf-8") as f:
        for line in f:
            pair = json.loads(line)
            spun = pair["spun"].encode("utf-8")
            out, at, size, groups = [], 0, 0, []
            for e in sorted(pair["edits"], key=lambda e: e["spun_start"]):
                source, replaced = e["from"], e["to"]
                if "|" in source + replaced or "{" in source + replaced or "}" in source + replaced:
                    continue
                group = [source, replaced] if order == "first" else [replaced, source]
                out.append(spun[at:e["spun_start"]])
                size += e["spun_start"] - at
                groups.append([size, source])
                out.append(("{" + "|".join(group) + "}").encode("utf-8"))
                size += len(out[-1])
                at = e["spun_end"]
            out.append(spun[at:])
            text = b"".join(out).decode("utf-8")
            print(json.dumps({"id": pair["id"], "text": text, "groups": groups}))


def score(sets_path, restored_path, label):
    with open(sets_path, encoding="utf-8") as f:
        sets = [json.loads(line) for line in f]
    with open(restored_path, encoding="utf-8") as f:
        restored = [json.loads(line) for line in f]
    groups = read = right = 0
    for s, r in zip(sets, restored):
        written = {e["start"]: e["to"] for e in r["edits"]}
        for start, original in s["groups"]:
            groups += 1
            if start in written:
                read += 1
                right += written[start].lower() == original.lower()
    print("%-34s %d groups: %.1f%% read as groups, %.1f%% written as the original"
          % (label, groups, 100.0 * read / max(groups, 1), 100.0 * right / max(groups, 1)))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
