#!/usr/bin/env python3
"""Disguises words of JSONL records the way copy-evasion tools do: Latin
letters written as the Cyrillic letters drawn alike ("o" -> "о" U+043E) and
zero-width spaces inside words, in the text fields a record has ("spun",
else "text"). The disguise changes no word a person reads; unspin reads it
through (README, Detect, "Disguised words"). scripts/eval.sh measures trace,
detect and restore on copies so disguised.

  disguise.py WORD_RATE [SEED] < IN.jsonl > OUT.jsonl
    WORD_RATE: share of the words disguised (each of their letters with a
    look-alike becomes it with probability 0.5, at least one); a tenth of
    those also get a zero-width space between two letters. The choices
    depend on SEED and the record's id, so a record is disguised the same
    in any file.
"""
import json
import random
import re
import sys

LOOK_ALIKES = {
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "i": "\u0456", "o": "\u043e", "p": "\u0440",
    "x": "\u0445", "y": "\u0443", "A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415",
    "H": "\u041d", "I": "\u0406", "K": "\u041a", "M": "\u041c", "O": "\u041e", "P": "\u0420",
    "T": "\u0422", "X": "\u0425", "Y": "\u0423",
}
WORD = re.compile(r"[A-Za-z]+")


def disguise(text, rate, rng):
    def one(m):
        word = m.group(0)
        if rng.random() >= rate:
            return word
        slots = [i for i, c in enumerate(word) if c in LOOK_ALIKES]
        chosen = {i for i in slots if rng.random() < 0.5}
        if slots and not chosen:
            chosen = {rng.choice(slots)}
        chars = [LOOK_ALIKES[c] if i in chosen else c for i, c in enumerate(word)]
        if len(word) > 1 and rng.random() < 0.1:
            chars.insert(rng.randrange(1, len(word)), "\u200b")
        return "".join(chars)
    return WORD.sub(one, text)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: disguise.py WORD_RATE [SEED] < IN.jsonl > OUT.jsonl")
    rate = float(sys.argv[1])
    seed = sys.argv[2] if len(sys.argv) == 3 else "1"
    for n, line in enumerate(sys.stdin, 1):
        record = json.loads(line)
        field = "spun" if "spun" in record else "text"
        rng = random.Random("%s/%s" % (seed, record.get("id", n)))
        record[field] = disguise(record[field], rate, rng)
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
