// WordModel: evaluation and JSON form of the per-word gradient-boosted trees.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

#include "detect/word_model_json.h"
#include "unspin/detector.h"

namespace unspin {

double WordModel::Probability(const WordEvidence& e) const {
  float x[WordEvidence::kCount];
  for (size_t i = 0; i < WordEvidence::kCount; ++i) x[i] = static_cast<float>(e.values[i]);
  double margin = base_margin;
  for (uint32_t root : roots) {
    const Node* n = &nodes[root];
    while (n->feature >= 0) n = &nodes[x[n->feature] < n->threshold ? n->left : n->right];
    margin += n->threshold;
  }
  return 1 / (1 + std::exp(-margin));
}

Status WordModel::Compile() {
  // Depth of each tree (nodes come after their parent: one forward pass).
  depth_ = 0;
  std::vector<int> depth(nodes.size(), 0);
  for (size_t t = 0; t < roots.size(); ++t) {
    const uint32_t end = t + 1 < roots.size() ? roots[t + 1] : static_cast<uint32_t>(nodes.size());
    for (uint32_t i = roots[t]; i < end; ++i) {
      if (nodes[i].feature < 0) continue;
      depth[nodes[i].left] = depth[nodes[i].right] = depth[i] + 1;
      depth_ = std::max(depth_, depth[i] + 1);
    }
  }
  if (depth_ > kMaxCompiledDepth) {
    return Status::InvalidArgument("word model: trees deeper than " +
                                   std::to_string(kMaxCompiledDepth) + " levels");
  }
  for (std::vector<float>& t : thresholds_) t.clear();
  for (const Node& n : nodes) {
    if (n.feature >= 0) thresholds_[static_cast<size_t>(n.feature)].push_back(n.threshold);
  }
  size_t most = 0;
  for (std::vector<float>& t : thresholds_) {
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    most = std::max(most, t.size());
  }
  // x >= thresholds[k] exactly when rank(x), how many thresholds are <= x,
  // is k + 1 or more.
  auto rank_of = [&](const Node& n) {
    const std::vector<float>& t = thresholds_[static_cast<size_t>(n.feature)];
    return static_cast<size_t>(std::lower_bound(t.begin(), t.end(), n.threshold) - t.begin()) + 1;
  };
  const size_t inner = (size_t{1} << depth_) - 1, leaves = size_t{1} << depth_;
  leaves_.assign(roots.size() * leaves, 0);
  // (rank, feature) per slot; a leaf above the bottom fills every slot below
  // it, its splits reading the constant rank 0 at [kCount] and going left.
  std::vector<std::pair<size_t, uint8_t>> split(roots.size() * inner,
                                                {1, uint8_t{WordEvidence::kCount}});
  for (size_t t = 0; t < roots.size(); ++t) {
    float* leaf = leaves_.data() + t * leaves;
    std::vector<std::tuple<size_t, uint32_t, int>> stack = {{0, roots[t], 0}};  // slot, node, level
    while (!stack.empty()) {
      auto [slot, node, level] = stack.back();
      stack.pop_back();
      const Node& n = nodes[node];
      if (level == depth_) {
        leaf[slot - inner] = n.threshold;  // a leaf: Compile's depth guarantees it
        continue;
      }
      const bool is_leaf = n.feature < 0;
      if (!is_leaf) split[t * inner + slot] = {rank_of(n), static_cast<uint8_t>(n.feature)};
      stack.emplace_back(2 * slot + 1, is_leaf ? node : n.left, level + 1);
      stack.emplace_back(2 * slot + 2, is_leaf ? node : n.right, level + 1);
    }
  }
  narrow_.clear();
  wide_.clear();
  auto fill = [&split](auto* out) {
    using Rank = decltype(out->front().rank);
    out->reserve(split.size());
    for (const auto& [rank, feature] : split) out->push_back({static_cast<Rank>(rank), feature});
  };
  if (most < 256) {
    fill(&narrow_);
  } else {
    fill(&wide_);
  }
  return Status::Ok();
}

void SetProbabilities(const WordModel& model, WordEvidence* words, size_t n) {
  constexpr size_t kChunk = 256;
  double p[kChunk];
  for (size_t at = 0; at < n; at += kChunk) {
    const size_t m = std::min(kChunk, n - at);
    model.Probabilities(words + at, m, p);
    for (size_t i = 0; i < m; ++i) words[at + i].probability = p[i];
  }
}

void WordModel::Probabilities(const WordEvidence* words, size_t n, double* out) const {
  if (!narrow_.empty()) {
    Walk(narrow_, words, n, out);
  } else {
    Walk(wide_, words, n, out);
  }
}

template <typename Rank>
void WordModel::Walk(const std::vector<Split<Rank>>& splits, const WordEvidence* words, size_t n,
                     double* out) const {
  const size_t inner = (size_t{1} << depth_) - 1, leaves = size_t{1} << depth_;
  // Words walked through each tree together, their slots held in registers:
  // the walks are independent, so their loads overlap.
  constexpr size_t kLanes = 16;
  Rank rank[kLanes][WordEvidence::kCount + 1] = {};  // [kCount] stays 0
  for (size_t at = 0; at < n; at += kLanes) {
    const size_t m = std::min(kLanes, n - at);
    for (size_t w = 0; w < m; ++w) {
      for (size_t f = 0; f < WordEvidence::kCount; ++f) {
        const float x = static_cast<float>(words[at + w].values[f]);
        const std::vector<float>& t = thresholds_[f];
        // NaN goes right at every split, as in Probability (x < t is false).
        rank[w][f] = static_cast<Rank>(
            std::isnan(x) ? t.size() : std::upper_bound(t.begin(), t.end(), x) - t.begin());
      }
    }
    double margin[kLanes];
    std::fill(margin, margin + kLanes, base_margin);
    for (size_t t = 0; t < roots.size(); ++t) {
      const Split<Rank>* split = splits.data() + t * inner;
      const float* leaf = leaves_.data() + t * leaves;
      uint32_t slot[kLanes] = {};
      for (int level = 0; level < depth_; ++level) {
#pragma GCC unroll 16
        for (size_t w = 0; w < kLanes; ++w) {
          const Split<Rank>& s = split[slot[w]];
          slot[w] = 2 * slot[w] + 1 + (rank[w][s.feature] >= s.rank ? 1 : 0);
        }
      }
#pragma GCC unroll 16
      for (size_t w = 0; w < kLanes; ++w) margin[w] += leaf[slot[w] - inner];
    }
    for (size_t w = 0; w < m; ++w) out[at + w] = 1 / (1 + std::exp(-margin[w]));
  }
}

namespace {

// The shortest decimal that reads back as the same float, as a double: the
// trees hold floats, and their 17-digit double forms made the parameters
// file half again as long to store and to parse at every start.
double ShortestFloat(float f) {
  char buf[32];
  const auto written = std::to_chars(buf, buf + sizeof buf, f);
  double d = f;
  std::from_chars(buf, written.ptr, d);
  return d;
}

}  // namespace

std::string WordModel::ToJson() const {
  nlohmann::json trees = nlohmann::json::array();
  for (size_t t = 0; t < roots.size(); ++t) {
    const uint32_t begin = roots[t];
    const uint32_t end = t + 1 < roots.size() ? roots[t + 1] : static_cast<uint32_t>(nodes.size());
    nlohmann::json tree = nlohmann::json::array();
    for (uint32_t i = begin; i < end; ++i) {
      const Node& n = nodes[i];
      if (n.feature < 0) {
        tree.push_back({-1, ShortestFloat(n.threshold), 0, 0});
      } else {
        tree.push_back({n.feature, ShortestFloat(n.threshold), n.left - begin, n.right - begin});
      }
    }
    trees.push_back(std::move(tree));
  }
  nlohmann::json j = {
      {"base_margin", ShortestFloat(base_margin)}, {"threshold", threshold}, {"trees", trees}};
  return j.dump();
}

namespace json_read {

double Number(simdjson::dom::element e, const char* what) {
  switch (e.type()) {
    case simdjson::dom::element_type::INT64:
      return static_cast<double>(int64_t(e));
    case simdjson::dom::element_type::UINT64:
      return static_cast<double>(uint64_t(e));
    case simdjson::dom::element_type::DOUBLE:
      return double(e);
    default:
      throw std::runtime_error(std::string(what) + " is not a number");
  }
}

int64_t Int(simdjson::dom::element e, const char* what) {
  if (e.type() == simdjson::dom::element_type::INT64) return int64_t(e);
  if (e.type() == simdjson::dom::element_type::UINT64 && uint64_t(e) <= INT64_MAX) {
    return static_cast<int64_t>(uint64_t(e));
  }
  throw std::runtime_error(std::string(what) + " is not an integer");
}

void ReadWordModel(simdjson::dom::element e, WordModel* out) {
  WordModel m;
  m.base_margin = static_cast<float>(Number(e["base_margin"], "\"base_margin\""));
  m.threshold = Number(e["threshold"], "\"threshold\"");
  if (!(m.threshold > 0 && m.threshold < 1)) throw std::runtime_error("threshold outside (0, 1)");
  simdjson::dom::array trees;
  if (e["trees"].get(trees) != simdjson::SUCCESS || trees.size() == 0) {
    throw std::runtime_error("\"trees\" needs trees");
  }
  for (simdjson::dom::element tree_element : trees) {
    simdjson::dom::array tree;
    if (tree_element.get(tree) != simdjson::SUCCESS || tree.size() == 0) {
      throw std::runtime_error("an empty tree");
    }
    const uint32_t begin = static_cast<uint32_t>(m.nodes.size());
    const int64_t size = static_cast<int64_t>(tree.size());
    m.roots.push_back(begin);
    int64_t i = 0;
    for (simdjson::dom::element row_element : tree) {
      simdjson::dom::array row;
      if (row_element.get(row) != simdjson::SUCCESS || row.size() != 4) {
        throw std::runtime_error("a node needs 4 numbers");
      }
      WordModel::Node n;
      n.feature = static_cast<int32_t>(Int(row.at(0), "a node's feature"));
      n.threshold = static_cast<float>(Number(row.at(1), "a node's value"));
      if (!std::isfinite(n.threshold)) throw std::runtime_error("a node's value is not finite");
      if (n.feature >= static_cast<int32_t>(WordEvidence::kCount)) {
        throw std::runtime_error("a node tests feature " + std::to_string(n.feature) + " of " +
                                 std::to_string(WordEvidence::kCount));
      }
      if (n.feature >= 0) {
        const int64_t left = Int(row.at(2), "a node's child"),
                      right = Int(row.at(3), "a node's child");
        // Children after their parent and inside the tree: evaluation ends.
        if (left <= i || right <= i || left >= size || right >= size) {
          throw std::runtime_error("a node's children are out of order or range");
        }
        n.left = begin + static_cast<uint32_t>(left);
        n.right = begin + static_cast<uint32_t>(right);
      }
      m.nodes.push_back(n);
      ++i;
    }
  }
  Status compiled = m.Compile();
  if (!compiled.ok()) throw std::runtime_error(compiled.message());
  *out = std::move(m);
}

}  // namespace json_read

Status WordModel::FromJson(std::string_view json, WordModel* out) {
  try {
    simdjson::dom::parser parser;
    json_read::ReadWordModel(parser.parse(json.data(), json.size()), out);
    return Status::Ok();
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (what.rfind("word model: ", 0) == 0) return Status::InvalidArgument(what);
    return Status::InvalidArgument("word model: " + what);
  }
}

void WordProbabilitySummary::Add(const WordEvidence& word) {
  const double p = word.probability;
  sum_ += p;
  p03_ += p >= 0.3;
  p05_ += p >= 0.5;
  p07_ += p >= 0.7;
  p08_ += p >= 0.8;
  p09_ += p >= 0.9;
  p095_ += p >= 0.95;
  pairs_ += p >= 0.5 && previous_ >= 0.5;
  previous_ = p;
  if (word.values[9] > 0) {  // the word has candidate originals
    candidate_sum_ += p;
    ++candidates_;
  }
  ++count_;
  ++histogram_[std::min<size_t>(kBins - 1, static_cast<size_t>(std::max(0.0, p) * kBins))];
  if (top_.size() < 10) {
    top_.push_back(p);
    std::push_heap(top_.begin(), top_.end(), std::greater<double>());
  } else if (p > top_.front()) {
    std::pop_heap(top_.begin(), top_.end(), std::greater<double>());
    top_.back() = p;
    std::push_heap(top_.begin(), top_.end(), std::greater<double>());
  }
}

double WordProbabilitySummary::Percentile99() const {
  // The bin holding the ceil(1%)-th highest probability, by its lower edge.
  const size_t rank = std::max<size_t>(1, (count_ + 99) / 100);
  size_t above = 0;
  for (size_t b = kBins; b-- > 0;) {
    above += histogram_[b];
    if (above >= rank) return static_cast<double>(b) / kBins;
  }
  return 0;
}

void WordProbabilitySummary::SetFeatures(size_t words, DetectFeatures* f) const {
  std::vector<double> top = top_;
  std::sort(top.begin(), top.end(), std::greater<double>());  // summed highest first
  double mean_top = 0;
  for (double p : top) mean_top += p / static_cast<double>(top.size());
  const double n = static_cast<double>(std::max<size_t>(words, 1));
  f->values[10] = sum_ / n;
  f->values[11] = p03_ / n;
  f->values[12] = p05_ / n;
  f->values[13] = p07_ / n;
  f->values[14] = mean_top;
  f->values[15] = p095_ / std::sqrt(n);
  f->values[16] = p08_ / n;
  f->values[17] = p09_ / std::sqrt(n);
  f->values[18] = Percentile99();
  f->values[19] = candidates_ > 0 ? candidate_sum_ / candidates_ : 0;
  f->values[20] = pairs_ / n;
}

void SetWordModelFeatures(const std::vector<WordEvidence>& evidence, size_t words,
                          DetectFeatures* f) {
  WordProbabilitySummary summary;
  for (const WordEvidence& e : evidence) summary.Add(e);
  summary.SetFeatures(words, f);
}

}  // namespace unspin
