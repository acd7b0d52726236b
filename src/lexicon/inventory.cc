#include "lexicon/inventory.h"

#include <algorithm>

namespace unspin {

int Inventory::AddSource(std::string name, float weight) {
  if (sources_.size() >= kMaxSources) return -1;
  sources_.push_back({std::move(name), weight, 0});
  return static_cast<int>(sources_.size() - 1);
}

uint32_t Inventory::Intern(std::string_view normalized) {
  auto [it, inserted] =
      ids_.try_emplace(std::string(normalized), static_cast<uint32_t>(phrases_.size()));
  if (inserted) phrases_.emplace_back(normalized);
  return it->second;
}

uint32_t Inventory::InternRaw(std::string_view raw) {
  auto it = raw_ids_.find(std::string(raw));
  if (it != raw_ids_.end()) return it->second;
  std::string norm = NormalizePhrase(raw);
  uint32_t id = kNoPhrase;
  if (!norm.empty() && std::count(norm.begin(), norm.end(), ' ') < int{kMaxPhraseTokens}) {
    id = Intern(norm);
  }
  raw_ids_.emplace(std::string(raw), id);
  return id;
}

bool Inventory::Add(int source, std::string_view original, std::string_view spun, Pos pos,
                    float weight) {
  if (source < 0 || source >= static_cast<int>(sources_.size()) || !(weight > 0)) return false;
  uint32_t o = InternRaw(original);
  uint32_t s = InternRaw(spun);
  if (o == kNoPhrase || s == kNoPhrase || o == s) return false;
  relations_.push_back({o, s, weight, static_cast<uint8_t>(source), pos});
  ++sources_[source].relations;
  return true;
}

void Inventory::AddLemma(std::string_view lemma, Pos pos) {
  std::string norm = NormalizePhrase(lemma);
  if (!norm.empty()) lemmas_[static_cast<int>(pos)].insert(std::move(norm));
}

bool Inventory::IsLemma(std::string_view normalized, Pos pos) const {
  const auto& set = lemmas_[static_cast<int>(pos)];
  return set.find(std::string(normalized)) != set.end();
}

}  // namespace unspin
