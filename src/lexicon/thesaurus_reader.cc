#include "lexicon/thesaurus_reader.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <unordered_map>
#include <vector>

#include "base/line_reader.h"

namespace unspin {
namespace {

Status LineError(const LineReader& r, const std::string& what) {
  return Status::Corruption(r.path() + ":" + std::to_string(r.line_number()) + ": " + what);
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}

// Splits a mythes term into its text and relation weight (0 = antonym).
std::string_view MythesTerm(std::string_view term, const ThesaurusWeights& w, float* weight) {
  *weight = w.synonym;
  size_t paren = term.rfind(" (");
  if (paren == std::string_view::npos || term.back() != ')') return term;
  std::string_view mark = term.substr(paren + 2, term.size() - paren - 3);
  if (mark == "antonym") {
    *weight = 0;
  } else if (mark == "similar term") {
    *weight = w.similar;
  } else if (mark == "related term") {
    *weight = w.related;
  } else if (mark == "generic term") {
    *weight = w.generic;
  } else {
    return term;  // a parenthesis that belongs to the term
  }
  return term.substr(0, paren);
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    if (ch < 0x80) {
      out += static_cast<char>(ch);
    } else {
      out += static_cast<char>(0xc0 | (ch >> 6));
      out += static_cast<char>(0x80 | (ch & 0x3f));
    }
  }
  return out;
}

}  // namespace

Status ReadMythes(const std::string& dat_path, int source, Inventory* inventory,
                  ThesaurusStats* stats, const ThesaurusWeights& weights) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(dat_path, &r));
  ThesaurusStats local;
  std::string_view line;
  if (!r->Next(&line)) {
    UNSPIN_RETURN_IF_ERROR(r->status());
    return Status::Corruption(dat_path + ": empty mythes file");
  }
  if (line.find('|') != std::string_view::npos) {
    return LineError(*r, "expected the encoding line (for example UTF-8) of a mythes .dat file");
  }
  const bool latin1 = line.find("8859-1") != std::string_view::npos ||
                      line.find("8859_1") != std::string_view::npos;
  std::string head, converted;
  std::vector<std::pair<std::string_view, float>> members;
  while (r->Next(&line)) {
    if (line.empty()) continue;
    if (latin1) {
      converted = Latin1ToUtf8(line);
      line = converted;
    }
    size_t bar = line.rfind('|');
    unsigned senses = 0;
    if (bar == std::string_view::npos || line.front() == '(' ||
        std::from_chars(line.data() + bar + 1, line.data() + line.size(), senses).ec !=
            std::errc()) {
      return LineError(*r, "expected 'headword|senses'");
    }
    head.assign(line.substr(0, bar));
    ++local.headwords;
    for (unsigned i = 0; i < senses; ++i) {
      if (!r->Next(&line)) {
        UNSPIN_RETURN_IF_ERROR(r->status());
        return LineError(
            *r, "truncated: '" + head + "' promises " + std::to_string(senses) + " senses");
      }
      if (latin1) {
        converted = Latin1ToUtf8(line);
        line = converted;
      }
      std::vector<std::string_view> fields = SplitOn(line, '|');
      Pos pos;
      if (fields.size() < 2 || !ParsePos(fields[0], &pos)) {
        return LineError(*r, "expected '(pos)|term|...' for '" + head + "'");
      }
      ++local.senses;
      inventory->AddLemma(head, pos);
      members.clear();
      for (size_t f = 1; f < fields.size(); ++f) {
        float w;
        std::string_view term = MythesTerm(fields[f], weights, &w);
        if (w == 0) {
          ++local.antonyms_skipped;
          continue;
        }
        if (inventory->Add(source, head, term, pos, w)) ++local.relations;
        members.emplace_back(term, w);
      }
      if (weights.co_listed > 0) {
        for (const auto& [a, wa] : members) {
          for (const auto& [b, wb] : members) {
            if (a.data() != b.data() &&
                inventory->Add(source, a, b, pos, weights.co_listed * wa * wb)) {
              ++local.relations;
            }
          }
        }
      }
    }
  }
  UNSPIN_RETURN_IF_ERROR(r->status());
  if (local.headwords == 0) return Status::Corruption(dat_path + ": no headwords");
  if (stats) *stats = local;
  return Status::Ok();
}

