#include "unspin/detector.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>

#include "base/line_reader.h"
#include "decode/sentence_decoder.h"
#include "decode/spintax_choice.h"
#include "detect/detect_decoded.h"
#include "lexicon/fingerprints.h"
#include "lexicon/lexicon_impl.h"
#include "lexicon/lexicon_types.h"
#include "lm/lm_spelling.h"
#include "lm/word_counts.h"
#include "text/disguise.h"
#include "text/number_words.h"

namespace unspin {

namespace {

// A single-word candidate original the LM knows.
struct Alternative {
  float unigram;  // log10
  WordId word;
  float channel;  // log10 P(observed | this original)
  // Whether it holds the word's quantity ("eleven" for "11", not "hundred"
  // for "million"): only such a candidate is offered as a suggestion, as
  // restore offers only those (number_words.h). The evidence reads them all,
  // as the word model was fitted to.
  bool same_quantity;
  bool operator>(const Alternative& o) const {
    return unigram != o.unigram ? unigram > o.unigram : word > o.word;
  }
};
// What the detector knows about a word type: how much more frequent (unigram
// log10) its most frequent single-word candidate original is, how many
// candidates it has, and the single-word candidates the LM knows, most
// frequent first, at most kAlternatives.
struct TypeInfo {
  float gap = 0;  // 0 when no candidate is more frequent
  uint32_t candidates = 0;
  std::vector<Alternative> alternatives;
};
constexpr size_t kAlternatives = 24;
// With decoder evidence the word model reads the 12 most frequent (in [12],
// [13] and [22], as it was fitted on before session 18).
constexpr size_t kDecoderEvidenceAlternatives = 12;
constexpr double kUnknownLog10 = -7.0;  // an unknown word's cost, as the decoder's
constexpr double kNoAlternative = -8.0;

// What the detector reads of the decoder's channel: the log10 cost of
// keeping a word (log10(1 - replace_rate)) and how much a rarer original is
// favoured (DecoderOptions::rarity_weight).
struct LocalChannel {
  double keep = 0;
  double rarity_weight = 0;
};

// Candidates carried through a word's window past its first word: the best
// this many by LM score and by LM score plus channel. The others keep only
// their first word's score and cannot win: a later word only lowers a
// window's score, and theirs start lower.
constexpr size_t kWindowAlternatives = 4;

// Per-word evidence from each word's single-word candidate originals scored
// by the LM over a window of the word and the (up to) two words after it, as
// a decoder would without searching the whole sentence: [12] the best
// candidate's window score minus the observed words', [13] that candidate's
// unigram gap, and [0] the local margin: the best candidate's window score
// plus channel (with the rarity term) over the observed words' score plus
// their keep cost (0 when none is better; at most 6). Spinners replace
// neighbours too, so the words around a word are read as restored: the LM
// state before a word follows the candidates of the two words before it
// that have a positive margin, and a second pass rescores the words whose
// window holds such a candidate with it in place. best_word[i] receives,
// among the candidates that fit the window better than the word, the best by
// window score plus channel (the suggestion; kNoWord if none). `before[i]`:
// the LM state before word i on the observed words; `single[i]`: its LM
// word, kNoWord when it has none or several. With `channel` null (decoder
// evidence: the decoder's edits give [0]) only [12] and [13] are set, from
// the kDecoderEvidenceAlternatives most frequent candidates, each window on
// the observed words.
void LocalAlternatives(const LanguageModel& lm, const LocalChannel* channel,
                       const std::vector<LmState>& before, const std::vector<WordId>& single,
                       const std::vector<const TypeInfo*>& info, WordEvidence* ev,
                       WordId* best_word) {
  const size_t n = single.size();
  // Per word: its best candidate when that has a positive margin, else kNoWord.
  thread_local std::vector<WordId> restored;
  restored.assign(n, kNoWord);
  auto word_at = [&](size_t j) { return restored[j] != kNoWord ? restored[j] : single[j]; };
  thread_local std::vector<WordId> firsts;
  thread_local std::vector<LmScore> scores;
  thread_local std::vector<LmState> states;
  thread_local std::vector<double> totals;
  thread_local std::vector<uint32_t> live;      // slots carried through the window
  thread_local std::vector<uint8_t> in_window;  // per slot: whether it is in `live`
  thread_local std::vector<LmState> live_states;
  thread_local std::vector<LmScore> live_scores;
  thread_local std::vector<std::pair<double, uint32_t>> by_lm, by_both;
  const bool local = channel != nullptr;
  for (int pass = 0; pass < (local ? 2 : 1); ++pass) {
    for (size_t i = 0; i < n; ++i) {
      WordEvidence& e = ev[i];
      if (pass == 0) {
        e.values[12] = kNoAlternative;
        best_word[i] = kNoWord;
      }
      if (single[i] == kNoWord || info[i] == nullptr || info[i]->alternatives.empty()) continue;
      size_t end = i + 1;
      while (end < n && end < i + 3 && single[end] != kNoWord) ++end;
      bool restored_after = false;
      for (size_t j = i + 1; j < end; ++j) restored_after |= restored[j] != kNoWord;
      if (pass == 1 && !restored_after) continue;  // the first pass read this window as it is
      // The state before the word: the observed one, or past the two words
      // before as restored (a trigram model reads two).
      LmState ctx = before[i];
      const bool restored_before =
          (i >= 1 && restored[i - 1] != kNoWord) || (i >= 2 && restored[i - 2] != kNoWord);
      if (restored_before && single[i - 1] != kNoWord) {
        const size_t from = i >= 2 && single[i - 2] != kNoWord ? i - 2 : i - 1;
        LmState next;
        ctx = before[from];
        for (size_t j = from; j < i; ++j) {
          lm.Score(ctx, word_at(j), &next);
          ctx = next;
        }
      }
      const std::span<const Alternative> alts(
          info[i]->alternatives.data(),
          local ? info[i]->alternatives.size()
                : std::min(info[i]->alternatives.size(), kDecoderEvidenceAlternatives));
      firsts.assign(1, single[i]);
      for (const Alternative& a : alts) firsts.push_back(a.word);
      scores.resize(firsts.size());
      states.resize(firsts.size());
      lm.ScoreEach(ctx, firsts, scores.data(), states.data());
      totals.resize(firsts.size());
      for (size_t k = 0; k < firsts.size(); ++k) totals[k] = scores[k].log10_prob;
      if (end > i + 1 && (!local || alts.size() <= 2 * kWindowAlternatives)) {
        // Every candidate goes on through the window with the observed word
        // (slot 0), all together (their lookups overlap).
        for (size_t j = i + 1; j < end; ++j) {
          lm.ScoreAfterEach(states, pass == 1 ? word_at(j) : single[j], scores.data());
          for (size_t k = 0; k < firsts.size(); ++k) totals[k] += scores[k].log10_prob;
        }
      } else if (end > i + 1) {
        // Only the best candidates go on; the others stay out of the running.
        by_lm.clear();
        by_both.clear();
        for (uint32_t k = 1; k < firsts.size(); ++k) {
          by_lm.push_back({totals[k], k});
          by_both.push_back({totals[k] + alts[k - 1].channel, k});
        }
        std::partial_sort(by_lm.begin(), by_lm.begin() + kWindowAlternatives, by_lm.end(),
                          std::greater<>());
        std::partial_sort(by_both.begin(), by_both.begin() + kWindowAlternatives, by_both.end(),
                          std::greater<>());
        in_window.assign(firsts.size(), 0);
        live.assign(1, 0);
        in_window[0] = 1;
        for (const auto* best : {&by_lm, &by_both}) {
          for (size_t q = 0; q < kWindowAlternatives; ++q) {
            const uint32_t k = (*best)[q].second;
            if (!in_window[k]) live.push_back(k);
            in_window[k] = 1;
          }
        }
        for (size_t k = 1; k < totals.size(); ++k) {
          if (!in_window[k]) totals[k] = -1e30;
        }
        live_states.clear();
        for (uint32_t k : live) live_states.push_back(states[k]);
        live_scores.resize(live.size());
        for (size_t j = i + 1; j < end; ++j) {
          lm.ScoreAfterEach(live_states, pass == 1 ? word_at(j) : single[j], live_scores.data());
          for (size_t q = 0; q < live.size(); ++q) totals[live[q]] += live_scores[q].log10_prob;
        }
      }
      const double observed = totals[0];
      double best = -1e30, best_unigram = 0, best_suggestion = -1e30, margin = 0;
      best_word[i] = kNoWord;
      restored[i] = kNoWord;
      for (size_t k = 0; k < alts.size(); ++k) {
        const Alternative& a = alts[k];
        const double w = totals[k + 1];
        if (w > best) {
          best = w;
          best_unigram = a.unigram;
        }
        // The LM must prefer it here.
        if (a.same_quantity && w > observed && w + a.channel > best_suggestion) {
          best_suggestion = w + a.channel;
          best_word[i] = a.word;
        }
        if (!local) continue;
        const double m = w + a.channel + channel->rarity_weight * (a.unigram - e.values[3]) -
                         observed - channel->keep;
        if (m > margin) {
          margin = m;
          restored[i] = a.word;
        }
      }
      if (local) e.values[0] = std::min(margin, 6.0);
      e.values[12] = std::clamp(best - observed, kNoAlternative, -kNoAlternative);
      e.values[13] = best_unigram - e.values[3];
    }
  }
}

// Words disguised with look-alike letters or hidden characters that make a
// text's verdict spun: one can be a slip of a keyboard layout or a copied
// name, several are a tool's work.
constexpr size_t kDecisiveDisguises = 3;

// The sentence's disguised words (DisguisedWords): a "disguise" span each,
// suggesting the word undisguised, where no span from `first` on (the
// sentence's) covers it. Returns how many words are disguised.
size_t DisguiseSpans(const Sentence& s, const std::vector<const Token*>& words, size_t first,
                     std::vector<DetectSpan>* spans) {
  thread_local std::vector<size_t> disguised;
  DisguisedWords(words, &disguised);
  const size_t end = spans->size();
  for (size_t i : disguised) {
    const Token& t = *words[i];
    bool covered = false;
    for (size_t k = first; k < end && !covered; ++k) {
      covered = (*spans)[k].start < t.end() && t.begin < (*spans)[k].end;
    }
    if (covered) continue;
    DetectSpan& span = spans->emplace_back();
    span.start = t.begin;
    span.end = t.end();
    span.text = s.text.substr(t.begin - s.begin, t.size);
    span.suggestion = Undisguise(span.text);
    span.confidence = 1.0;
    span.reason = "disguise";
  }
  return disguised.size();
}

// Whether bytes [start, end) overlap one of `spans`.
bool OverlapsAny(const std::vector<DetectSpan>& spans, uint64_t start, uint64_t end) {
  for (const DetectSpan& f : spans) {
    if (f.start < end && start < f.end) return true;
  }
  return false;
}

// Spans from the decoder's edits of at least `min_margin` (without a word
// model), skipping those that overlap a sure span (spintax, fingerprint).
void DecoderSpans(const Sentence& s, const DecodedSentence& ds, double min_margin,
                  const std::vector<DetectSpan>& sure, std::vector<DetectSpan>* out) {
  for (const DecodedEdit& d : ds.edits) {
    if (d.margin < min_margin) continue;
    const Token* first = ds.words[d.begin];
    const Token* last = ds.words[d.end - 1];
    DetectSpan span;
    span.start = first->begin;
    span.end = last->end();
    if (OverlapsAny(sure, span.start, span.end)) continue;
    span.text = s.text.substr(span.start - s.begin, span.end - span.start);
    span.suggestion = ReplacementCase(d.text, ds.words, d.begin, d.end);
    span.confidence = 1.0 / (1.0 + std::pow(10.0, -d.margin));
    span.reason = "decoder";
    out->push_back(std::move(span));
  }
}

// Spans from the word model: runs of adjacent words (no punctuation between)
// whose P(replaced) reaches `threshold`. The suggestion takes the original of
// each decoder edit inside the span, else a marked word's best local
// candidate, else the observed word; the reason is "decoder" when an edit is
// inside, else "context". `word_of[token]`: index into `ev` (and
// `best_word`) or -1. Spans overlapping a sure span (spintax, fingerprint)
// are skipped.
void WordSpans(const Sentence& s, const LanguageModel& lm, const DecodedSentence& ds,
               const std::vector<int>& word_of, const WordEvidence* ev, const WordId* best_word,
               double threshold, const std::vector<DetectSpan>& sure,
               std::vector<DetectSpan>* out) {
  const size_t n = ds.words.size();
  auto marked = [&](size_t t) {
    return word_of[t] >= 0 && ev[word_of[t]].probability >= threshold;
  };
  // The words' normalised forms, and which may be read as a number (not
  // those that name: NamedNumberWords), made when a span first needs them.
  std::vector<std::string_view> norm_words;
  std::vector<bool> counting;
  auto norms = [&]() -> std::span<const std::string_view> {
    if (norm_words.empty()) {
      for (const Token* w : ds.words) norm_words.push_back(w->norm);
      counting = NamedNumberWords(ds.words);
      counting.flip();
    }
    return norm_words;
  };
  // The edit covering token t, or null.
  auto edit_at = [&](size_t t) -> const DecodedEdit* {
    for (const DecodedEdit& d : ds.edits) {
      if (d.begin <= t && t < d.end) return &d;
    }
    return nullptr;
  };
  for (size_t t = 0; t < n;) {
    if (!marked(t)) {
      ++t;
      continue;
    }
    const size_t begin = t;
    size_t end = t + 1;
    while (end < n && marked(end)) ++end;
    t = end;
    DetectSpan span;
    span.start = ds.words[begin]->begin;
    span.end = ds.words[end - 1]->end();
    if (OverlapsAny(sure, span.start, span.end)) continue;
    std::string suggestion, digits;
    bool from_decoder = false;
    double confidence = 0;
    for (size_t k = begin; k < end;) {
      if (word_of[k] >= 0) confidence = std::max(confidence, ev[word_of[k]].probability);
      std::string_view piece = ds.words[k]->norm;
      size_t next = k + 1;
      const DecodedEdit* d = edit_at(k);
      if (d != nullptr && d->begin == k && d->end <= end) {  // an edit inside the span
        piece = d->text;
        next = d->end;
        from_decoder = true;
        for (size_t j = k + 1; j < d->end; ++j) {
          if (word_of[j] >= 0) confidence = std::max(confidence, ev[word_of[j]].probability);
        }
      } else if (const std::optional<SpelledNumber> number = SpelledNumberAt(norms(), k, &counting);
                 number.has_value() && number->value >= 10 && k + number->length <= end) {
        // A number spelled out, suggested in digits as restore writes it.
        digits = std::to_string(number->value);
        piece = digits;
        next = k + number->length;
        for (size_t j = k + 1; j < next; ++j) {
          if (word_of[j] >= 0) confidence = std::max(confidence, ev[word_of[j]].probability);
        }
      } else if (marked(k) && best_word[word_of[k]] != kNoWord) {
        piece = lm.Word(best_word[word_of[k]]);
      }
      if (!piece.empty()) {
        if (!suggestion.empty()) suggestion += ' ';
        suggestion += piece;
      }
      k = next;
    }
    span.text = s.text.substr(span.start - s.begin, span.end - span.start);
    span.suggestion = ReplacementCase(suggestion, ds.words, begin, end);
    // No better wording found: an empty suggestion rather than the span itself.
    if (NormalizePhrase(span.suggestion) == NormalizePhrase(span.text)) span.suggestion.clear();
    span.confidence = confidence;
    span.reason = from_decoder ? "decoder" : "context";
    out->push_back(std::move(span));
  }
}

// Text judged clean shows a word-model span only at this P(replaced) or above,
// unless its score is borderline (kBorderlineScore, detector.h): short texts,
// whose threshold is high, keep their spans there (README, Detect, "Short
// texts").
constexpr double kCleanTextSpanProbability = 0.9;

}  // namespace

struct Detector::Impl {
  Impl(const Model& m, const DetectOptions& o)
      : model(m),
        options(o),
        lm(o.pack_lm ? m.lm() : m.detector_lm()),
        decoder(lm, m.lexicon(), DetectorDecoding()),
        serial(++serials) {}
  // The decoder runs only where its edits are the evidence (DecodedEvidence).
  // It keeps every edit: each margin is per-word evidence (spans filter by
  // span_margin, document features by their own cut-offs). It searches
  // narrower than restore's: the detector needs each word's margin,
  // not the best wording. 2 states of 8 and 16 candidates per span gave the
  // same AUC and token F1 as 4 of 16 and 24 (within a refit's noise) with 25%
  // fewer instructions (README, Detect).
  static DecoderOptions DetectorDecoding() {
    DecoderOptions d;
    d.threshold = 0;
    d.beam = 2;
    d.lookahead_pool = 4;
    d.max_candidates_per_span = 16;
    return d;
  }
  // Whether the decoder's edits are the evidence (DetectOptions::evidence,
  // else the parameters').
  bool DecodedEvidence() const {
    if (options.evidence != Evidence::kAuto) return options.evidence == Evidence::kDecoder;
    return params.words.empty() || params.evidence == Evidence::kDecoder;
  }
  const Model& model;
  DetectOptions options;
  // The LM its evidence is read with: the one it was fitted with
  // (Model::detector_lm) unless options.pack_lm.
  const LanguageModel& lm;
  Decoder decoder;
  DetectorParams params;
  // Unique per detector in the process: keys the per-thread memo of what
  // the detector knows about each word type (TypeInfo).
  uint64_t serial;
  static inline std::atomic<uint64_t> serials{0};
  FingerprintList fingerprints;
  std::string params_error;  // why the pack's parameters were not used, if they were not
};

Detector::Detector(const Model& model, const DetectOptions& options)
    : impl_(std::make_unique<Impl>(model, options)) {
  // Only the set used is parsed (the word models make the JSON megabytes
  // long); packs built before session 19 nest the decoded set in the other.
  const bool decoded = options.decoded_parameters && !model.detector_decoded_json().empty();
  const std::string& json = decoded ? model.detector_decoded_json() : model.detector_json();
  if (!json.empty()) {
    DetectorParams p;
    Status s = DetectorParams::FromJson(json, &p);
    if (s.ok() && options.decoded_parameters) p.UseDecoded();
    if (s.ok()) {
      impl_->params = std::move(p);
    } else {
      impl_->params_error = s.message();
    }
  }
}
Detector::~Detector() = default;

void Detector::set_params(const DetectorParams& p) {
  impl_->params = p;
  // Parameters from FromJson are compiled already; a model built by hand is
  // compiled here (one too deep to compile is dropped: spans then come from
  // the decoder).
  WordModel& words = impl_->params.words;
  if (!words.empty() && !words.Compile().ok()) words = WordModel();
}
const DetectorParams& Detector::params() const { return impl_->params; }

Status Detector::AddFingerprints(const std::string& path) {
  const Lexicon::Impl& lex = impl_->model.lexicon().impl();
  return impl_->fingerprints.Load(path, lex.morphology, lex.is_word);
}

struct Detector::Tally {
  double ge1 = 0, ge2 = 0, ge3 = 0, ge05 = 0, strength = 0, hits = 0, spintax = 0;
  size_t disguised = 0;  // words (DisguisedWords)
  double lm_sum = 0, rare = 0, rarer_synonym = 0, lift_sum = 0, gap_sum = 0;
  size_t words = 0, lm_words = 0;
  WordProbabilitySummary probabilities;
};

void Detector::Detect(std::string_view text, DetectReport* out) const {
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  Status ignored = DetectStream(reader.get(), out);  // reading memory cannot fail
  (void)ignored;
}

Status Detector::DetectStream(SentenceReader* reader, DetectReport* out) const {
  *out = DetectReport();
  Tally tally;
  std::vector<Sentence> window;
  std::vector<DecodedSentence> decoded;
  size_t words = 0;
  Sentence s;
  bool more = true;
  while (more) {
    more = reader->Next(&s);
    if (more) {
      window.push_back(std::move(s));
      decoded.emplace_back();
      if (impl_->DecodedEvidence()) {
        DecodeSentence(impl_->decoder, window.back(), &decoded.back());
      } else {
        SentenceWords(window.back(), &decoded.back());
      }
      words += decoded.back().words.size();
    }
    if ((!more && !window.empty()) || words >= impl_->options.window_words) {
      RunWindow(window, decoded, &tally, out);
      window.clear();
      decoded.clear();
      words = 0;
    }
  }
  Finish(tally, out);
  return reader->status();
}

void DetectDecoded(const Detector& detector, const std::vector<Sentence>& sentences,
                   const std::vector<DecodedSentence>& decoded, DetectReport* out) {
  *out = DetectReport();
  Detector::Tally tally;
  detector.RunWindow(sentences, decoded, &tally, out);
  detector.Finish(tally, out);
}

void Detector::RunWindow(const std::vector<Sentence>& sentences,
                         const std::vector<DecodedSentence>& decoded, Tally* tally,
                         DetectReport* out) const {
  const Impl& m = *impl_;
  // The window's evidence, word by word (moved to `out` when it keeps it).
  std::vector<WordEvidence> evidence;
  size_t tokens = 0;  // at most one word of evidence each
  for (const DecodedSentence& d : decoded) tokens += d.words.size();
  evidence.reserve(tokens);
  std::vector<Candidate> cands;
  const LanguageModel& lm = m.lm;
  const WordModel& words_model = m.params.words;
  // Whether the decoder's edits (and reach) are the evidence: parameters
  // fitted on them (restore's gate, `--decoder-evidence`) or without a word
  // model. Otherwise the edits restore hands over (DetectDecoded) are not read.
  const bool decoded_evidence = m.DecodedEvidence();
  const LocalChannel channel{std::log10(1 - m.model.lexicon().params().replace_rate),
                             DecoderOptions().rarity_weight};
  // Per word type: how much more frequent (unigram log10) its most frequent
  // single-word candidate original is, and how many candidates it has.
  // Memoised across the documents this thread sees with this detector
  // (cleared when it grows large, or the detector or its lexicon's contents
  // change).
  // Two memos, so that a thread alternating between two detectors (restore's
  // gate and its score detector on a domain-LM pack) keeps both.
  struct TypeMemo {
    uint64_t owner = 0, lexicon = 0, last_use = 0;
    // Words spelled as the one LM word of their own spelling (most) are
    // found by its id, the others by their spelling.
    std::vector<std::unique_ptr<TypeInfo>> by_word;
    std::unordered_map<std::string, TypeInfo> by_spelling;
  };
  thread_local std::array<TypeMemo, 2> memos;
  thread_local uint64_t uses = 0;
  const uint64_t lexicon_stamp = m.model.lexicon().stamp();
  TypeMemo* memo = memos[0].owner == m.serial ? &memos[0]
                   : memos[1].owner == m.serial
                       ? &memos[1]
                       : (memos[0].last_use <= memos[1].last_use ? &memos[0] : &memos[1]);
  if (memo->owner != m.serial || memo->lexicon != lexicon_stamp ||
      memo->by_spelling.size() > (1u << 20)) {
    memo->by_word.clear();
    memo->by_spelling.clear();
    memo->owner = m.serial;
    memo->lexicon = lexicon_stamp;
  }
  memo->last_use = ++uses;
  std::vector<std::unique_ptr<TypeInfo>>& type_by_word = memo->by_word;
  std::unordered_map<std::string, TypeInfo>& type_memo = memo->by_spelling;
  // A word's candidates as the word model was fitted to see them: relations
  // read backwards (a pack built with --reverse-weight) widen the decoder's
  // search but not the word's type evidence, so the same word model serves
  // both kinds of pack.
  auto InfoOf = [&](std::string_view w, float uni) {
    TypeInfo info;
    const std::optional<double> quantity = CardinalValue(w);
    cands.clear();
    m.model.lexicon().Lookup(std::span<const std::string_view>(&w, 1), 0, &cands);
    for (const Candidate& c : cands) {
      if (c.identity || c.reversed) continue;
      ++info.candidates;
      if (c.length != 1 || c.text.find(' ') != std::string::npos) continue;
      WordId o = lm.Index(c.text);
      if (o == lm.oov_id()) continue;
      const float cuni = lm.UnigramLog10(o);
      info.gap = std::max(info.gap, cuni - uni);
      info.alternatives.push_back({cuni, o, c.channel_log10, CardinalValue(c.text) == quantity});
    }
    std::sort(info.alternatives.begin(), info.alternatives.end(), std::greater<Alternative>());
    if (info.alternatives.size() > kAlternatives) info.alternatives.resize(kAlternatives);
    return info;
  };
  // What the second pass needs of each sentence (spans come after the
  // document's word counts are known).
  struct SentenceWork {
    size_t first_evidence = 0;
    std::vector<int> word_of;
    std::vector<WordId> best_alternative;
    std::vector<DetectSpan> sure;  // spintax groups and known tortured phrases
  };
  std::vector<SentenceWork> work(sentences.size());
  // Per evidence word: its type's candidates, for the document-level
  // evidence [22].
  std::vector<const TypeInfo*> type_of;
  // Occurrences of each LM word in the text (per thread, cleared at the end).
  thread_local WordCounts word_count;
  word_count.Reserve(lm.vocab_size());
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const DecodedSentence& ds = decoded[si];
    LmState state = lm.BeginSentenceState(), next;
    const size_t first_evidence = evidence.size();
    work[si].first_evidence = first_evidence;
    std::vector<int>& word_of = work[si].word_of;
    word_of.assign(ds.words.size(), -1);  // token -> index among the sentence's words
    // Per evidence word of this sentence: the LM state before it, its LM word
    // (kNoWord when spelled as several or unknown) and its type's candidates.
    std::vector<LmState> before;
    std::vector<WordId> single;
    std::vector<const TypeInfo*> info_of;
    for (size_t ti = 0; ti < ds.words.size(); ++ti) {
      const Token* t = ds.words[ti];
      if (t->kind != TokenKind::kWord && t->kind != TokenKind::kNumber) continue;
      ++tally->words;
      WordId ids[kMaxSpelledWords];
      const size_t n = SpellForLm(lm, t->norm, ids);
      before.push_back(state);
      LmScore sc;  // the token's words together
      for (size_t k = 0; k < n; ++k) {
        LmScore part = lm.Score(state, ids[k], &next);
        state = next;
        sc.log10_prob += part.log10_prob;
        sc.oov = part.oov;
        sc.ngram_length = k == 0 ? part.ngram_length : sc.ngram_length;
      }
      const WordId id = ids[0];
      single.push_back(n == 1 && !sc.oov ? id : kNoWord);
      if (single.back() != kNoWord) word_count.Add(id);
      info_of.push_back(nullptr);
      WordEvidence ev;
      ev.start = t->begin;
      ev.end = t->end();
      ev.values[2] = sc.oov ? kUnknownLog10 : sc.log10_prob;
      ev.values[3] = kUnknownLog10;
      ev.values[6] = sc.ngram_length;
      ev.values[11] = t->kind == TokenKind::kWord ? 1 : 0;
      ev.values[18] = ti > 0 && (t->shape == CaseShape::kTitle || t->shape == CaseShape::kUpper);
      ev.values[19] = std::min<double>(t->size, 20);
      ev.values[20] = decoded_evidence && ti < ds.reach.size() ? ds.reach[ti] : 0;
      if (!sc.oov) {
        tally->lm_sum += sc.log10_prob;
        ++tally->lm_words;
        float uni = lm.UnigramLog10(id);
        ev.values[3] = uni;
        tally->rare += uni < -5;
        if (t->kind == TokenKind::kWord) {
          const TypeInfo* info;
          if (n == 1 && lm.Word(id) == t->norm) {
            if (type_by_word.size() <= id) type_by_word.resize(lm.vocab_size() + 1);
            std::unique_ptr<TypeInfo>& slot = type_by_word[id];
            if (slot == nullptr) slot = std::make_unique<TypeInfo>(InfoOf(t->norm, uni));
            info = slot.get();
          } else {
            auto [it, fresh] = type_memo.try_emplace(t->norm);
            if (fresh) it->second = InfoOf(t->norm, uni);
            info = &it->second;
          }
          info_of.back() = info;
          tally->rarer_synonym += info->gap > 1;
          ev.values[8] = std::min(4.0f, info->gap);
          ev.values[9] = std::log10(1.0 + info->candidates);
        }
      }
      ev.values[4] = ev.values[2] - ev.values[3];
      tally->lift_sum += ev.values[4];
      tally->gap_sum += ev.values[8];
      if (evidence.size() > first_evidence) {  // the previous word's right context
        WordEvidence& prev = evidence.back();
        prev.values[5] = ev.values[4];
        prev.values[7] = ev.values[6];
      }
      word_of[ti] = static_cast<int>(evidence.size() - first_evidence);
      evidence.push_back(ev);
    }
    type_of.insert(type_of.end(), info_of.begin(), info_of.end());
    std::vector<WordId>& best_alternative = work[si].best_alternative;
    best_alternative.assign(single.size(), kNoWord);
    LocalAlternatives(lm, decoded_evidence ? nullptr : &channel, before, single, info_of,
                      evidence.data() + first_evidence, best_alternative.data());
    if (decoded_evidence) {
      for (const DecodedEdit& d : ds.edits) {
        const double margin = std::min(d.margin, 6.0);
        for (size_t ti = d.begin; ti < d.end; ++ti) {
          if (word_of[ti] < 0) continue;
          double& own = evidence[first_evidence + word_of[ti]].values[0];
          own = std::max(own, margin);
        }
      }
    }
    const double sentence_words = static_cast<double>(evidence.size() - first_evidence);
    for (size_t e = first_evidence; e < evidence.size(); ++e) {  // neighbours' evidence
      std::array<double, WordEvidence::kCount>& v = evidence[e].values;
      v[10] = std::min(sentence_words, 60.0);
      if (e > first_evidence) {
        const auto& prev = evidence[e - 1].values;
        v[1] = std::max(v[1], prev[0]);
        v[14] = prev[8];
        v[16] = prev[12];
      } else {
        v[16] = kNoAlternative;
      }
      if (e + 1 < evidence.size()) {
        const auto& next_word = evidence[e + 1].values;
        v[1] = std::max(v[1], next_word[0]);
        v[15] = next_word[8];
        v[17] = next_word[12];
        v[21] = next_word[20];
      } else {
        v[17] = kNoAlternative;
      }
    }
    std::vector<DetectSpan>& fp = work[si].sure;
    // A sure span over words [begin, end) of the sentence, unless it overlaps
    // one already kept; returns whether it was kept.
    auto add_sure = [&](size_t begin, size_t end, const std::string& suggestion,
                        const char* reason) {
      DetectSpan span;
      span.start = ds.words[begin]->begin;
      span.end = ds.words[end - 1]->end();
      if (OverlapsAny(fp, span.start, span.end)) return false;
      span.text = s.text.substr(span.start - s.begin, span.end - span.start);
      span.suggestion = suggestion;
      span.confidence = 1.0;
      span.reason = reason;
      fp.push_back(std::move(span));
      return true;
    };
    // Spintax left in the text ("{quick|fast}"): the text was machine-spun.
    thread_local std::vector<SpintaxChoice> groups;
    ChooseSpintax(lm, s, &groups);
    for (const SpintaxChoice& g : groups) {
      tally->spintax += add_sure(g.group.begin, g.group.end, g.text, "spintax");
    }
    // Fingerprints: known tortured phrases over the sentence's tokens.
    if (!m.fingerprints.empty()) {
      std::vector<FingerprintList::Match> matches;
      m.fingerprints.FindAll(s, &matches);
      for (const FingerprintList::Match& match : matches) {  // none inside a spintax group
        tally->hits += add_sure(match.begin, match.end, *match.expected, "fingerprint");
      }
    }
    // Document features count the margins whatever the spans: the words'
    // local margins, or with decoder evidence the decoder's edits.
    auto count_margin = [tally](double margin) {
      if (margin < 0.5) return;
      tally->ge1 += margin >= 1;
      tally->ge2 += margin >= 2;
      tally->ge3 += margin >= 3;
      tally->ge05 += 1;
      tally->strength += std::min(margin, 6.0);
    };
    if (decoded_evidence) {
      for (const DecodedEdit& d : ds.edits) count_margin(d.margin);
    } else {
      for (size_t e = first_evidence; e < evidence.size(); ++e) count_margin(evidence[e].values[0]);
    }
  }
  // Document evidence: how often the word's candidate originals occur in the
  // text (a spinner that replaces some occurrences of a word leaves the
  // others).
  const size_t counted = decoded_evidence ? kDecoderEvidenceAlternatives : kAlternatives;
  for (size_t e = 0; e < evidence.size(); ++e) {
    uint32_t originals = 0;
    if (type_of[e] != nullptr) {
      const std::vector<Alternative>& alts = type_of[e]->alternatives;
      for (size_t k = 0; k < alts.size() && k < counted; ++k) {
        originals += word_count.Count(alts[k].word);
      }
    }
    evidence[e].values[22] = std::min<double>(originals, 20);
  }
  word_count.Clear();
  // The window's words in one call, so the word model's groups of 16 words
  // are full (a call per sentence left most of its last group empty).
  if (!words_model.empty()) SetProbabilities(words_model, evidence.data(), evidence.size());
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const DecodedSentence& ds = decoded[si];
    SentenceWork& w = work[si];
    if (words_model.empty()) {
      DecoderSpans(s, ds, m.options.span_margin, w.sure, &out->spans);
    } else {
      WordSpans(s, lm, ds, w.word_of, evidence.data() + w.first_evidence, w.best_alternative.data(),
                words_model.threshold, w.sure, &out->spans);
    }
    const size_t first_span = out->spans.size();
    out->spans.insert(out->spans.end(), w.sure.begin(), w.sure.end());
    tally->disguised += DisguiseSpans(s, ds.words, first_span, &out->spans);
  }
  if (!words_model.empty()) {
    for (const WordEvidence& e : evidence) tally->probabilities.Add(e);
  }
  if (m.options.keep_evidence) {
    out->evidence.insert(out->evidence.end(), evidence.begin(), evidence.end());
  }
}

