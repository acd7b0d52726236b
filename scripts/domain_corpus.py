#!/usr/bin/env python3
"""Text for the evaluation's domain LM (scripts/eval.sh, README Quality).

    domain_corpus.py CORPUS OUT EXCLUDE.jsonl...

Writes CORPUS's {"id","text"} lines to OUT, leaving out every document whose
id is in an EXCLUDE file (the dev and clean sets) and near copies of those
(Reuters-21578 repeats stories: a document sharing more than a fifth of its
word 5-grams with an excluded one), so that the LM never saw the texts it is
judged on. Prints the counts on stderr.
"""
import json
import os
import re
import sys


def grams(text):
    w = re.findall(r"[a-z0-9']+", text.lower())
    return {' '.join(w[i:i + 5]) for i in range(len(w) - 4)}


def main():
    corpus, out, excluded_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    excluded = set()
    for f in excluded_files:
        with open(f, encoding='utf-8') as lines:
            excluded.update(json.loads(l)['id'] for l in lines if l.strip())
    with open(corpus, encoding='utf-8') as lines:
        docs = [json.loads(l) for l in lines if l.strip()]
    excluded_grams = set()
    for d in docs:
        if d['id'] in excluded:
            excluded_grams |= grams(d['text'])
    kept = near = 0
    with open(out + '.tmp', 'w', encoding='utf-8') as o:
        for d in docs:
            if d['id'] in excluded:
                continue
            g = grams(d['text'])
            if g and len(g & excluded_grams) > 0.2 * len(g):
                near += 1
                continue
            o.write(json.dumps(d) + '\n')
            kept += 1
    os.replace(out + '.tmp', out)
    print(f'domain corpus: {kept} documents kept, {len(excluded)} excluded, {near} near copies left out',
          file=sys.stderr)


if __name__ == '__main__':
    main()
