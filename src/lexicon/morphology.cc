#include "lexicon/morphology.h"

#include <algorithm>

#include "base/line_reader.h"

namespace unspin {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && !IsVowel(c); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Stem(std::string_view s, size_t drop, std::string_view add = {}) {
  std::string out(s.substr(0, s.size() - drop));
  out += add;
  return out;
}

int Syllables(std::string_view w) {
  int n = 0;
  bool in_vowel = false;
  for (char c : w) {
    bool v = IsVowel(c) || c == 'y';
    if (v && !in_vowel) ++n;
    in_vowel = v;
  }
  return n;
}

// Consonant-vowel-consonant ending whose last consonant may double (stop, run).
bool EndsCvc(std::string_view w) {
  size_t n = w.size();
  if (n < 3) return false;
  char c = w[n - 1];
  return IsConsonant(c) && c != 'w' && c != 'x' && c != 'y' && IsVowel(w[n - 2]) &&
         IsConsonant(w[n - 3]);
}

bool NeedsEs(std::string_view w) {
  return EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
         EndsWith(w, "sh");
}

bool ConsonantY(std::string_view w) {
  return w.size() >= 2 && w.back() == 'y' && IsConsonant(w[w.size() - 2]);
}

// Forms made with a suffix that may double the final consonant; the likelier
// spelling comes first.
void AddDoubling(std::string_view w, std::string_view suffix, std::vector<std::string>* out) {
  std::string plain = std::string(w) + std::string(suffix);
  if (!EndsCvc(w)) {
    out->push_back(plain);
    return;
  }
  std::string doubled = std::string(w) + w.back() + std::string(suffix);
  if (Syllables(w) <= 1) {
    out->push_back(doubled);
    out->push_back(plain);
  } else {
    out->push_back(plain);
    out->push_back(doubled);
  }
}

// Verbs whose past tense and participle equal the base form; WordNet's .exc
// lists only forms that differ from the lemma.
constexpr std::string_view kInvariantPastVerbs[] = {
    "bet",    "bid",    "broadcast", "burst",  "cast",   "cost",     "cut",    "fit",    "forecast",
    "hit",    "hurt",   "let",       "put",    "quit",   "read",     "rid",    "set",    "shed",
    "shut",   "slit",   "split",     "spread", "thrust", "upset",    "wed",    "offset", "input",
    "output", "outbid", "reset",     "recast", "beset",  "undercut", "preset", "sublet"};

Inflection GuessIrregular(Pos pos, std::string_view form) {
  if (pos == Pos::kNoun) return Inflection::kPlural;
  if (pos == Pos::kAdj || pos == Pos::kAdv) {
    return EndsWith(form, "st") ? Inflection::kSuperlative : Inflection::kComparative;
  }
  if (EndsWith(form, "ing")) return Inflection::kGerund;
  // "be" is the one verb whose present forms differ from its lemma: "am" and
  // "are" stand where other verbs use the base form ("they are": "they
  // exist"), not the past ("became" comes from "was", never from "are").
  if (form == "am" || form == "are" || form == "art") return Inflection::kBase;
  if (EndsWith(form, "s") && form != "was" && (!EndsWith(form, "ss") || EndsWith(form, "sses"))) {
    return Inflection::kThirdPerson;
  }
  return Inflection::kPast;
}

// Candidate (lemma, inflection) pairs by rule for one pos, unfiltered.
void RegularAnalyses(std::string_view w, Pos pos, std::vector<Analysis>* out) {
  auto add = [&](std::string lemma, Inflection infl) {
    if (!lemma.empty()) out->push_back({std::move(lemma), pos, infl});
  };
  auto undouble = [&](size_t drop, Inflection infl) {
    std::string_view s = w.substr(0, w.size() - drop);
    if (s.size() >= 3 && s.back() == s[s.size() - 2] && IsConsonant(s.back())) {
      add(std::string(s.substr(0, s.size() - 1)), infl);
    }
  };
  if (pos == Pos::kNoun || pos == Pos::kVerb) {
    Inflection s_infl = pos == Pos::kNoun ? Inflection::kPlural : Inflection::kThirdPerson;
    if (EndsWith(w, "ies") && w.size() > 4) {
      add(Stem(w, 3, "y"), s_infl);
      add(Stem(w, 1), s_infl);
    } else if (EndsWith(w, "ves") && pos == Pos::kNoun) {
      add(Stem(w, 3, "f"), s_infl);
      add(Stem(w, 3, "fe"), s_infl);
      add(Stem(w, 1), s_infl);
    } else if (EndsWith(w, "es")) {
      add(Stem(w, 2), s_infl);
      add(Stem(w, 1), s_infl);
    } else if (EndsWith(w, "s") && !EndsWith(w, "ss") && w.size() > 2) {
      add(Stem(w, 1), s_infl);
    }
  }
  if (pos == Pos::kNoun && EndsWith(w, "'s") && w.size() > 2)
    add(Stem(w, 2), Inflection::kPossessive);
  if (pos == Pos::kNoun && EndsWith(w, "men") && w.size() > 4)
    add(Stem(w, 3, "man"), Inflection::kPlural);
  if (pos == Pos::kVerb) {
    if (EndsWith(w, "ied") && w.size() > 4) add(Stem(w, 3, "y"), Inflection::kPast);
    if (EndsWith(w, "ed") && w.size() > 3) {
      add(Stem(w, 2), Inflection::kPast);
      add(Stem(w, 1), Inflection::kPast);
      undouble(2, Inflection::kPast);
    }
    if (EndsWith(w, "ing") && w.size() > 4) {
      add(Stem(w, 3), Inflection::kGerund);
      add(Stem(w, 3, "e"), Inflection::kGerund);
      undouble(3, Inflection::kGerund);
      if (EndsWith(w, "ying")) add(Stem(w, 4, "ie"), Inflection::kGerund);
    }
  }
  if (pos == Pos::kAdj || pos == Pos::kAdv) {
    for (auto [suffix, infl] :
         {std::pair<std::string_view, Inflection>{"er", Inflection::kComparative},
          {"est", Inflection::kSuperlative}}) {
      if (!EndsWith(w, suffix) || w.size() <= suffix.size() + 2) continue;
      std::string_view stem = w.substr(0, w.size() - suffix.size());
      if (stem.back() == 'i') add(Stem(stem, 1, "y"), infl);
      add(std::string(stem), infl);
      add(std::string(stem) + "e", infl);
      undouble(suffix.size(), infl);
    }
  }
}

}  // namespace

