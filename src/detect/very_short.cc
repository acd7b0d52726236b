#include "detect/very_short.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <random>

namespace unspin {
namespace {

// ASCII whitespace, as std::isspace reads it in the "C" locale.
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<WordRun> CutWordRuns(const std::vector<std::string>& docs,
                                 const std::vector<size_t>& lengths, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<WordRun> runs;
  std::vector<std::string_view> words;
  for (const std::string& doc : docs) {
    words.clear();
    for (size_t i = 0; i < doc.size();) {
      while (i < doc.size() && IsSpace(doc[i])) ++i;
      const size_t start = i;
      while (i < doc.size() && !IsSpace(doc[i])) ++i;
      if (i > start) words.emplace_back(doc.data() + start, i - start);
    }
    for (size_t k : lengths) {
      if (k == 0 || words.size() < k) continue;
      // The generator's raw output (not a distribution, whose mapping the
      // standard leaves to the library) picks the place.
      const size_t at = static_cast<size_t>(rng() % (words.size() - k + 1));
      WordRun run;
      run.words = k;
      for (size_t j = at; j < at + k; ++j) {
        if (j > at) run.text += ' ';
        run.text += words[j];
      }
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

Status FitVeryShortBar(const std::vector<WordRun>& runs, const std::vector<double>& scores,
                       VeryShortBar* out) {
  std::map<size_t, std::vector<double>> by_length;
  for (size_t i = 0; i < runs.size() && i < scores.size(); ++i) {
    by_length[runs[i].words].push_back(scores[i]);
  }
  if (by_length.size() < 2) {
    return Status::InvalidArgument("very short texts: runs of at least two lengths are needed");
  }
  std::vector<std::pair<double, double>> points;  // (words, log10(1 - 99th percentile))
  for (auto& [words, s] : by_length) {
    if (s.size() < kMinRunsPerLength) {
      return Status::InvalidArgument("very short texts: " + std::to_string(s.size()) +
                                     " clean runs of " + std::to_string(words) + " words (need " +
                                     std::to_string(kMinRunsPerLength) + ")");
    }
    std::sort(s.begin(), s.end());
    const double q99 =
        s[std::min(s.size() - 1, static_cast<size_t>(0.99 * static_cast<double>(s.size())))];
    points.emplace_back(static_cast<double>(words), std::log10(std::max(1 - q99, 1e-9)));
  }
  double mx = 0, my = 0;
  for (const auto& [x, y] : points) {
    mx += x;
    my += y;
  }
  mx /= static_cast<double>(points.size());
  my /= static_cast<double>(points.size());
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const double slope = sxy / sxx;
  if (!(slope > 0)) {
    return Status::InvalidArgument(
        "very short texts: the clean runs' 99th percentile does not fall with length");
  }
  out->min_words = by_length.begin()->first;
  out->bar_slope = slope;
  out->bar_log10 = my - slope * mx;
  return Status::Ok();
}

}  // namespace unspin
