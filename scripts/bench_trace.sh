#!/usr/bin/env bash
# Trace at scale: generates a synthetic corpus of N documents (default
# 1,000,000; about 500 bytes each: common words a spinner may change, and
# names and numbers it cannot), builds an index, and measures build speed,
# index size and query latency (p50/p99) with build/trace_bench.
#   N=200000 ./scripts/bench_trace.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
OUT=build/bench_trace
./scripts/build.sh
./scripts/build_model.sh
mkdir -p "$OUT"
python3 - "$N" "$OUT" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
common = ("the said company would in on of to a for that market price rose fell shares year "
          "government officials told reporters because many people were trade bank oil").split()
syll = ["ka", "ro", "mi", "zen", "tor", "ql", "ux", "bra", "vo", "lek", "dar", "fi", "gum", "sto"]
def name():
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))).capitalize()
with open(f"{out}/corpus.jsonl", "w") as c, open(f"{out}/queries.jsonl", "w") as q:
    for i in range(n):
        words = []
        for _ in range(80):
            r = rng.random()
            words.append(name() if r < 0.25 else str(rng.randint(1, 99999)) if r < 0.35 else rng.choice(common))
        text = " ".join(words) + "."
        c.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
        if i % max(1, n // 1000) == 0:  # 1,000 queries: copies with common words changed
            spun = " ".join(rng.choice(common) if w in common and rng.random() < 0.6 else w for w in words)
            q.write(json.dumps({"id": f"d{i}", "text": spun + "."}) + "\n")
PY
rm -rf "$OUT/index"
bytes=$(stat -c %s "$OUT/corpus.jsonl")
start=$(date +%s.%N)
build/unspin index build --threads 1 --out "$OUT/index" "$OUT/corpus.jsonl"
end=$(date +%s.%N)
python3 -c "print('index build: %d documents, %.1f MB in %.1f s: %.1f MB/s (one core)' % ($N, $bytes / 1e6, $end - $start, $bytes / 1e6 / ($end - $start)))"
build/unspin index info "$OUT/index"
UNSPIN_BENCH_INDEX="$OUT/index" UNSPIN_BENCH_QUERIES="$OUT/queries.jsonl" build/trace_bench