std::vector<std::string> RegularForms(std::string_view w, Pos pos, Inflection infl) {
  std::vector<std::string> out;
  if (w.empty()) return out;
  std::string s(w);
  switch (infl) {
    case Inflection::kBase:
      out.push_back(s);
      break;
    case Inflection::kPlural:
    case Inflection::kThirdPerson:
      if (pos == Pos::kNoun && EndsWith(w, "man") && w.size() > 4) {
        out.push_back(Stem(w, 3, "men"));  // chairman, policeman (not "human")
        out.push_back(s + "s");
      } else if (ConsonantY(w)) {
        out.push_back(Stem(w, 1, "ies"));
      } else if (NeedsEs(w)) {
        out.push_back(s + "es");
      } else if (w.back() == 'o' && pos == Pos::kVerb) {
        out.push_back(s + "es");  // goes, does, echoes
      } else {
        out.push_back(s + "s");
        if (w.back() == 'o') out.push_back(s + "es");  // potatoes
      }
      break;
    case Inflection::kPossessive:
      out.push_back(s + "'s");
      break;
    case Inflection::kPast:
      if (w.back() == 'e') {
        out.push_back(s + "d");
      } else if (ConsonantY(w)) {
        out.push_back(Stem(w, 1, "ied"));
      } else {
        AddDoubling(w, "ed", &out);
      }
      break;
    case Inflection::kGerund:
      if (EndsWith(w, "ie")) {
        out.push_back(Stem(w, 2, "ying"));
      } else if (w.back() == 'e' && w.size() > 2 && !EndsWith(w, "ee") && !EndsWith(w, "ye") &&
                 !EndsWith(w, "oe")) {
        out.push_back(Stem(w, 1, "ing"));
      } else {
        AddDoubling(w, "ing", &out);
      }
      break;
    case Inflection::kComparative:
    case Inflection::kSuperlative: {
      std::string_view suffix = infl == Inflection::kComparative ? "er" : "est";
      if (w.back() == 'e') {
        out.push_back(s + std::string(suffix.substr(1)));
      } else if (ConsonantY(w)) {
        out.push_back(Stem(w, 1, "i") + std::string(suffix));
      } else if (Syllables(w) <= 1) {
        AddDoubling(w, suffix, &out);
      } else {
        out.push_back(s + std::string(suffix));
      }
      break;
    }
  }
  return out;
}

