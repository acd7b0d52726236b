#include "lexicon/lexicon_types.h"

namespace unspin {

const char* PosName(Pos pos) {
  switch (pos) {
    case Pos::kNoun:
      return "noun";
    case Pos::kVerb:
      return "verb";
    case Pos::kAdj:
      return "adj";
    case Pos::kAdv:
      return "adv";
    case Pos::kAny:
      break;
  }
  return "any";
}

const char* InflectionName(Inflection infl) {
  static const char* const kNames[kInflectionCount] = {
      "base", "plural", "possessive", "3sg", "past", "gerund", "comparative", "superlative"};
  return kNames[static_cast<int>(infl)];
}

bool ParsePos(std::string_view name, Pos* pos) {
  if (name.size() > 2 && name.front() == '(' && name.back() == ')') {
    name = name.substr(1, name.size() - 2);
  }
  if (name == "noun" || name == "n") {
    *pos = Pos::kNoun;
  } else if (name == "verb" || name == "v") {
    *pos = Pos::kVerb;
  } else if (name == "adj" || name == "a" || name == "s") {
    *pos = Pos::kAdj;
  } else if (name == "adv" || name == "r") {
    *pos = Pos::kAdv;
  } else if (name == "any") {
    *pos = Pos::kAny;
  } else {
    return false;
  }
  return true;
}

}  // namespace unspin
