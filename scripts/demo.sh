#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install, build, build the
# default model, and run the main job on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
./scripts/build_model.sh
echo "== unspin lm score data/examples/lm_sentences.txt"
echo "   (tokens, OOV words and log10 probability per sentence; last line: perplexity)"
build/unspin lm score data/examples/lm_sentences.txt
echo "== the same sentences, spun by hand (see data/examples/README.md): lower is less likely"
build/unspin lm score data/examples/lm_sentences_spun.txt
echo "== unspin candidates: the originals a spinner could have replaced by a word"
build/unspin candidates --top 8 stated
build/unspin candidates --top 5 "due to the fact that"
echo "== unspin restore data/examples/news_spun.txt (a story spun by hand; the original is news_original.txt)"
build/unspin restore data/examples/news_spun.txt
