#!/usr/bin/env python3
"""Builds the technical-prose sets that fit and evaluate the detector on a
genre other than news, from Debian's documentation packages (installed by
`scripts/setup.sh eval`; scripts/doc_prose.py reads their pages).

  make_genre_sets.py OUT_DIR [DOC_ROOT]

DOC_ROOT (default /usr/share/doc) holds the packages. Writes, as JSONL
{"id","text"}, chosen by a fixed hash of their id:
  genre_train.jsonl        300 scikit-learn and statsmodels documents (to be spun)
  genre_clean_train.jsonl  600 other such documents, clean
  genre_dev.jsonl          200 other such documents (evaluation, clean and spun)
  genre_other.jsonl        200 SciPy documents, a package no fit reads
                           (evaluation, clean)
  genre_more.jsonl         150 documents each of the Octave, R and Python
                           manuals, which no fit reads either (evaluation, clean)
The five sets share no document.
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_prose  # noqa: E402

FIT_PACKAGES = ("python-sklearn-doc", "python-statsmodels-doc")
OTHER_PACKAGES = ("python-scipy-doc",)
# More manuals for evaluation only: (package folder under DOC_ROOT or an
# absolute folder, documents taken).
MORE_MANUALS = (("octave", 150), ("/usr/share/R/doc/manual", 150), ("python3.11-doc/html", 150))


def read_folder(folder):
    docs = [(hashlib.sha1(name.encode()).hexdigest(), name, text)
            for name, text in doc_prose.package_documents(folder, 150)]
    docs.sort()
    return docs


def read(root, packages):
    docs = []
    for package in packages:
        docs += read_folder(os.path.join(root, package, "html"))
    docs.sort()
    return docs


def write(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for _, name, text in docs:
            f.write(json.dumps({"id": name, "text": text}) + "\n")


def main(argv):
    if len(argv) not in (1, 2):
        sys.exit("usage: scripts/make_genre_sets.py OUT_DIR [DOC_ROOT]")
    out, root = argv[0], argv[1] if len(argv) > 1 else "/usr/share/doc"
    fit = read(root, FIT_PACKAGES)
    other = read(root, OTHER_PACKAGES)
    if len(fit) < 1100 or len(other) < 200:
        sys.exit("make_genre_sets: too few documents under %s (%d, %d): install the packages with "
                 "scripts/setup.sh eval" % (root, len(fit), len(other)))
    write(os.path.join(out, "genre_train.jsonl"), fit[:300])
    write(os.path.join(out, "genre_clean_train.jsonl"), fit[300:900])
    write(os.path.join(out, "genre_dev.jsonl"), fit[900:1100])
    write(os.path.join(out, "genre_other.jsonl"), other[:200])
    more = []
    for folder, n in MORE_MANUALS:
        docs = read_folder(os.path.join(root, folder))
        if len(docs) < n:
            sys.exit("make_genre_sets: %d documents under %s, %d needed: install the manuals with "
                     "scripts/setup.sh eval" % (len(docs), os.path.join(root, folder), n))
        more += docs[:n]
    write(os.path.join(out, "genre_more.jsonl"), more)


if __name__ == "__main__":
    main(sys.argv[1:])
