#!/usr/bin/env python3
"""Fits restore's detector gate; see scripts/fit_restore_gate.sh.

  fit_restore_gate.py --clean CLEAN EDITS_CLEAN PAIRS EDITS [PAIRS EDITS ...]

PAIRS: {"id","spun","original"} lines (unspin spin --jsonl); EDITS: unspin
restore --jsonl --explain output for their spun texts (or for CLEAN's texts),
the gate open. An edit is right when it is one of the gold edits of the
reference metric (../shared/tools/score.py: difflib opcodes from the spun to
the original tokens, case and quotes folded), as scripts/eval.sh scores them. Fits
P(right) = sigmoid(a*min(margin, 10) + b*support + c*window_score + d) by
Newton's method, then picks the acceptance probability with the best mean
F0.5 over the spun sets that keeps edits on clean text at or below 0.5 per
1,000 words, and prints it in margin units (RestoreOptions).
"""
import importlib.util, json, math, os, sys

THRESHOLD = 1.0  # RestoreOptions::threshold, the margin the gate is offset from
MAX_CLEAN_EDITS_PER_1000 = 0.5


def reference_metric():
    """The team's reference metric module (../shared/tools/score.py, or $SCORE_PY):
    its toks() and edits() define the gold edits, as scripts/eval.sh scores them."""
    path = os.environ.get("SCORE_PY") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools", "score.py")
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or not os.path.exists(path):
        sys.exit("fit_restore_gate: %s not found (set SCORE_PY to the reference score.py)" % path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORE = reference_metric()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return {j["id"]: j for j in map(json.loads, f)}


def features(edit):
    return [min(edit["margin"], 10.0), edit.get("support", 0.0), edit.get("window_score", 0.0)]


def labelled(pairs_path, edits_path):
    """(rows of (features, right), gold edit count) of one spun set."""
    pairs, restored = read_jsonl(pairs_path), read_jsonl(edits_path)
    rows, gold_count = [], 0
    for doc_id, pair in pairs.items():
        spun = pair["spun"]
        raw = spun.encode("utf-8")
        spun_tokens = SCORE.toks(spun)
        gold = SCORE.edits(spun_tokens, SCORE.toks(pair["original"]))
        gold_count += len(gold)
        for e in restored[doc_id]["edits"]:
            start = len(raw[: e["start"]].decode("utf-8", "ignore"))
            end = len(raw[: e["end"]].decode("utf-8", "ignore"))
            inside = [k for k, t in enumerate(spun_tokens) if t[1] < end and start < t[2]]
            to = tuple(t[0] for t in SCORE.toks(e["to"]))
            right = bool(inside) and (inside[0], inside[-1] + 1, to) in gold
            rows.append((features(e), 1.0 if right else 0.0))
    return rows, gold_count


def fit_logistic(rows, l2=1e-3, iterations=50):
    """Newton's method; returns weights (features..., bias)."""
    k = len(rows[0][0]) + 1
    w = [0.0] * k
    for _ in range(iterations):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in rows:
            v = x + [1.0]
            z = sum(wi * vi for wi, vi in zip(w, v))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(k):
                grad[i] += (p - y) * v[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * v[i] * v[j]
        for i in range(k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def solve(a, b):
    """Gaussian elimination with partial pivoting (a small dense system)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def main(argv):
    if len(argv) < 5 or argv[0] != "--clean" or (len(argv) - 3) % 2:
        sys.exit("usage: fit_restore_gate.py --clean CLEAN EDITS_CLEAN PAIRS EDITS [PAIRS EDITS ...]")
    clean, clean_edits = read_jsonl(argv[1]), read_jsonl(argv[2])
    clean_words = sum(len(d["text"].split()) for d in clean.values())
    clean_rows = [(features(e), 0.0) for d in clean_edits.values() for e in d["edits"]]
    sets = {}
    for pairs_path, edits_path in zip(argv[3::2], argv[4::2]):
        sets[pairs_path] = labelled(pairs_path, edits_path)
    rows = clean_rows + [r for set_rows, _ in sets.values() for r in set_rows]
    w = fit_logistic(rows)
    score = lambda x: 1.0 / (1.0 + math.exp(-(sum(a * b for a, b in zip(w, x)) + w[-1])))

    def evaluate(t):
        fs = []
        for set_rows, gold in sets.values():
            kept = [y for x, y in set_rows if score(x) >= t]
            p = sum(kept) / len(kept) if kept else 1.0
            r = sum(kept) / gold if gold else 1.0
            fs.append((p, r, 1.25 * p * r / (0.25 * p + r) if p + r else 0.0))
        clean_rate = 1000.0 * sum(score(x) >= t for x, _ in clean_rows) / max(1, clean_words)
        return fs, clean_rate

    best = None
    for step in range(5, 80):
        t = step / 100
        fs, clean_rate = evaluate(t)
        mean_f = sum(f for _, _, f in fs) / len(fs)
        if clean_rate <= MAX_CLEAN_EDITS_PER_1000 and (best is None or mean_f > best[1]):
            best = (t, mean_f)
    if best is None:
        sys.exit("fit_restore_gate: no acceptance probability keeps clean text under the limit")
    t = best[0]
    a, b, c, d = w
    print(f"logistic: {a:.4f} * margin + {b:.4f} * support + {c:.4f} * score + {d:.4f}; "
          f"{len(rows)} edits, {sum(y for _, y in rows):.0f} right")
    fs, clean_rate = evaluate(t)
    for (path, _), (p, r, f) in zip(sets.items(), fs):
        print(f"  {path}: P {p:.3f} R {r:.3f} F0.5 {f:.3f}")
    print(f"  clean: {clean_rate:.2f} edits per 1,000 words")
    logit = math.log(t / (1 - t))
    print(f"accept at P(right) >= {t:.2f}; in margin units (RestoreOptions):")
    print(f"gate_offset = {(logit - d) / a - THRESHOLD:.2f}")
    print(f"support_weight = {b / a:.2f}")
    print(f"score_weight = {c / a:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