void Detector::Finish(const Tally& tally, DetectReport* out) const {
  const Impl& m = *impl_;
  const WordModel& words_model = m.params.words;
  std::sort(out->spans.begin(), out->spans.end(),
            [](const DetectSpan& a, const DetectSpan& b) { return a.start < b.start; });
  double n = std::max<size_t>(tally.words, 1);
  out->features.values = {
      tally.ge1 / n,
      tally.ge2 / n,
      tally.ge3 / n,
      tally.strength / n,
      tally.hits / n,
      std::log10(static_cast<double>(tally.words) + 1),
      tally.ge05 / n,
      tally.lm_words ? tally.lm_sum / static_cast<double>(tally.lm_words) : 0.0,
      tally.lm_words ? tally.rare / static_cast<double>(tally.lm_words) : 0.0,
      tally.lm_words ? tally.rarer_synonym / static_cast<double>(tally.lm_words) : 0.0};
  out->features.values[21] = tally.lift_sum / n;
  out->features.values[22] = tally.gap_sum / n;
  if (!words_model.empty()) tally.probabilities.SetFeatures(tally.words, &out->features);
  out->words = tally.words;
  if (m.params.fitted) {
    const DocumentModel& calibration = m.params.ModelFor(tally.words);
    out->score = calibration.Probability(out->features);
    out->threshold = calibration.threshold;
  } else {
    // Uncalibrated fallback: the density of strong edits against 5 per 100 words.
    out->score = std::min(1.0, out->features.values[1] / 0.05);
    out->threshold = 0.5;
    out->note = m.params_error.empty()
                    ? "uncalibrated score: this model pack has no detector parameters"
                    : "uncalibrated score: the pack's detector parameters are unusable (" +
                          m.params_error + "); refit them with 'unspin detect train --into PACK'";
  }
  // Short texts: a verdict from the wording needs a higher bar (and under
  // very_short.min_words words none is given); the score is reported as it is.
  const VeryShortBar& very_short = m.params.very_short;
  if (m.params.fitted) out->threshold = very_short.Threshold(out->threshold, tally.words);
  // A known fingerprint or spintax left in the text is decisive, as are
  // disguised words (look-alike letters, hidden characters: a text dressed to
  // pass a copy detector) from kDecisiveDisguises on.
  if (tally.disguised > 0) {
    out->note = std::string(out->note.empty() ? "" : out->note + "; ") +
                std::to_string(tally.disguised) +
                (tally.disguised == 1 ? " word is" : " words are") +
                " disguised with look-alike letters or hidden characters";
  }
  const bool sure_marks = tally.hits > 0 || tally.spintax > 0;
  if (sure_marks) out->score = std::max(out->score, std::max(0.99, out->threshold));
  // The spans a text that reads as clean shows are those of its wording:
  // disguised words decide the verdict, not which words read as replaced.
  const double wording_score = out->score;
  const bool sure = sure_marks || tally.disguised >= kDecisiveDisguises;
  if (tally.disguised >= kDecisiveDisguises) {
    out->score = std::max(out->score, std::max(0.99, out->threshold));
  }
  out->spun = sure || (out->score >= out->threshold && tally.words >= very_short.min_words);
  if (wording_score < out->threshold && !words_model.empty() && wording_score < kBorderlineScore) {
    // Text that reads as clean keeps only the surest spans;
    // a borderline one keeps them all.
    std::erase_if(out->spans, [](const DetectSpan& sp) {
      return sp.reason != "fingerprint" && sp.confidence < kCleanTextSpanProbability;
    });
  }
  if (tally.words < very_short.min_words && m.params.fitted) {
    out->note = std::string(out->note.empty() ? "" : out->note + "; ") + "too short to judge (" +
                std::to_string(tally.words) + (tally.words == 1 ? " word" : " words") +
                "): the wording decides from " + std::to_string(very_short.min_words) +
                " words on; only known fingerprints, spintax or disguised words make it spun";
  } else if (tally.words < 50) {
    out->note = std::string(out->note.empty() ? "" : out->note + "; ") + "short text (" +
                std::to_string(tally.words) + " words): the evidence is thin";
  }
}

