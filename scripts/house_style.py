#!/usr/bin/env python3
"""Rewrites Reuters-21578's house abbreviations the way news writes them today
("pct" -> "percent", "mln" -> "million", "bln" -> "billion", "dlrs" ->
"dollars", "cts" -> "cents", "stg" -> "sterling") in the text fields of JSONL
records ("text", "original", "spun").

Why: a detector fitted on 1987 wire copy alone learns its house style. The
secondary dev spinner turns "pct" into "percent", so every "percent" it saw
was a replaced word, and clean text written today, full of "percent" and
"million", looked spun (README, Detect, "Today's style"). The detector's
training recipe (scripts/train_detector.sh) rewrites every other record, so
that both spellings are ordinary; scripts/eval.sh rewrites its dev sets to
show how detection reads text in today's style.

  house_style.py all|half FILE.jsonl > OUT.jsonl
    all:  every record; half: records 2, 4, 6, ... (1-based), in order.
"""
import json
import re
import sys

REWRITES = [
    (re.compile(r"\b" + short + r"\b"), long)
    for abbreviation, word in [
        ("pct", "percent"),
        ("mln", "million"),
        ("bln", "billion"),
        ("dlrs", "dollars"),
        ("dlr", "dollar"),
        ("cts", "cents"),
        ("stg", "sterling"),
    ]
    for short, long in [(abbreviation, word), (abbreviation.capitalize(), word.capitalize())]
]


def today(text):
    for pattern, word in REWRITES:
        text = pattern.sub(word, text)
    return text


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("all", "half"):
        sys.exit("usage: house_style.py all|half FILE.jsonl > OUT.jsonl")
    every = sys.argv[1] == "all"
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f):
            record = json.loads(line)
            if every or n % 2 == 1:
                for key in ("text", "original", "spun"):
                    if isinstance(record.get(key), str):
                        record[key] = today(record[key])
            print(json.dumps(record))


if __name__ == "__main__":
    main()