// Common irregular forms that WordNet's morphy derives by rule or lists as
// lemmas of their own, so the .exc files lack them.
struct BuiltinIrregular {
  Pos pos;
  std::string_view form, lemma;
};
constexpr BuiltinIrregular kBuiltinIrregulars[] = {
    {Pos::kNoun, "people", "person"}, {Pos::kNoun, "men", "man"},
    {Pos::kNoun, "women", "woman"},   {Pos::kNoun, "children", "child"},
    {Pos::kAdv, "furthest", "far"},   {Pos::kAdv, "farthest", "far"},
    {Pos::kAdj, "further", "far"},    {Pos::kAdj, "farther", "far"},
    {Pos::kAdj, "furthest", "far"},   {Pos::kAdj, "farthest", "far"}};

Morphology::Morphology() {
  for (std::string_view v : kInvariantPastVerbs) {
    by_lemma_[std::string(v)].push_back({std::string(v), Pos::kVerb, Inflection::kPast, true});
  }
  for (const BuiltinIrregular& b : kBuiltinIrregulars) AddIrregular(b.pos, b.form, b.lemma, true);
}

void Morphology::AddIrregular(Pos pos, std::string_view form, std::string_view lemma,
                              bool builtin) {
  if (form.empty() || lemma.empty() || form == lemma) return;
  Inflection infl = GuessIrregular(pos, form);
  std::vector<Irregular>& forms = by_form_[std::string(form)];
  for (const Irregular& irr : forms) {
    if (irr.other == lemma && irr.pos == pos) return;  // already known
  }
  forms.push_back({std::string(lemma), pos, infl, builtin});
  by_lemma_[std::string(lemma)].push_back({std::string(form), pos, infl, builtin});
  if (!builtin) ++irregular_count_;
}

Status Morphology::LoadWordNetExceptions(const std::string& dir) {
  const std::pair<const char*, Pos> kFiles[] = {{"noun.exc", Pos::kNoun},
                                                {"verb.exc", Pos::kVerb},
                                                {"adj.exc", Pos::kAdj},
                                                {"adv.exc", Pos::kAdv}};
  for (const auto& [name, pos] : kFiles) {
    std::unique_ptr<LineReader> reader;
    UNSPIN_RETURN_IF_ERROR(LineReader::Open(dir + "/" + name, &reader));
    std::string_view line;
    while (reader->Next(&line)) {
      std::vector<std::string> fields;
      size_t i = 0;
      while (i < line.size()) {
        size_t j = line.find(' ', i);
        if (j == std::string_view::npos) j = line.size();
        if (j > i) {
          std::string f(line.substr(i, j - i));
          std::replace(f.begin(), f.end(), '_', ' ');
          fields.push_back(std::move(f));
        }
        i = j + 1;
      }
      for (size_t k = 1; k < fields.size(); ++k) AddIrregular(pos, fields[0], fields[k]);
    }
    UNSPIN_RETURN_IF_ERROR(reader->status());
  }
  if (irregular_count_ == 0)
    return Status::Corruption(dir + ": no irregular forms in the .exc files");
  return Status::Ok();
}

