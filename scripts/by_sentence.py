#!/usr/bin/env python3
"""Splits documents into sentences and joins them back (scripts/eval.sh's
short-text rows: each sentence restored on its own, as a short input is).

  by_sentence.py split DOCS.jsonl   > SENTENCES.jsonl  ({"id": "ID#k", "text"})
  by_sentence.py join  RESTORED.jsonl > DOCS.jsonl      (sentences in order, one space apart)

A sentence ends at . ! or ? followed by white space and a capital letter.
The joined text differs from the input only in the white space between
sentences, which the scores ignore.
"""
import collections, json, re, sys

END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def split(path):
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        for k, sentence in enumerate(END.split(doc["text"])):
            print(json.dumps({"id": f"{doc['id']}#{k}", "text": sentence}))


def join(path):
    docs = collections.OrderedDict()
    for line in open(path, encoding="utf-8"):
        piece = json.loads(line)
        doc_id, k = piece["id"].rsplit("#", 1)
        docs.setdefault(doc_id, []).append((int(k), piece["text"]))
    for doc_id, pieces in docs.items():
        print(json.dumps({"id": doc_id, "text": " ".join(t for _, t in sorted(pieces))}))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("split", "join"):
        sys.exit("usage: by_sentence.py split|join FILE")
    (split if sys.argv[1] == "split" else join)(sys.argv[2])
