#!/usr/bin/env python3
"""Builds the evaluation inputs of scripts/eval.sh from ../shared/data.

  make_dev_sets.py SHARED_DATA OUT_DIR N_SPUN N_CLEAN [N_TRAIN [N_CLEAN_TRAIN]]

Writes, as JSONL {"id","text"}:
  reuters_dev.jsonl    N_SPUN Reuters-21578 bodies of >= 150 words (to be spun)
  clean.jsonl          N_CLEAN other such bodies plus the 100 CNN/Daily Mail articles
  reuters_train.jsonl  N_TRAIN further bodies (to be spun) for fitting the detector
  clean_train.jsonl    N_CLEAN_TRAIN further bodies, clean, for fitting the detector
The four sets share no document.
  corpus.jsonl         every Reuters body (unwrapped) and CNN article: the trace index
Documents are chosen by a fixed hash of their id, so every run (and every
machine) evaluates the same sample. Reuters bodies are hard-wrapped: line
breaks inside paragraphs become spaces.
"""
import csv, hashlib, json, re, sys

shared, out, n_spun, n_clean = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
n_train = int(sys.argv[5]) if len(sys.argv) > 5 else 0
n_clean_train = int(sys.argv[6]) if len(sys.argv) > 6 else n_train


def unwrap(body):
    paras = re.split(r"\n\s*\n", body.strip())
    return "\n\n".join(re.sub(r"\s*\n\s*", " ", p).strip() for p in paras if p.strip())


docs = []
corpus = open(f"{out}/corpus.jsonl", "w", encoding="utf-8")
for line in open(f"{shared}/news/reuters21578.jsonl", encoding="utf-8"):
    d = json.loads(line)
    body = d.get("body") or ""
    if body.strip():
        corpus.write(json.dumps({"id": f"reuters-{d['newid']}", "text": unwrap(body)}) + "\n")
    if len(body.split()) >= 150:
        docs.append((hashlib.sha1(str(d["newid"]).encode()).hexdigest(), f"reuters-{d['newid']}", unwrap(body)))
docs.sort()
with open(f"{out}/reuters_dev.jsonl", "w", encoding="utf-8") as f:
    for _, i, t in docs[:n_spun]:
        f.write(json.dumps({"id": i, "text": t}) + "\n")
with open(f"{out}/clean.jsonl", "w", encoding="utf-8") as f:
    for _, i, t in docs[n_spun:n_spun + n_clean]:
        f.write(json.dumps({"id": i, "text": t}) + "\n")
    csv.field_size_limit(1 << 24)
    for row in csv.DictReader(open(f"{shared}/news/cnndm_sample.csv", encoding="utf-8")):
        f.write(json.dumps({"id": f"cnn-{row['id']}", "text": row["article"]}) + "\n")
        corpus.write(json.dumps({"id": f"cnn-{row['id']}", "text": row["article"]}) + "\n")
corpus.close()
start = n_spun + n_clean
for name, part in (("reuters_train", docs[start:start + n_train]),
                   ("clean_train", docs[start + n_train:start + n_train + n_clean_train])):
    with open(f"{out}/{name}.jsonl", "w", encoding="utf-8") as f:
        for _, i, t in part:
            f.write(json.dumps({"id": i, "text": t}) + "\n")
