#!/usr/bin/env bash
# Measures the bar very short texts must clear to be called spun (README,
# Detect, "Very short texts"): runs of 1-30 words cut from the detector's
# clean training documents (build/fit/clean_train.jsonl, made by
# scripts/fit_detector.sh) are scored by the pack's detector; for 8-30 words
# it fits log10(1 - the 99th percentile of their scores) as A + B * words,
# the constants kShortBarLog10 and kShortBarSlope of src/detect/detector.cc,
# and prints how often the windows clear the model's own threshold. Re-run
# after refitting the detector. Needs ../shared/data (through fit_detector.sh).
#   ./scripts/fit_short_verdict.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=build/fit
[ -f "$WORK/clean_train.jsonl" ] || {
  echo "fit_short_verdict: $WORK/clean_train.jsonl not found: run scripts/fit_detector.sh first" >&2
  exit 1
}
./scripts/build.sh
./scripts/build_model.sh
python3 scripts/word_windows.py "$WORK/clean_train.jsonl" 1,2,3,4,5,6,8,10,12,15,20,25,30 11 \
  >"$WORK/short_windows.jsonl"
build/unspin detect --jsonl "$WORK/short_windows.jsonl" >"$WORK/short_windows_detected.jsonl"
python3 - "$WORK/short_windows_detected.jsonl" data/detector.json <<'PY'
import collections, json, math, sys
scores = collections.defaultdict(list)
for line in open(sys.argv[1]):
    j = json.loads(line)
    scores[int(j["id"].rsplit("#", 1)[1])].append(j["score"])
# The short-text model's threshold (the pack is built with data/detector.json).
model = json.load(open(sys.argv[2]))["short_texts"]["threshold"]
points = []
for k in sorted(scores):
    s = sorted(scores[k])
    q99 = s[min(len(s) - 1, int(0.99 * len(s)))]
    flagged = 100 * sum(x >= model for x in s) / len(s)
    print("%2d words: %d windows, 99th percentile %.4f, %.1f%% at or over the model's threshold %.4f"
          % (k, len(s), q99, flagged, model))
    if 8 <= k <= 30:
        points.append((k, math.log10(max(1 - q99, 1e-9))))
mx = sum(k for k, _ in points) / len(points)
my = sum(y for _, y in points) / len(points)
b = sum((k - mx) * (y - my) for k, y in points) / sum((k - mx) ** 2 for k, _ in points)
print("kShortBarLog10 %.2f  kShortBarSlope %.3f" % (my - b * mx, b))
PY
