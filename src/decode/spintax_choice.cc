#include "decode/spintax_choice.h"

#include <cmath>

#include "decode/decoder.h"
#include "lm/lm_spelling.h"

namespace unspin {
namespace {

// Words after a group that judge its alternatives (a trigram model sees two).
constexpr size_t kRightContextWords = 2;

// Appends the LM words of tokens [begin, end) of `words` (punctuation and
// symbols have none).
void AppendLmWords(const LanguageModel& lm, const std::vector<const Token*>& words, size_t begin,
                   size_t end, std::vector<WordId>* out) {
  WordId ids[kMaxSpelledWords];
  for (size_t k = begin; k < end; ++k) {
    if (words[k]->kind != TokenKind::kWord && words[k]->kind != TokenKind::kNumber) continue;
    const size_t n = SpellForLm(lm, words[k]->norm, ids);
    out->insert(out->end(), ids, ids + n);
  }
}

// log10 of `seq` after `state` (advanced to the end of `seq`).
double ScoreWords(const LanguageModel& lm, const std::vector<WordId>& seq, LmState* state) {
  const double unknown = DecoderOptions().oov_log10;
  double total = 0;
  LmState next;
  for (WordId w : seq) {
    const LmScore sc = lm.Score(*state, w, &next);
    total += sc.oov ? unknown : sc.log10_prob;
    *state = next;
  }
  return total;
}

}  // namespace

void ChooseSpintax(const LanguageModel& lm, const Sentence& s, std::vector<SpintaxChoice>* out) {
  out->clear();
  if (s.text.find('{') == std::string::npos) return;  // most sentences
  std::vector<const Token*> words;                    // the non-space tokens
  for (const Token& t : s.tokens) {
    if (!t.is_space()) words.push_back(&t);
  }
  std::vector<SpintaxGroup> groups;
  FindSpintax(words, &groups);
  if (groups.empty()) return;
  LmState state = lm.BeginSentenceState();
  size_t done = 0;  // tokens before this are in `state`
  std::vector<WordId> seq, right;
  for (size_t g = 0; g < groups.size(); ++g) {
    const SpintaxGroup& group = groups[g];
    seq.clear();
    AppendLmWords(lm, words, done, group.begin, &seq);
    ScoreWords(lm, seq, &state);
    // The words after the group: plain tokens, a later group's first alternative.
    right.clear();
    bool ends = true;  // the sentence ends within the right context
    for (size_t k = group.end, next = g + 1; k < words.size();) {
      if (right.size() >= kRightContextWords) {
        ends = false;
        break;
      }
      if (next < groups.size() && groups[next].begin == k) {
        const SpintaxGroup::Alternative& first = groups[next].alternatives.front();
        AppendLmWords(lm, words, first.first, first.first + first.tokens, &right);
        k = groups[next++].end;
      } else {
        AppendLmWords(lm, words, k, k + 1, &right);
        ++k;
      }
    }
    if (right.size() > kRightContextWords) {
      right.resize(kRightContextWords);
      ends = false;
    }
    if (ends && lm.eos_id() != kNoWord) right.push_back(lm.eos_id());
    SpintaxChoice choice;
    choice.group = group;
    const size_t n = group.alternatives.size();
    double best = -1e30;
    for (size_t a = 0; a < n; ++a) {
      const SpintaxGroup::Alternative& alt = group.alternatives[a];
      seq.clear();
      AppendLmWords(lm, words, alt.first, alt.first + alt.tokens, &seq);
      seq.insert(seq.end(), right.begin(), right.end());
      LmState st = state;
      const double lm_score = ScoreWords(lm, seq, &st);
      const double prior = std::log10((a == 0 ? 2.0 : 1.0) / static_cast<double>(n + 1));
      choice.lm_log10.push_back(lm_score);
      choice.prior_log10.push_back(prior);
      if (lm_score + prior > best) {
        best = lm_score + prior;
        choice.chosen = a;
      }
    }
    const SpintaxGroup::Alternative& chosen = group.alternatives[choice.chosen];
    choice.text = s.text.substr(chosen.start - s.begin, chosen.end - chosen.start);
    seq.clear();
    AppendLmWords(lm, words, chosen.first, chosen.first + chosen.tokens, &seq);
    ScoreWords(lm, seq, &state);
    done = group.end;
    out->push_back(std::move(choice));
  }
}

}  // namespace unspin
