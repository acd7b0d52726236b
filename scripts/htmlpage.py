#!/usr/bin/env python3
"""Publishes JSONL records as web pages, the form in which stolen copies are
found: a head with a title, scripts and styles, a navigation menu, the story
in paragraphs (<p>, text HTML-escaped), a box of related links and a footer.
Every text field a record has ("original", "spun", "text") becomes a page
of the same template, so the pages of a pair differ only in the story's
words. scripts/eval_html.sh measures detect, restore and trace on such
pages read with and without --html.

  htmlpage.py < IN.jsonl > OUT.jsonl
"""
import html
import json
import re
import sys

HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>World News Today | Business</title>
<link rel="stylesheet" href="/static/site.css">
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date()); gtag('config', 'UA-000000-1');
</script>
<style>
  .story p { line-height: 1.6; margin: 0 0 1em; }
  nav ul li { display: inline; }
</style>
</head>
<body>
<header>
  <nav><ul>
    <li><a href="/">Home</a></li> <li><a href="/world">World</a></li>
    <li><a href="/business">Business</a></li> <li><a href="/markets">Markets</a></li>
    <li><a href="/contact">Contact us</a></li>
  </ul></nav>
</header>
<main>
<article class="story">
<p class="byline">By <a href="/staff">Staff Reporter</a> &middot; <time datetime="2026-12-07">7 December 2026</time></p>
"""

TAIL = """</article>
</main>
<aside class="related">
  <h2>Related stories</h2>
  <ul>
    <li><a href="/markets/1">Stocks close higher as oil prices ease</a></li>
    <li><a href="/world/2">Leaders meet for talks on trade</a></li>
  </ul>
</aside>
<footer>
  <p>&copy; 2026 World News Today Ltd. All rights reserved. <a href="/privacy">Privacy</a> &amp; <a href="/terms">Terms</a></p>
</footer>
<script src="/static/app.js" async></script>
</body>
</html>
"""

# Paragraphs: blank lines, or (Reuters' hard-wrapped bodies) a line break
# before an indented line.
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t]+\S)")


def page(text):
    paragraphs = [p.strip() for p in PARAGRAPH.split(text) if p.strip()]
    body = "".join("<p>%s</p>\n" % html.escape(p, quote=False) for p in paragraphs)
    return HEAD + body + TAIL


for line in sys.stdin:
    record = json.loads(line)
    for field in ("original", "spun", "text"):
        if isinstance(record.get(field), str):
            record[field] = page(record[field])
    print(json.dumps(record, ensure_ascii=False))
