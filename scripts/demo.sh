#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install, build, build the
# default model pack, and run the main job — `unspin check` — on a news story
# the project wrote and spun by hand (data/examples/).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
./scripts/build_model.sh
echo "== unspin check data/examples/news_spun.txt"
build/unspin check data/examples/news_spun.txt
echo
echo "== unspin detect on the original story and on the spun one"
printf 'news_original.txt: '
build/unspin detect data/examples/news_original.txt
printf 'news_spun.txt:     '
build/unspin detect data/examples/news_spun.txt
echo
echo "== unspin candidates: the originals a spinner could have replaced by a word"
build/unspin candidates --top 6 stated
echo
echo "== unspin restore on the story published as a web page: only the words change (diff)"
build/unspin restore data/examples/news_spun.html | diff data/examples/news_spun.html - || true