namespace {

struct Synset {
  std::vector<std::string> words;
  std::vector<uint64_t> similar;  // offsets of similar-to synsets
};

std::string WordNetWord(std::string_view w) {
  size_t paren = w.find('(');  // adjective markers: (a), (p), (ip)
  if (paren != std::string_view::npos) w = w.substr(0, paren);
  std::string out(w);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

Status ReadDataFile(const std::string& path, std::unordered_map<uint64_t, Synset>* synsets) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  std::string_view line;
  while (r->Next(&line)) {
    if (line.empty() || line.front() == ' ') continue;  // licence header
    std::vector<std::string_view> f = SplitOn(line.substr(0, line.find(" | ")), ' ');
    uint64_t offset = 0;
    unsigned wcnt = 0, pcnt = 0;
    auto num = [](std::string_view s, unsigned base, auto* v) {
      return !s.empty() &&
             std::from_chars(s.data(), s.data() + s.size(), *v, base).ec == std::errc();
    };
    if (f.size() < 4 || !num(f[0], 10, &offset) || !num(f[3], 16, &wcnt) ||
        f.size() < 5 + 2 * size_t{wcnt} || !num(f[4 + 2 * wcnt], 10, &pcnt) ||
        f.size() < 5 + 2 * size_t{wcnt} + 4 * size_t{pcnt}) {
      return LineError(*r, "malformed WordNet synset line");
    }
    Synset& s = (*synsets)[offset];
    for (unsigned i = 0; i < wcnt; ++i) s.words.push_back(WordNetWord(f[4 + 2 * i]));
    for (unsigned p = 0; p < pcnt; ++p) {
      size_t at = 5 + 2 * wcnt + 4 * p;
      uint64_t target = 0;
      if (f[at] == "&" && num(f[at + 1], 10, &target)) s.similar.push_back(target);
    }
  }
  return r->status();
}

Status ReadIndexFile(const std::string& path, Pos pos, Inventory* inventory) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  std::string_view line;
  while (r->Next(&line)) {
    if (line.empty() || line.front() == ' ') continue;
    inventory->AddLemma(WordNetWord(line.substr(0, line.find(' '))), pos);
  }
  return r->status();
}

}  // namespace

Status ReadWordNet(const std::string& dir, int source, Inventory* inventory, ThesaurusStats* stats,
                   const ThesaurusWeights& weights) {
  const std::pair<const char*, Pos> kParts[] = {
      {"noun", Pos::kNoun}, {"verb", Pos::kVerb}, {"adj", Pos::kAdj}, {"adv", Pos::kAdv}};
  ThesaurusStats local;
  for (const auto& [name, pos] : kParts) {
    UNSPIN_RETURN_IF_ERROR(ReadIndexFile(dir + "/index." + name, pos, inventory));
    std::unordered_map<uint64_t, Synset> synsets;
    UNSPIN_RETURN_IF_ERROR(ReadDataFile(dir + "/data." + name, &synsets));
    for (const auto& [offset, s] : synsets) {
      ++local.senses;
      for (const std::string& a : s.words) {
        for (const std::string& b : s.words) {
          if (a != b && inventory->Add(source, a, b, pos, weights.synonym)) ++local.relations;
        }
        for (uint64_t target : s.similar) {
          auto it = synsets.find(target);
          if (it == synsets.end()) continue;
          for (const std::string& b : it->second.words) {
            if (inventory->Add(source, a, b, pos, weights.similar)) ++local.relations;
          }
        }
      }
    }
  }
  if (local.senses == 0) return Status::Corruption(dir + ": no WordNet synsets found");
  if (stats) *stats = local;
  return Status::Ok();
}

}  // namespace unspin
