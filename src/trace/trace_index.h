// The trace index on disk: a folder with a MANIFEST (JSON) naming immutable
// segment files (SectionFile containers): document ids, zstd-compressed texts,
// MinHash signatures and LSH band postings. Segments are written and fsynced
// before the manifest is replaced atomically, so a crash during a build never
// damages the published index. Queries memory-map the segments.
#ifndef UNSPIN_TRACE_TRACE_INDEX_H_
#define UNSPIN_TRACE_TRACE_INDEX_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/corpus_reader.h"
#include "base/section_file.h"
#include "trace/fingerprint.h"
#include "unspin/lexicon.h"
#include "unspin/status.h"

namespace unspin {

struct IndexStats {
  uint64_t documents = 0, segments = 0, text_bytes = 0, index_bytes = 0;
  // IndexBuildOptions::passage_words the index was built with (0: none).
  uint64_t passage_words = 0;
};

// Documents per segment unless told otherwise: a segment is built in memory
// (about 0.9 GB per million short documents), so this bounds a build's memory.
inline constexpr uint64_t kDefaultSegmentDocs = 2000000;

// How `index build` and `index add` read and fingerprint a corpus.
struct IndexBuildOptions {
  unsigned threads = 0;       // 0: all cores; the segments are the same whatever the count
  uint64_t segment_docs = 0;  // documents per segment (0: kDefaultSegmentDocs)
  // Documents read as HTML (or a folder's .html files) are indexed and
  // stored as the text a reader of the page sees (ReadHtml).
  bool html = false;
  // `index build --passages`: each document's passages of about this many
  // words (PassageRanges) also get LSH postings, so a query passage (`trace
  // --passages`) finds a source that holds it among much else; 0: none. Set
  // when the index is created; `index add` uses the index's.
  size_t passage_words = 0;
};

// `index build --passages`: IndexBuildOptions::passage_words.
inline constexpr size_t kDefaultIndexPassageWords = 75;

// Adds a corpus to the index in `dir` as new segments, creating the folder
// and manifest when `create` (refusing to overwrite an index then). The
// manifest is replaced once, after every new segment is on disk. Documents
// are fingerprinted and compressed on `options.threads` threads.
Status AddToIndex(const Lexicon& lexicon, const std::string& dir, const std::string& corpus,
                  bool create, IndexStats* stats,
                  const std::function<void(uint64_t docs, uint64_t bytes)>& progress = nullptr,
                  const IndexBuildOptions& options = {});

struct Substitution {
  std::string spun, source;
  uint64_t spun_start = 0, spun_end = 0, source_start = 0, source_end = 0;
  // The unchanged words just before and after it (the same in both texts),
  // when one touches it with only spaces between; else empty. `unspin learn`
  // widens a pair by one when the spinner's key evidently held it.
  std::string word_before, word_after;
};

struct TraceMatch {
  std::string id;
  // Jaccard similarity of the immutable shingle sets (exact for the best
  // candidates, which are re-ranked by it).
  // In passage mode (TraceOptions::passage_words), the larger of that and
  // the best passage's containment in this source.
  double score = 0;
  std::vector<Substitution> substitutions;  // for the best `align` matches
  // Passage mode: byte ranges of the query's passages this source contains
  // the most of (the passage's containment, at least the threshold), in
  // order.
  std::vector<std::pair<uint64_t, uint64_t>> passages;
};

// `trace --passages`: TraceOptions::passage_words.
inline constexpr size_t kDefaultPassageWords = 150;

struct TraceOptions {
  size_t top = 5;
  double threshold = 0.2;  // matches below are not reported
  size_t align = 1;        // matches that get aligned substitutions
  // LSH candidates whose exact similarity is computed (best signature
  // estimates first; the 32-value estimate is coarse, so heavily spun copies
  // need a deep re-rank). At least `top`.
  size_t rerank = 24;
  // Passage mode, for texts stitched from several sources (0: off). The
  // query is also cut into passages of about this many words at sentence
  // ends; each passage gathers candidates of its own (its best `rerank / 3`
  // by signature), and a candidate's score is the larger of its
  // whole-document similarity and its best passage's containment: the
  // smaller of the shares of the passage's immutable shingles and of its word
  // pairs found in the source. A query under twice this length is traced
  // whole. Against an index built with passages (IndexBuildOptions::
  // passage_words) the query is cut as the index's documents were.
  size_t passage_words = 0;
  // A passage's containment counts this much against a whole-document
  // similarity (and the threshold): a short passage shares a fifth of its
  // shingles with some unrelated text, a whole document rarely does.
  double passage_weight = 0.8;
};

class TraceIndex {
 public:
  static Status Open(const std::string& dir, std::unique_ptr<TraceIndex>* out);
  // Checks that the index was built with a lexicon of this size.
  Status CheckLexicon(const Lexicon& lexicon) const;

  void Trace(const Lexicon& lexicon, std::string_view text, const TraceOptions& options,
             std::vector<TraceMatch>* out) const;

  const IndexStats& stats() const { return stats_; }
  std::string Text(size_t segment, uint32_t doc) const;

 private:
  struct Segment;
  std::vector<std::unique_ptr<Segment>> segments_;
  IndexStats stats_;
  uint64_t lexicon_keys_ = 0;
  std::string dir_;
  friend Status OpenSegment(const std::string&, std::unique_ptr<Segment>*);

 public:
  ~TraceIndex();
};

// Aligns a spun text with its source: the replaced spans of up to six tokens
// on each side. Inserted or dropped words come with an unchanged neighbour
// (the lexicon chooses which), so both sides of a substitution have words.
std::vector<Substitution> AlignSubstitutions(const Lexicon& lexicon, std::string_view spun,
                                             std::string_view source);

}  // namespace unspin

#endif  // UNSPIN_TRACE_TRACE_INDEX_H_
