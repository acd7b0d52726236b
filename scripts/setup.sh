#!/usr/bin/env bash
# Installs every build, test and model dependency from Debian's packages.
# Idempotent: quiet when everything is already there. Needs root (or sudo).
#   scripts/setup.sh        what building, testing and the default model need
#   scripts/setup.sh eval   also the documentation packages whose prose fits
#                           and evaluates the detector on another genre than
#                           news (scripts/make_genre_sets.py; 150 MB)
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libcli11-dev nlohmann-json3-dev libsimdjson-dev libxgboost-dev libxxhash-dev libzstd-dev zlib1g-dev libutf8proc-dev libgumbo-dev
  libcpp-httplib-dev
  help2man
  libgtest-dev libgmock-dev libbenchmark-dev
  pocketsphinx-en-us mythes-en-us wordnet-base
  zstd python3
  # evaluation and fitting only: a third spinner family (scripts/aiksaurus_dict.py)
  libaiksaurus-1.2-data libaiksaurus-1.2-0c2a
)
if [ "${1:-}" = eval ]; then
  PACKAGES+=(python-sklearn-doc python-statsmodels-doc python-scipy-doc octave-doc r-doc-html python3-doc)
elif [ $# -gt 0 ]; then
  echo "setup: unknown argument '$1' (scripts/setup.sh [eval])" >&2
  exit 2
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
