// English inflectional morphology: analyse an observed word into (lemma, part
// of speech, inflection) candidates and inflect a lemma back. Regular rules
// (plural/3sg -s/-es/-ies, -ed/-ied with consonant doubling, -ing with e-drop,
// -er/-est) plus irregular forms from WordNet's .exc lists.
#ifndef UNSPIN_LEXICON_MORPHOLOGY_H_
#define UNSPIN_LEXICON_MORPHOLOGY_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/lexicon_types.h"
#include "unspin/status.h"

namespace unspin {

struct Analysis {
  std::string lemma;
  Pos pos = Pos::kAny;
  Inflection inflection = Inflection::kBase;
  bool operator==(const Analysis& o) const = default;
};

// Says whether `lemma` is a known lemma of `pos`; filters regular analyses
// ("bus" is not "bu" + plural).
using LemmaFilter = std::function<bool(std::string_view lemma, Pos pos)>;
// Says whether a generated word form exists; filters regular inflections.
using WordFilter = std::function<bool(std::string_view word)>;

class Morphology {
 public:
  Morphology();  // knows the invariant verbs (put, set, cut, ...)
  // Records an irregular form; the inflection is inferred from the form's
  // shape (-ing gerund, -s third person, otherwise past; -est superlative).
  // `builtin` entries (the constructor's) are not serialised or counted.
  void AddIrregular(Pos pos, std::string_view form, std::string_view lemma, bool builtin = false);
  // Reads noun.exc, verb.exc, adj.exc and adv.exc from a WordNet folder.
  Status LoadWordNetExceptions(const std::string& dir);

  // Appends the analyses of a lower-case word with an inflection other than
  // kBase, plus (lemma = word, kBase) for every pos where is_lemma(word, pos).
  // Irregular analyses are always kept; regular ones only when is_lemma says so.
  void Analyze(std::string_view word, const LemmaFilter& is_lemma,
               std::vector<Analysis>* out) const;

  // Appends the forms of `lemma` (a single word) with inflection `infl`.
  // Irregular forms win over rules; rule-made forms are kept only when
  // is_word accepts them (a null filter accepts everything).
  void Inflect(std::string_view lemma, Pos pos, Inflection infl, const WordFilter& is_word,
               std::vector<std::string>* out) const;

  // Inflects the head of a normalised phrase: the first word of a verb
  // ("take part in" -> "took part in"); the last word of a noun, or the word
  // before its first preposition ("rates of interest"). Multiword adjectives
  // and adverbs only have their base form.
  void InflectPhrase(std::string_view phrase, Pos pos, Inflection infl, const WordFilter& is_word,
                     std::vector<std::string>* out) const;

  // The irregular table as text ("pos<TAB>form<TAB>lemma" lines) and back;
  // used to store the morphology in a model pack.
  std::string Serialize() const;
  Status Parse(std::string_view text);

  size_t irregular_count() const { return irregular_count_; }

 private:
  struct Irregular {
    std::string other;  // lemma (in by_form_) or form (in by_lemma_)
    Pos pos;
    Inflection inflection;
    bool builtin;
  };
  std::unordered_map<std::string, std::vector<Irregular>> by_form_;
  std::unordered_map<std::string, std::vector<Irregular>> by_lemma_;
  size_t irregular_count_ = 0;
};

// The index of the word a phrase inflects for `pos` (see InflectPhrase).
size_t PhraseHead(std::string_view phrase, Pos pos);

// Inflection rules without the irregular table (exposed for tests).
std::vector<std::string> RegularForms(std::string_view lemma, Pos pos, Inflection infl);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_MORPHOLOGY_H_
