#include "unspin/restorer.h"

#include <algorithm>
#include <cmath>

#include "decode/decoder.h"
#include "decode/sentence_decoder.h"
#include "decode/spintax_choice.h"
#include "detect/detect_decoded.h"
#include "lexicon/fingerprints.h"
#include "lexicon/lexicon_impl.h"
#include "text/disguise.h"
#include "unspin/detector.h"

namespace unspin {

namespace {

// The decoder restore runs. Gated by the detector, it keeps every edit (the
// detector reads each margin); otherwise only those the gates could pass.
DecoderOptions DecoderFor(const RestoreOptions& o, bool gated) {
  DecoderOptions d;
  d.channel_weight = o.channel_weight;
  d.beam = o.beam;
  d.lookahead_pool = o.lookahead_pool;
  d.max_candidates_per_span = o.candidates;
  d.wide_candidates = o.spun_candidates;
  d.threshold = gated ? 0 : std::min(o.threshold, o.gate_margin);  // RestoreWindow filters further
  d.alternatives = o.alternatives;
  d.two_hop_penalty = o.two_hop_penalty;
  d.multiword_penalty = o.multiword_penalty;
  d.truncation_penalty = o.truncation_penalty;
  d.rarity_weight = o.rarity_weight;
  d.context_bonus = o.context_bonus;
  d.digits_prior = o.digits_prior;
  return d;
}

// The pack's detector when it has a word model to gate edits with (and the
// options ask for it), else null: with the parameters fitted on decoder
// evidence when the pack carries them (restore decodes every sentence
// anyway, and a word model that reads those edits backs the gate better:
// README, Detect), else the pack's own, each reading the evidence it was
// fitted on.
std::unique_ptr<Detector> GateDetector(const Model& m, const RestoreOptions& o) {
  if (!o.use_detector) return nullptr;
  DetectOptions gate;
  gate.decoded_parameters = true;
  gate.pack_lm = true;
  auto d = std::make_unique<Detector>(m, gate);
  if (!d->params().fitted || d->params().words.empty()) return nullptr;
  return d;
}

// Windows with fewer words than this are too short for the detector's
// verdict alone (its word model's marks still widen the search there).
constexpr size_t kShortWindowWords = 50;
// A window with fewer words than this is a phrase on its own (a term, a
// heading): no context for the detector's score, so the density gate judges
// it instead of the fitted gate.
constexpr size_t kPhraseWords = 8;
// The margin given to a sure edit (a known tortured phrase, a spintax
// group): any gate passes it, and its confidence is 1.
constexpr double kSureMargin = 100;

// The sure edits of sentence `s`, which the decoder leaves alone:
// each spintax group written as its chosen alternative, and the known
// tortured phrases outside them.
void SureEdits(const LanguageModel& lm, const FingerprintList& fingerprints, const Sentence& s,
               std::vector<DecodedEdit>* out) {
  out->clear();
  thread_local std::vector<SpintaxChoice> groups;
  ChooseSpintax(lm, s, &groups);
  for (const SpintaxChoice& g : groups) {
    DecodedEdit e;
    e.begin = g.group.begin;
    e.end = g.group.end;
    e.text = g.text;
    e.verbatim = true;
    e.margin = kSureMargin;
    e.lm_log10 = g.lm_log10[g.chosen];
    e.channel_log10 = g.prior_log10[g.chosen];
    for (size_t a = 0; a < g.group.alternatives.size(); ++a) {
      const SpintaxGroup::Alternative& alt = g.group.alternatives[a];
      e.alternatives.push_back({s.text.substr(alt.start - s.begin, alt.end - alt.start),
                                g.lm_log10[a], g.prior_log10[a]});
    }
    out->push_back(std::move(e));
  }
  if (fingerprints.empty()) return;
  thread_local std::vector<FingerprintList::Match> known;
  fingerprints.FindAll(s, &known);
  const size_t spintax = out->size();
  for (const FingerprintList::Match& k : known) {
    bool inside = false;
    for (size_t g = 0; g < spintax; ++g) {
      inside |= k.begin < (*out)[g].end && (*out)[g].begin < k.end;
    }
    if (inside) continue;
    DecodedEdit e;
    e.begin = k.begin;
    e.end = k.end;
    e.text = *k.expected;
    e.margin = kSureMargin;
    out->push_back(std::move(e));
  }
}

// Beside a gate detector, on a pack that keeps its detector's LM (a domain
// LM decodes): a detector on local evidence read with that LM, as `detect`
// runs, whose window P(spun) stands in the gate for the decoded detector's
// (which reads the domain decoder's edits, not what it was fitted on: it
// calls fewer low-rate copies spun; README, "A domain LM from your own
// text"); null otherwise.
std::unique_ptr<Detector> ScoreDetector(const Model& m) {
  if (!m.has_detector_lm()) return nullptr;
  auto d = std::make_unique<Detector>(m, DetectOptions());
  if (!d->params().fitted) return nullptr;
  return d;
}

}  // namespace

struct Restorer::Impl {
  Impl(const Model& m, const RestoreOptions& o)
      : detector(GateDetector(m, o)),
        score_detector(detector ? ScoreDetector(m) : nullptr),
        decoder(m.lm(), m.lexicon(), DecoderFor(o, detector != nullptr)),
        options(o),
        model(m) {}
  std::unique_ptr<Detector> detector;
  std::unique_ptr<Detector> score_detector;
  Decoder decoder;
  RestoreOptions options;
  const Model& model;
  FingerprintList fingerprints;
};

Restorer::Restorer(const Model& model, const RestoreOptions& options)
    : impl_(std::make_unique<Impl>(model, options)) {}

bool Restorer::gated_by_detector() const { return impl_->detector != nullptr; }

Status Restorer::AddFingerprints(const std::string& path) {
  const Lexicon::Impl& lex = impl_->model.lexicon().impl();
  UNSPIN_RETURN_IF_ERROR(impl_->fingerprints.Load(path, lex.morphology, lex.is_word));
  if (impl_->detector != nullptr) UNSPIN_RETURN_IF_ERROR(impl_->detector->AddFingerprints(path));
  return Status::Ok();
}
Restorer::~Restorer() = default;

void Restorer::RestoreWindow(const std::vector<Sentence>& window, RestoreResult* out) const {
  const RestoreOptions& o = impl_->options;
  std::vector<DecodedSentence> decoded(window.size());
  // Sure edits per sentence (spintax, known tortured phrases): kept from the
  // decoder, joined to its edits below.
  std::vector<std::vector<DecodedEdit>> sure(window.size());
  std::vector<std::vector<std::pair<size_t, size_t>>> frozen(window.size());
  for (size_t i = 0; i < window.size(); ++i) {
    SureEdits(impl_->model.lm(), impl_->fingerprints, window[i], &sure[i]);
    for (const DecodedEdit& e : sure[i]) frozen[i].emplace_back(e.begin, e.end);
  }
  auto frozen_of = [&](size_t i) { return frozen[i].empty() ? nullptr : &frozen[i]; };
  // The window's LM words, for the decoder's context bonus (per thread).
  thread_local WordCounts context;
  const WordCounts* context_of = nullptr;
  if (o.context_bonus != 0) {
    CountWords(impl_->model.lm(), window, &context);
    context_of = &context;
  }
  size_t words = 0, edits = 0;
  for (size_t i = 0; i < window.size(); ++i) {
    DecodeSentence(impl_->decoder, window[i], &decoded[i], nullptr, frozen_of(i), context_of);
    words += decoded[i].words.size();
    for (const DecodedEdit& d : decoded[i].edits) edits += d.margin >= o.gate_margin;
  }
  // Whether `edits` strong edits over `n` words (or tokens) reach `density`.
  auto dense = [&](double density, size_t n) {
    return static_cast<double>(edits) >= density * static_cast<double>(n);
  };
  const double clean_margin = std::max(o.threshold, o.clean_threshold);
  DetectReport report;
  // Outside a detector-judged window: the margin an edit needs, and the
  // margin one the word model backs needs (short windows).
  double min_margin = 0, backed_margin = 0;
  bool judged = false;      // by the detector's fitted gate
  double short_offset = 0;  // the fitted gate's extra margin in a short window
  if (impl_->detector != nullptr) {
    DetectDecoded(*impl_->detector, window, decoded, &report);
    if (impl_->score_detector != nullptr) {
      DetectReport own;
      DetectDecoded(*impl_->score_detector, window, decoded, &own);
      report.score = own.score;
    }
    if (report.words < kPhraseWords) {
      // A phrase on its own: the density gate decides, per word (not token:
      // "x-ray" is one) at the phrase density; the word model backs.
      const bool spun = dense(o.phrase_gate_density, report.words);
      min_margin = spun ? o.threshold : clean_margin;
      backed_margin = spun ? o.threshold - o.support_discount : o.threshold;
    } else {
      judged = true;
      if (report.words < kShortWindowWords) short_offset = o.short_window_offset;
    }
  } else {
    min_margin = dense(o.gate_density, words) ? o.threshold : clean_margin;
  }
  // Sentences with words the word model marks are decoded again, spans that
  // start at those words with more candidates (spinners reach far into a
  // thesaurus); the detector's evidence stays that of the first decoding,
  // which it was fitted on.
  if (impl_->detector != nullptr && o.spun_candidates > o.candidates &&
      (report.spun || report.words < kShortWindowWords)) {
    const double marked = impl_->detector->params().words.threshold;
    auto ev = report.evidence.begin();
    std::vector<uint64_t> starts;  // of the sentence's marked words
    for (size_t i = 0; i < window.size(); ++i) {
      const uint64_t end = window[i].begin + window[i].text.size();
      starts.clear();
      for (; ev != report.evidence.end() && ev->start < end; ++ev) {
        if (ev->start >= window[i].begin && ev->probability >= marked) starts.push_back(ev->start);
      }
      if (!starts.empty()) {
        DecodeSentence(impl_->decoder, window[i], &decoded[i], &starts, frozen_of(i), context_of);
      }
    }
  }
  // The sure edits join the decoder's (which left their words alone).
  for (size_t i = 0; i < window.size(); ++i) {
    if (sure[i].empty()) continue;
    std::vector<DecodedEdit>& list = decoded[i].edits;
    for (DecodedEdit& e : sure[i]) list.push_back(std::move(e));
    std::sort(list.begin(), list.end(),
              [](const DecodedEdit& a, const DecodedEdit& b) { return a.begin < b.begin; });
  }
  // The word model's highest P(replaced) over bytes [start, end) (evidence
  // is in input order); an edit is backed at support_probability or above.
  auto support = [&](uint64_t start, uint64_t end) {
    double best = 0;
    auto it = std::lower_bound(report.evidence.begin(), report.evidence.end(), start,
                               [](const WordEvidence& e, uint64_t at) { return e.end <= at; });
    for (; it != report.evidence.end() && it->start < end; ++it) {
      best = std::max(best, it->probability);
    }
    return best;
  };
  // Learned dictionaries' substitution rates (Lexicon::AddDictionary).
  const SubstitutionRates& rates = impl_->model.lexicon().impl().rates;
  std::vector<double> support_of;  // per edit of a sentence: P(replaced) (or -1)
  std::vector<double> needed;      // per edit: the margin the fitted gate asks
  std::vector<bool> kept;
  for (size_t i = 0; i < window.size(); ++i) {
    const Sentence& s = window[i];
    const std::vector<const Token*>& words = decoded[i].words;
    const std::vector<DecodedEdit>& list = decoded[i].edits;
    auto observed_of = [&](const DecodedEdit& d) {
      const size_t begin = words[d.begin]->begin - s.begin;
      return std::string_view(s.text).substr(begin, words[d.end - 1]->end() - s.begin - begin);
    };
    support_of.assign(list.size(), -1);
    needed.assign(list.size(), 0);
    kept.assign(list.size(), false);
    for (size_t k = 0; k < list.size(); ++k) {
      const DecodedEdit& d = list[k];
      double& p = support_of[k];
      if (impl_->detector != nullptr) p = support(words[d.begin]->begin, words[d.end - 1]->end());
      if (p >= 0 && !rates.empty()) {
        p = std::max(p, std::min(1.0, o.rate_scale * rates.Rate(observed_of(d), d.text)));
      }
      if (judged) {
        needed[k] = o.threshold + o.gate_offset + short_offset - o.support_weight * p -
                    o.score_weight * report.score;
        kept[k] = d.margin >= needed[k];
      } else {
        const bool backed = p >= o.support_probability && d.margin >= backed_margin;
        kept[k] = d.margin >= min_margin || backed;
      }
    }
    // Spinners replace runs of words: beside a kept edit (no punctuation
    // between), an edit needs neighbour_discount less, in chains.
    for (bool more = judged && o.neighbour_discount > 0; more;) {
      more = false;
      for (size_t k = 0; k < list.size(); ++k) {
        if (kept[k] || list[k].margin < needed[k] - o.neighbour_discount) continue;
        const bool beside =
            (k > 0 && kept[k - 1] && list[k - 1].end == list[k].begin) ||
            (k + 1 < list.size() && kept[k + 1] && list[k].end == list[k + 1].begin);
        if (beside) kept[k] = more = true;
      }
    }
    size_t copied = 0;  // bytes of s.text already emitted
    // The disguised words, written undisguised where no kept edit covers
    // them: those before word `limit`, those inside [limit, skip) passed.
    thread_local std::vector<size_t> disguised;
    disguised.clear();
    if (o.undisguise) DisguisedWords(words, &disguised);
    size_t next_disguised = 0;
    auto undisguise_until = [&](size_t limit, size_t skip) {
      for (; next_disguised < disguised.size() && disguised[next_disguised] < skip;
           ++next_disguised) {
        if (disguised[next_disguised] >= limit) continue;
        const Token* t = words[disguised[next_disguised]];
        RestoreEdit e;
        e.start = t->begin;
        e.end = t->end();
        e.from = s.text.substr(t->begin - s.begin, t->size);
        e.to = Undisguise(e.from);
        e.margin = kSureMargin;
        e.confidence = 1.0;
        out->text.append(s.text, copied, t->begin - s.begin - copied);
        out->text += e.to;
        copied = t->end() - s.begin;
        out->edits.push_back(std::move(e));
      }
    };
    for (size_t k = 0; k < list.size(); ++k) {
      if (!kept[k]) continue;
      const DecodedEdit& d = list[k];
      undisguise_until(d.begin, d.end);
      const Token* first = words[d.begin];
      const Token* last = words[d.end - 1];
      const size_t begin = first->begin - s.begin, end = last->end() - s.begin;
      RestoreEdit e;
      e.start = first->begin;
      e.end = last->end();
      e.from = observed_of(d);
      e.to = d.verbatim ? d.text : ReplacementCase(d.text, words, d.begin, d.end);
      e.margin = d.margin;
      e.support = support_of[k];
      e.window_score = impl_->detector != nullptr ? report.score : -1;
      e.lm_log10 = d.lm_log10;
      e.channel_log10 = d.channel_log10;
      e.confidence = 1.0 / (1.0 + std::pow(10.0, -d.margin));
      for (const DecodedAlternative& a : d.alternatives) {
        e.alternatives.push_back({a.text, a.lm_log10, a.channel_log10});
      }
      out->text.append(s.text, copied, begin - copied);
      out->text += e.to;
      copied = end;
      out->edits.push_back(std::move(e));
    }
    undisguise_until(words.size(), words.size());
    out->text.append(s.text, copied, std::string::npos);
  }
  if (context_of != nullptr) context.Clear();
}

void Restorer::Restore(std::string_view text, RestoreResult* out) const {
  out->text.clear();
  out->edits.clear();
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  // Reading from memory cannot fail.
  Status ignored = RestoreStream(reader.get(), [out](const RestoreResult& piece) {
    out->text += piece.text;
    out->edits.insert(out->edits.end(), piece.edits.begin(), piece.edits.end());
  });
  (void)ignored;
}

Status Restorer::RestoreStream(SentenceReader* reader,
                               const std::function<void(const RestoreResult&)>& sink) const {
  std::vector<Sentence> window;
  size_t words = 0;
  RestoreResult piece;
  auto flush = [&]() {
    piece.text.clear();
    piece.edits.clear();
    RestoreWindow(window, &piece);
    sink(piece);
    window.clear();
    words = 0;
  };
  Sentence s;
  while (reader->Next(&s)) {
    words += s.tokens.size() / 2 + 1;  // about one word per word-and-space pair
    window.push_back(std::move(s));
    if (words >= impl_->options.window_words) flush();
  }
  if (!window.empty()) flush();
  return reader->status();
}

}  // namespace unspin