void Morphology::Analyze(std::string_view word, const LemmaFilter& is_lemma,
                         std::vector<Analysis>* out) const {
  size_t first = out->size();
  auto push = [&](Analysis a) {
    if (std::find(out->begin() + first, out->end(), a) == out->end()) out->push_back(std::move(a));
  };
  auto it = by_form_.find(std::string(word));
  if (it != by_form_.end()) {
    for (const Irregular& irr : it->second) push({irr.other, irr.pos, irr.inflection});
  }
  std::vector<Analysis> regular;
  for (Pos pos : {Pos::kNoun, Pos::kVerb, Pos::kAdj, Pos::kAdv}) {
    if (is_lemma(word, pos)) push({std::string(word), pos, Inflection::kBase});
    regular.clear();
    RegularAnalyses(word, pos, &regular);
    for (Analysis& a : regular) {
      if (a.lemma != word && is_lemma(a.lemma, a.pos)) push(std::move(a));
    }
  }
}

void Morphology::Inflect(std::string_view lemma, Pos pos, Inflection infl,
                         const WordFilter& is_word, std::vector<std::string>* out) const {
  if (infl == Inflection::kBase || pos == Pos::kAny) {
    if (infl == Inflection::kBase) out->emplace_back(lemma);
    return;
  }
  auto it = by_lemma_.find(std::string(lemma));
  bool irregular = false;
  if (it != by_lemma_.end()) {
    for (const Irregular& irr : it->second) {
      if (irr.pos == pos && irr.inflection == infl) {
        irregular = true;
        if (!is_word || is_word(irr.other)) out->push_back(irr.other);
      }
    }
  }
  if (irregular) return;
  for (std::string& form : RegularForms(lemma, pos, infl)) {
    if (!is_word || is_word(form)) {
      out->push_back(std::move(form));
      return;
    }
  }
}

size_t PhraseHead(std::string_view phrase, Pos pos) {
  std::vector<std::string_view> words = SplitPhrase(phrase);
  if (words.size() <= 1 || pos != Pos::kNoun) return 0;
  // "rate of interest", "state of the art": the head precedes the preposition.
  static constexpr std::string_view kPrepositions[] = {"of", "in",   "for",  "on", "at",
                                                       "to", "with", "from", "by", "under"};
  for (size_t i = 1; i < words.size(); ++i) {
    for (std::string_view p : kPrepositions) {
      if (words[i] == p) return i - 1;
    }
  }
  return words.size() - 1;
}

void Morphology::InflectPhrase(std::string_view phrase, Pos pos, Inflection infl,
                               const WordFilter& is_word, std::vector<std::string>* out) const {
  if (infl == Inflection::kBase) {
    out->emplace_back(phrase);
    return;
  }
  std::vector<std::string_view> words = SplitPhrase(phrase);
  // Multiword adjectives and adverbs ("good enough") do not inflect.
  if (words.size() > 1 && (pos == Pos::kAdj || pos == Pos::kAdv)) return;
  size_t head = PhraseHead(phrase, pos);
  std::vector<std::string> forms;
  Inflect(words.empty() ? phrase : words[head], pos, infl, is_word, &forms);
  for (const std::string& f : forms) {
    std::string s;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i) s += ' ';
      s += i == head ? std::string_view(f) : words[i];
    }
    out->push_back(std::move(s));
  }
}

std::string Morphology::Serialize() const {
  std::vector<std::string> lines;
  for (const auto& [form, list] : by_form_) {
    for (const Irregular& irr : list) {
      if (irr.builtin) continue;
      lines.push_back(std::string(PosName(irr.pos)) + "\t" + form + "\t" + irr.other + "\n");
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

Status Morphology::Parse(std::string_view text) {
  for (std::string_view line : SplitLines(text)) {
    if (line.empty()) continue;
    size_t a = line.find('\t');
    size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
    Pos pos;
    if (b == std::string_view::npos || !ParsePos(line.substr(0, a), &pos)) {
      return Status::Corruption("morphology table: malformed line '" + std::string(line) + "'");
    }
    AddIrregular(pos, line.substr(a + 1, b - a - 1), line.substr(b + 1));
  }
  return Status::Ok();
}

}  // namespace unspin
