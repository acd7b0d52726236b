#include "lexicon/dictionary_reader.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <memory>
#include <vector>

#include "base/line_reader.h"
#include "text/phrase.h"

namespace unspin {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '{'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '}')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    std::string_view piece =
        Trim(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

bool ParseFloat(std::string_view s, float* v) {
  s = Trim(s);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

Status ReadSpinnerDictionary(const std::string& path, int source, Inventory* inventory,
                             DictionaryStats* stats, SubstitutionRates* rates) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  DictionaryStats local;
  auto add = [&](std::string_view from, std::string_view to, float w) {
    if (inventory->Add(source, from, to, Pos::kAny, w)) ++local.relations;
  };
  std::string_view line;
  while (r->Next(&line)) {
    ++local.lines;
    std::string_view t = Trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (line.find('\t') != std::string_view::npos) {
      std::vector<std::string_view> f;
      size_t start = 0;
      for (;;) {
        size_t end = line.find('\t', start);
        f.push_back(line.substr(start, end == line.npos ? line.npos : end - start));
        if (end == line.npos) break;
        start = end + 1;
      }
      float w = 1.0f, occurrences = 0.0f;
      if (f.size() < 2 || f.size() > 4 || (f.size() >= 3 && (!ParseFloat(f[2], &w) || !(w > 0))) ||
          (f.size() == 4 && (!ParseFloat(f[3], &occurrences) || !(occurrences >= 0)))) {
        return Status::InvalidArgument(
            path + ":" + std::to_string(r->line_number()) +
            ": expected 'from<TAB>to[<TAB>positive weight[<TAB>occurrences]]'");
      }
      ++local.pairs;
      add(f[0], f[1], w);
      if (rates != nullptr && f.size() == 4) rates->Add(f[0], f[1], w, occurrences);
    } else if (line.find('|') != std::string_view::npos) {
      std::vector<std::string_view> members = Split(line, '|');
      ++local.groups;
      for (std::string_view a : members) {
        for (std::string_view b : members) {
          if (a.data() != b.data()) add(a, b, 1.0f);
        }
      }
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
      std::string_view head = Trim(line.substr(0, colon));
      ++local.lists;
      for (std::string_view syn : Split(line.substr(colon + 1), ',')) add(head, syn, 1.0f);
    } else {
      ++local.skipped;
    }
  }
  UNSPIN_RETURN_IF_ERROR(r->status());
  if (local.relations == 0) {
    return Status::InvalidArgument(path +
                                   ": no substitutions found; expected 'a|b|c', 'word:syn,syn' "
                                   "or 'from<TAB>to[<TAB>weight]' lines");
  }
  if (stats) *stats = local;
  return Status::Ok();
}

void SubstitutionRates::Add(std::string_view original, std::string_view spun, double count,
                            double occurrences) {
  Seen& entry = seen[NormalizePhrase(spun)];
  entry.originals.insert(NormalizePhrase(original));
  entry.substituted += count;
  entry.occurrences = std::max(entry.occurrences, occurrences);
}

void SubstitutionRates::Merge(SubstitutionRates&& other) {
  for (auto& [spun, from] : other.seen) {
    Seen& entry = seen[spun];
    entry.originals.merge(from.originals);
    entry.substituted += from.substituted;
    entry.occurrences = std::max(entry.occurrences, from.occurrences);
  }
}

double SubstitutionRates::Rate(std::string_view spun, std::string_view original) const {
  auto it = seen.find(NormalizePhrase(spun));
  if (it == seen.end() || !it->second.originals.contains(NormalizePhrase(original))) return 0;
  // Add-one smoothing: a phrase seen once as a substitution is not yet sure.
  return std::min(1.0, it->second.substituted / (it->second.occurrences + 1));
}

bool IsLearnedDictionary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(kLearnedDictionaryHeader.size(), '\0');
  return in.read(head.data(), static_cast<std::streamsize>(head.size())) &&
         head == kLearnedDictionaryHeader;
}

Status ParseWeightedPath(const std::string& arg, float default_weight, std::string* path,
                         float* weight) {
  size_t at = arg.rfind('@');
  *path = arg;
  *weight = default_weight;
  if (at == std::string::npos) return Status::Ok();
  float w;
  if (!ParseFloat(std::string_view(arg).substr(at + 1), &w) || !(w > 0)) {
    return Status::InvalidArgument("'" + arg + "': expected PATH or PATH@WEIGHT with WEIGHT > 0");
  }
  *path = arg.substr(0, at);
  *weight = w;
  return Status::Ok();
}

}  // namespace unspin