DocumentModel FitDocumentModel(const std::vector<DetectFeatures>& spun,
                               const std::vector<DetectFeatures>& clean,
                               double max_false_positive_rate) {
  DocumentModel p;
  const size_t k = DetectFeatures::kCount;
  std::vector<std::pair<const DetectFeatures*, double>> data;
  for (const auto& f : spun) data.emplace_back(&f, 1.0);
  for (const auto& f : clean) data.emplace_back(&f, 0.0);
  if (data.empty()) return p;
  for (size_t i = 0; i < k; ++i) {
    double sum = 0, sq = 0;
    for (const auto& [f, y] : data) sum += f->values[i];
    p.mean[i] = sum / data.size();
    for (const auto& [f, y] : data) sq += (f->values[i] - p.mean[i]) * (f->values[i] - p.mean[i]);
    p.scale[i] = std::sqrt(sq / data.size());
    if (p.scale[i] < 1e-12) p.scale[i] = 1;
  }
  // Class-balanced logistic regression, L2 0.01, gradient descent.
  double wpos = data.size() / (2.0 * std::max<size_t>(spun.size(), 1));
  double wneg = data.size() / (2.0 * std::max<size_t>(clean.size(), 1));
  for (int iter = 0; iter < 3000; ++iter) {
    std::array<double, DetectFeatures::kCount> grad{};
    double gb = 0;
    for (const auto& [f, y] : data) {
      double err = (p.Probability(*f) - y) * (y > 0.5 ? wpos : wneg);
      for (size_t i = 0; i < k; ++i) grad[i] += err * (f->values[i] - p.mean[i]) / p.scale[i];
      gb += err;
    }
    for (size_t i = 0; i < k; ++i)
      p.weights[i] -= 0.5 * (grad[i] / data.size() + 0.01 * p.weights[i]);
    p.bias -= 0.5 * gb / data.size();
  }
  std::vector<double> clean_scores;
  for (const auto& f : clean) clean_scores.push_back(p.Probability(f));
  std::sort(clean_scores.rbegin(), clean_scores.rend());
  size_t allowed = static_cast<size_t>(max_false_positive_rate * clean_scores.size());
  double q = clean_scores.empty() ? 0.5 : clean_scores[std::min(allowed, clean_scores.size() - 1)];
  p.threshold = std::min(0.999, std::max(0.5, q + 1e-6));
  return p;
}

DetectorParams FitDetector(const std::vector<DetectFeatures>& spun,
                           const std::vector<DetectFeatures>& clean,
                           double max_false_positive_rate) {
  DetectorParams p;
  if (spun.empty() && clean.empty()) return p;
  static_cast<DocumentModel&>(p) = FitDocumentModel(spun, clean, max_false_positive_rate);
  p.fitted = true;
  return p;
}

}  // namespace unspin
