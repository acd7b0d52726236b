#!/usr/bin/env python3
"""Splits documents into sentences and joins them back (scripts/eval.sh's
short-text rows: each sentence restored on its own, as a short input is).

  by_sentence.py split DOCS.jsonl   > SENTENCES.jsonl  ({"id": "ID#k", "text"})
  by_sentence.py join  RESTORED.jsonl > DOCS.jsonl      (sentences in order, one space apart)
  by_sentence.py pieces MIN MAX DOCS.jsonl > PIECES.jsonl (runs of whole sentences of
                 MIN..MAX words, the length chosen per piece by a fixed hash; a last
                 run under MIN words is dropped: short texts as users send them)

A sentence ends at . ! or ? followed by white space and a capital letter.
The joined text differs from the input only in the white space between
sentences, which the scores ignore.
"""
import collections, hashlib, json, re, sys

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


def pieces(low, high, path):
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        k, run, words = 0, [], 0

        def target():
            h = int(hashlib.sha1(f"{doc['id']}#{k}".encode()).hexdigest(), 16)
            return low + h % (high - low + 1)

        want = target()
        for sentence in END.split(doc["text"]):
            run.append(sentence)
            words += len(sentence.split())
            if words >= want:
                print(json.dumps({"id": f"{doc['id']}#{k}", "text": " ".join(run)}))
                k, run, words = k + 1, [], 0
                want = target()
        if words >= low:
            print(json.dumps({"id": f"{doc['id']}#{k}", "text": " ".join(run)}))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "pieces":
        pieces(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] in ("split", "join"):
        (split if sys.argv[1] == "split" else join)(sys.argv[2])
    else:
        sys.exit("usage: by_sentence.py split|join FILE, or pieces MIN MAX FILE")
