#!/usr/bin/env python3
"""Clean technical prose from Debian's HTML documentation, as JSONL documents.

  scripts/doc_prose.py [--max-docs N] [--min-words W] DIR... > docs.jsonl

Reads every *.html page under each DIR (sorted, so the output is the same on
every machine with the same packages) and keeps its prose: the text of <p>
paragraphs outside <pre>, <script>, <style>, navigation and footers, whose
words are mostly words (a paragraph where more than a tenth of the tokens
hold code characters such as _ = ( ) { } < > or / is left out, as are
paragraphs under 8 words). A page's paragraphs are cut into documents of
about 150-900 words at paragraph boundaries; each is one line
{"id": "PACKAGE/PAGE#N", "text": ...}. Pages whose prose is under W words
(default 150) give nothing. Used to fit and evaluate the detector on
another genre than news (scripts/fit_detector.sh, scripts/eval.sh).
"""
import html.parser
import json
import os
import re
import sys

SKIP = {"pre", "script", "style", "nav", "footer", "aside", "table", "math", "svg", "head"}
CODE = re.compile(r"[_=(){}<>/\\\[\]|#@$^~`*+]")
WORD = re.compile(r"[A-Za-z]")


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_p = 0
        self.current = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag == "p":
            self.in_p += 1
            self.current = []

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "p" and self.in_p:
            self.in_p -= 1
            if not self.skip:
                self.out.append(" ".join("".join(self.current).split()))
            self.current = []

    def handle_data(self, data):
        if self.in_p and not self.skip:
            self.current.append(data)


def prose(paragraph):
    tokens = paragraph.split()
    if len(tokens) < 8:
        return False
    code = sum(1 for t in tokens if CODE.search(t))
    words = sum(1 for t in tokens if WORD.search(t))
    return code * 10 <= len(tokens) and words * 10 >= len(tokens) * 8


def documents(paragraphs, min_words, max_words=900):
    doc, n = [], 0
    for p in paragraphs:
        words = len(p.split())
        if n and n + words > max_words:
            if n >= min_words:
                yield "\n\n".join(doc)
            doc, n = [], 0
        doc.append(p)
        n += words
    if n >= min_words:
        yield "\n\n".join(doc)


def package_name(root):
    """The package a documentation folder belongs to (.../PACKAGE/html -> PACKAGE)."""
    package = os.path.basename(os.path.normpath(root))
    if package == "html":
        package = os.path.basename(os.path.dirname(os.path.normpath(root)))
    return package


def package_documents(root, min_words):
    """Yields (id, text) for every prose document of the pages under root."""
    if not os.path.isdir(root):
        sys.exit("doc_prose: %s is not a folder (install its package: scripts/setup.sh eval)" % root)
    package = package_name(root)
    pages = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        pages += [os.path.join(folder, f) for f in files if f.endswith(".html")]
    for page in sorted(pages):
        parser = Paragraphs()
        with open(page, encoding="utf-8", errors="replace") as f:
            parser.feed(f.read())
        kept = [p for p in parser.out if prose(p)]
        for n, text in enumerate(documents(kept, min_words)):
            yield "%s/%s#%d" % (package, os.path.relpath(page, root), n), text


def main(argv):
    max_docs, min_words, dirs = None, 150, []
    i = 0
    while i < len(argv):
        if argv[i] == "--max-docs":
            max_docs, i = int(argv[i + 1]), i + 2
        elif argv[i] == "--min-words":
            min_words, i = int(argv[i + 1]), i + 2
        else:
            dirs.append(argv[i])
            i += 1
    if not dirs:
        sys.exit("usage: scripts/doc_prose.py [--max-docs N] [--min-words W] DIR...")
    written = 0
    for root in dirs:
        for name, text in package_documents(root, min_words):
            print(json.dumps({"id": name, "text": text}))
            written += 1
            if max_docs is not None and written >= max_docs:
                return


if __name__ == "__main__":
    main(sys.argv[1:])
