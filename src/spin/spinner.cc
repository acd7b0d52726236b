#include "spin/spinner.h"

#include <xxhash.h>

#include <cmath>

#include "lexicon/dictionary_reader.h"
#include "lexicon/inventory.h"
#include "lexicon/lexicon_impl.h"
#include "unspin/text.h"

namespace unspin {

void SpinDictionary::Add(std::string_view original, std::string_view spun, float weight) {
  if (original.empty() || spun.empty() || original == spun || !(weight > 0)) return;
  entries_[std::string(original)].push_back({std::string(spun), weight});
  for (size_t sp = original.find(' '); sp != std::string_view::npos;
       sp = original.find(' ', sp + 1)) {
    prefixes_.emplace(original.substr(0, sp));
  }
}

Status SpinDictionary::FromFiles(const std::vector<std::string>& args, SpinDictionary* out) {
  SpinDictionary d;
  for (const std::string& arg : args) {
    std::string path;
    float weight;
    UNSPIN_RETURN_IF_ERROR(ParseWeightedPath(arg, 1.0f, &path, &weight));
    Inventory inv;
    int src = inv.AddSource(path, weight);
    UNSPIN_RETURN_IF_ERROR(ReadSpinnerDictionary(path, src, &inv));
    for (const Inventory::Relation& r : inv.relations()) {
      d.Add(inv.phrase(r.original), inv.phrase(r.spun), r.weight * weight);
    }
  }
  *out = std::move(d);
  return Status::Ok();
}

SpinDictionary SpinDictionary::FromLexicon(const Lexicon& lexicon) {
  SpinDictionary d;
  for (const auto& layer : lexicon.impl().layers) {
    const ReverseIndex& ix = layer->index;
    for (uint32_t key = 0; key < ix.phrase_count(); ++key) {
      for (const IndexEntry& e : ix.Entries(key)) {
        d.Add(ix.Text(e.original), ix.Text(key), static_cast<float>(std::pow(10.0, e.log10_share)));
      }
    }
  }
  return d;
}

const std::vector<SpinDictionary::Alternative>* SpinDictionary::Find(
    std::string_view phrase) const {
  auto it = entries_.find(std::string(phrase));
  return it == entries_.end() ? nullptr : &it->second;
}

bool SpinDictionary::IsPrefix(std::string_view phrase) const {
  return prefixes_.count(std::string(phrase)) > 0;
}

namespace {

const size_t kMaxPhraseTokens = 8;

// The case to give a replacement: that of the replaced words.
CaseShape ShapeOf(const std::vector<Token>& tokens, size_t from, size_t to) {
  std::vector<const Token*> span;
  for (size_t k = from; k < to; ++k) span.push_back(&tokens[k]);
  return ReplacementShape(span);
}

}  // namespace

void Spin(const SpinDictionary& dict, std::string_view text, const SpinOptions& options,
          std::string_view stream_key, SpinResult* out) {
  out->text.clear();
  out->edits.clear();
  out->matched = 0;
  std::mt19937_64 rng(options.seed ^ XXH3_64bits(stream_key.data(), stream_key.size()));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Token> tokens;
  Tokenize(text, 0, &tokens);
  size_t copied = 0;  // input bytes already emitted
  std::string key;
  // options.consistent: each matched phrase's decision (nullptr: kept).
  std::unordered_map<std::string, const SpinDictionary::Alternative*> decisions;
  for (size_t i = 0; i < tokens.size();) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) {
      ++i;
      continue;
    }
    // Longest match: extend over non-space tokens separated by one space run.
    size_t best_end = 0, best_key_size = 0;
    const std::vector<SpinDictionary::Alternative>* best = nullptr;
    key.clear();
    size_t words = 0;
    for (size_t j = i; j < tokens.size() && words < kMaxPhraseTokens; ++j) {
      const Token& u = tokens[j];
      if (u.kind == TokenKind::kSpace) {
        if (text.substr(u.begin, u.size).find("\n\n") != std::string_view::npos) break;
        continue;
      }
      if (!key.empty()) key += ' ';
      key += u.norm;
      ++words;
      if (const auto* alts = dict.Find(key)) {
        best = alts;
        best_end = j + 1;
        best_key_size = key.size();
      }
      if (!dict.IsPrefix(key)) break;
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    ++out->matched;
    const SpinDictionary::Alternative* choice = nullptr;
    const SpinDictionary::Alternative** decided = nullptr;
    if (options.consistent) {
      key.resize(best_key_size);  // the phrase matched
      auto [it, fresh] = decisions.try_emplace(key, nullptr);
      if (!fresh) {
        if (it->second == nullptr) {
          i = best_end;  // kept before, kept again
          continue;
        }
        choice = it->second;
      }
      decided = &it->second;
    }
    if (choice == nullptr) {
      if (unit(rng) >= options.rate) {
        i = best_end;  // the spinner kept this phrase
        continue;
      }
      double total = 0;
      for (const auto& a : *best) total += a.weight;
      double pick = unit(rng) * total;
      choice = &best->back();
      for (const auto& a : *best) {
        if ((pick -= a.weight) < 0) {
          choice = &a;
          break;
        }
      }
      if (decided != nullptr) *decided = choice;
    }
    size_t begin = t.begin, end = tokens[best_end - 1].begin + tokens[best_end - 1].size;
    out->text.append(text.substr(copied, begin - copied));
    SpinEdit e;
    e.original_begin = begin;
    e.original_end = end;
    e.spun_begin = out->text.size();
    e.from = std::string(text.substr(begin, end - begin));
    e.to = ApplyCaseShape(choice->text, ShapeOf(tokens, i, best_end));
    out->text += e.to;
    e.spun_end = out->text.size();
    out->edits.push_back(std::move(e));
    copied = end;
    i = best_end;
  }
  out->text.append(text.substr(copied));
}

}  // namespace unspin
