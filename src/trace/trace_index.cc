#include "trace/trace_index.h"

#include <sys/stat.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "base/file_util.h"
#include "base/jsonl.h"
#include "base/parallel.h"
#include "text/token_diff.h"
#include "unspin/html.h"
#include "unspin/text.h"

namespace unspin {
namespace {

constexpr const char* kManifest = "MANIFEST";

template <typename T>
std::string_view Bytes(const std::vector<T>& v) {
  return std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// Splits (band key, document) postings into parallel arrays sorted by key,
// then document. Postings arrive in document order, so a stable radix sort
// on the key (two 16-bit passes) gives that order in linear time.
void SortPostings(std::vector<std::pair<uint32_t, uint32_t>>* postings, std::vector<uint32_t>* keys,
                  std::vector<uint32_t>* docs) {
  std::vector<std::pair<uint32_t, uint32_t>>& in = *postings;
  std::vector<std::pair<uint32_t, uint32_t>> tmp(in.size());
  for (int shift = 0; shift < 32; shift += 16) {
    std::vector<size_t> start((1u << 16) + 1, 0);
    for (const auto& p : in) ++start[((p.first >> shift) & 0xFFFF) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (const auto& p : in) tmp[start[(p.first >> shift) & 0xFFFF]++] = p;
    in.swap(tmp);
  }
  // A document's postings are added together, so the same key twice for one
  // document (its whole text's and a passage's band agreeing) is adjacent.
  in.erase(std::unique(in.begin(), in.end()), in.end());
  keys->resize(in.size());
  docs->resize(in.size());
  for (size_t i = 0; i < in.size(); ++i) (*keys)[i] = in[i].first, (*docs)[i] = in[i].second;
  in = {};
}

template <typename T>
Status View(const SectionFile& f, const char* name, size_t count, const T** out) {
  std::string_view b;
  UNSPIN_RETURN_IF_ERROR(f.Get(name, &b));
  if (b.size() != count * sizeof(T)) {
    return Status::Corruption(f.path() + ": section '" + name + "' has the wrong size");
  }
  *out = reinterpret_cast<const T*>(b.data());
  return Status::Ok();
}

// Version 2: fingerprints hold single immutable tokens as well as pairs.
constexpr int kIndexVersion = 3;
// Texts are compressed together until a frame holds this much.
constexpr uint64_t kFrameTextBytes = 4096;
// A frame's text offsets are 32-bit.
constexpr uint64_t kMaxDocumentBytes = uint64_t{1} << 30;

struct Manifest {
  std::vector<std::string> segments;
  uint64_t documents = 0, lexicon_keys = 0;
  uint64_t passage_words = 0;  // absent in indexes without passage postings
};

Status ReadManifest(const std::string& dir, Manifest* m) {
  std::string text;
  UNSPIN_RETURN_IF_ERROR(ReadFileToString(dir + "/" + kManifest, &text));
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    if (j.at("format") != "unspin trace index") throw std::runtime_error("not a trace index");
    if (j.at("version") != kIndexVersion) {
      return Status::Unsupported(dir + ": trace index version " + j.at("version").dump() +
                                 ", this build reads version " + std::to_string(kIndexVersion) +
                                 "; rebuild it with 'unspin index build'");
    }
    for (const auto& s : j.at("segments")) m->segments.push_back(s.get<std::string>());
    m->documents = j.at("documents").get<uint64_t>();
    m->lexicon_keys = j.at("lexicon_keys").get<uint64_t>();
    m->passage_words = j.value("passage_words", uint64_t{0});
  } catch (const std::exception& e) {
    return Status::Corruption(dir + "/" + kManifest + ": " + e.what());
  }
  return Status::Ok();
}

Status WriteManifest(const std::string& dir, const Manifest& m) {
  nlohmann::json j = {{"format", "unspin trace index"},
                      {"version", kIndexVersion},
                      {"segments", m.segments},
                      {"documents", m.documents},
                      {"lexicon_keys", m.lexicon_keys}};
  if (m.passage_words != 0) j["passage_words"] = m.passage_words;
  return WriteFileAtomically(dir + "/" + kManifest, j.dump(2) + "\n");
}

}  // namespace

Status AddToIndex(const Lexicon& lexicon, const std::string& dir, const std::string& corpus,
                  bool create, IndexStats* stats,
                  const std::function<void(uint64_t, uint64_t)>& progress,
                  const IndexBuildOptions& options) {
  Manifest m;
  bool exists = FileExists(dir + "/" + kManifest);
  if (create) {
    if (exists) {
      return Status::InvalidArgument(dir + ": already holds an index; use 'unspin index add'");
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IoError(dir + ": cannot create the folder: " + ec.message());
    m.lexicon_keys = lexicon.key_count();
    m.passage_words = options.passage_words;
  } else {
    if (!exists) return Status::NotFound(dir + ": no index here; use 'unspin index build'");
    UNSPIN_RETURN_IF_ERROR(ReadManifest(dir, &m));
    if (m.lexicon_keys != lexicon.key_count()) {
      return Status::InvalidArgument(dir + ": built with a different model pack; rebuild it");
    }
  }
  std::string ids, docs;
  std::vector<uint64_t> id_offsets = {0}, frame_offsets = {0}, doc_spans;
  std::vector<uint32_t> sigs;
  std::vector<std::pair<uint32_t, uint32_t>> bands;
  uint64_t text_bytes = 0;
  uint64_t added = 0, index_bytes = 0;  // documents and index bytes in written segments
  // Texts are stored in zstd frames of consecutive documents holding at
  // least kFrameTextBytes (small inputs compress poorly and slowly); a
  // document's span records its frame and where its text ends in it. Frames
  // depend only on the document sequence, never on batches or threads.
  // Documents are read in batches of whole frames; each batch is
  // fingerprinted and compressed in parallel, then appended in input order.
  struct Prepared {
    Signature sig;
    bool has_shingles = false;
    std::vector<Signature> passages;  // of the document's passages (m.passage_words)
  };
  struct Frame {
    std::string compressed;
    Status status;
  };
  const unsigned threads = ResolveThreads(options.threads);
  const size_t batch_size = 256 * threads;
  std::vector<CorpusDocument> batch;
  std::vector<size_t> frame_starts;  // indices in `batch` where frames begin
  uint64_t open_frame_bytes = 0;     // text in the last frame of `batch`
  std::vector<Prepared> prepared;
  std::vector<Frame> frames;
  auto flush = [&]() -> Status {
    prepared.assign(batch.size(), Prepared());
    ParallelFor(batch.size(), threads, [&](size_t i) {
      if (options.html || batch[i].html) batch[i].text = ReadHtml(batch[i].text).text;
      std::vector<uint64_t> shingles;
      std::vector<std::vector<uint64_t>> passages;
      if (m.passage_words == 0) {
        ImmutableShingles(lexicon, batch[i].text, &shingles);
      } else {
        ImmutableShinglesOfPassages(lexicon, batch[i].text, m.passage_words, &shingles, &passages);
      }
      prepared[i].sig = MinHash(shingles);
      prepared[i].has_shingles = !shingles.empty();
      for (const std::vector<uint64_t>& p : passages) {
        if (!p.empty()) prepared[i].passages.push_back(MinHash(p));
      }
    });
    // Frame f holds batch[frame_starts[f], frame_end(f)).
    auto frame_end = [&](size_t f) {
      return f + 1 < frame_starts.size() ? frame_starts[f + 1] : batch.size();
    };
    frames.assign(frame_starts.size(), Frame());
    ParallelFor(frames.size(), threads, [&](size_t f) {
      // One compression context per thread; level 1: the texts are read back
      // only to re-rank and align a few candidates per query.
      thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(),
                                                                           ZSTD_freeCCtx);
      if (!cctx) {
        frames[f].status = Status::IoError("zstd: cannot create a compression context");
        return;
      }
      std::string joined;
      for (size_t i = frame_starts[f]; i < frame_end(f); ++i) joined += batch[i].text;
      std::string& out = frames[f].compressed;
      out.resize(ZSTD_compressBound(joined.size()));
      size_t n =
          ZSTD_compressCCtx(cctx.get(), out.data(), out.size(), joined.data(), joined.size(), 1);
      if (ZSTD_isError(n)) {
        frames[f].status = Status::IoError(std::string("zstd: ") + ZSTD_getErrorName(n));
        return;
      }
      out.resize(n);
    });
    for (size_t f = 0; f < frames.size(); ++f) {
      UNSPIN_RETURN_IF_ERROR(frames[f].status);
      const uint64_t frame = frame_offsets.size() - 1;
      docs += frames[f].compressed;
      frame_offsets.push_back(docs.size());
      uint64_t in_frame = 0;
      for (size_t i = frame_starts[f]; i < frame_end(f); ++i) {
        in_frame += batch[i].text.size();
        doc_spans.push_back(frame << 32 | in_frame);
      }
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      const Prepared& p = prepared[i];
      uint32_t doc = static_cast<uint32_t>(id_offsets.size() - 1);
      ids += batch[i].id;
      id_offsets.push_back(ids.size());
      sigs.insert(sigs.end(), p.sig.begin(), p.sig.end());
      if (p.has_shingles) {
        for (size_t b = 0; b < kBands; ++b) bands.emplace_back(BandKey(p.sig, b), doc);
      }
      for (const Signature& passage : p.passages) {
        for (size_t b = 0; b < kBands; ++b) bands.emplace_back(BandKey(passage, b), doc);
      }
      text_bytes += batch[i].text.size();
    }
    batch.clear();
    frame_starts.clear();
    open_frame_bytes = 0;
    if (progress) progress(added + id_offsets.size() - 1, text_bytes);
    return Status::Ok();
  };
  // Writes what has accumulated as one segment file (not yet published: the
  // manifest names it at the end) and starts the next.
  auto write_segment = [&]() -> Status {
    const uint64_t n = id_offsets.size() - 1;
    std::vector<uint32_t> band_keys, band_docs;
    SortPostings(&bands, &band_keys, &band_docs);
    SectionFileWriter w;
    nlohmann::json meta = {{"documents", n}, {"postings", band_keys.size()}};
    w.Add("meta", meta.dump());  // the rest is written from where it lies
    w.AddView("ids", ids);
    w.AddView("id_offsets", Bytes(id_offsets));
    w.AddView("docs", docs);
    w.AddView("frame_offsets", Bytes(frame_offsets));
    w.AddView("doc_spans", Bytes(doc_spans));
    w.AddView("sigs", Bytes(sigs));
    w.AddView("band_keys", Bytes(band_keys));
    w.AddView("band_docs", Bytes(band_docs));
    char name[32];
    std::snprintf(name, sizeof(name), "seg-%06zu.useg", m.segments.size() + 1);
    UNSPIN_RETURN_IF_ERROR(w.Write(dir + "/" + name));  // written and synced before publishing
    m.segments.push_back(name);
    m.documents += n;
    added += n;
    index_bytes += sigs.size() * 4 + band_keys.size() * 8 + id_offsets.size() * 8 +
                   doc_spans.size() * 8 + frame_offsets.size() * 8;
    ids.clear();
    docs.clear();
    id_offsets.assign(1, 0);
    frame_offsets.assign(1, 0);
    doc_spans.clear();
    sigs.clear();
    return Status::Ok();
  };
  const uint64_t segment_docs =
      options.segment_docs == 0 ? kDefaultSegmentDocs : options.segment_docs;
  Status s = ReadCorpus(corpus, [&](CorpusDocument&& d) {
    if (d.text.size() > kMaxDocumentBytes) {
      return Status::InvalidArgument(corpus + ": document '" + d.id + "' has over " +
                                     std::to_string(kMaxDocumentBytes >> 20) +
                                     " MB of text; split it");
    }
    if (!batch.empty() && open_frame_bytes >= kFrameTextBytes) {  // the last frame is full
      // Segments end where frames do, once full: both depend only on the
      // document sequence, never on batches or threads.
      if (id_offsets.size() - 1 + batch.size() >= segment_docs) {
        UNSPIN_RETURN_IF_ERROR(flush());
        UNSPIN_RETURN_IF_ERROR(write_segment());
      } else if (batch.size() >= batch_size) {
        UNSPIN_RETURN_IF_ERROR(flush());
      } else {
        frame_starts.push_back(batch.size());
        open_frame_bytes = 0;
      }
    }
    if (batch.empty()) frame_starts.assign(1, 0);
    open_frame_bytes += d.text.size();
    batch.push_back(std::move(d));
    return Status::Ok();
  });
  if (s.ok() && !batch.empty()) s = flush();
  if (s.ok() && id_offsets.size() > 1) s = write_segment();
  UNSPIN_RETURN_IF_ERROR(s);
  if (added == 0) return Status::InvalidArgument(corpus + ": no documents");
  UNSPIN_RETURN_IF_ERROR(WriteManifest(dir, m));  // publishes the new segments at once
  if (stats) {
    stats->documents = added;
    stats->segments = m.segments.size();
    stats->text_bytes = text_bytes;
    stats->index_bytes = index_bytes;
    stats->passage_words = m.passage_words;
  }
  return Status::Ok();
}

struct TraceIndex::Segment {
  std::shared_ptr<const SectionFile> file;
  size_t n = 0, postings = 0;
  const uint64_t* id_offsets = nullptr;
  const char* ids = nullptr;
  size_t frames = 0;
  const uint64_t* frame_offsets = nullptr;
  const uint64_t* doc_spans = nullptr;  // frame << 32 | end of the text in it
  const char* docs = nullptr;
  const uint32_t* sigs = nullptr;
  const uint32_t* band_keys = nullptr;
  const uint32_t* band_docs = nullptr;
  std::string_view Id(uint32_t d) const {
    return {ids + id_offsets[d], id_offsets[d + 1] - id_offsets[d]};
  }
  Signature Sig(uint32_t d) const {
    Signature s;
    std::memcpy(s.data(), sigs + size_t{d} * kSignatureSize, sizeof(s));
    return s;
  }
};

Status OpenSegment(const std::string& path, std::unique_ptr<TraceIndex::Segment>* out) {
  auto seg = std::make_unique<TraceIndex::Segment>();
  UNSPIN_RETURN_IF_ERROR(SectionFile::Open(path, &seg->file));
  const SectionFile& f = *seg->file;
  std::string_view meta, ids, docs;
  UNSPIN_RETURN_IF_ERROR(f.Get("meta", &meta));
  UNSPIN_RETURN_IF_ERROR(f.Get("ids", &ids));
  UNSPIN_RETURN_IF_ERROR(f.Get("docs", &docs));
  try {
    nlohmann::json j = nlohmann::json::parse(meta);
    seg->n = j.at("documents").get<size_t>();
    seg->postings = j.at("postings").get<size_t>();
  } catch (const std::exception& e) {
    return Status::Corruption(path + ": bad segment metadata: " + e.what());
  }
  UNSPIN_RETURN_IF_ERROR(View(f, "id_offsets", seg->n + 1, &seg->id_offsets));
  std::string_view frame_bytes;
  UNSPIN_RETURN_IF_ERROR(f.Get("frame_offsets", &frame_bytes));
  if (frame_bytes.size() < 8 || frame_bytes.size() % 8 != 0) {
    return Status::Corruption(path + ": bad frame table");
  }
  seg->frames = frame_bytes.size() / 8 - 1;
  seg->frame_offsets = reinterpret_cast<const uint64_t*>(frame_bytes.data());
  UNSPIN_RETURN_IF_ERROR(View(f, "doc_spans", seg->n, &seg->doc_spans));
  UNSPIN_RETURN_IF_ERROR(View(f, "sigs", seg->n * kSignatureSize, &seg->sigs));
  UNSPIN_RETURN_IF_ERROR(View(f, "band_keys", seg->postings, &seg->band_keys));
  UNSPIN_RETURN_IF_ERROR(View(f, "band_docs", seg->postings, &seg->band_docs));
  if (seg->id_offsets[seg->n] != ids.size() || seg->frame_offsets[seg->frames] != docs.size()) {
    return Status::Corruption(path + ": segment offsets do not match its data");
  }
  for (size_t i = 0; i < seg->frames; ++i) {
    if (seg->frame_offsets[i] > seg->frame_offsets[i + 1])
      return Status::Corruption(path + ": frame offsets out of order");
  }
  for (size_t d = 0; d < seg->n; ++d) {
    const uint64_t frame = seg->doc_spans[d] >> 32;
    const uint64_t prev = d > 0 ? seg->doc_spans[d - 1] : 0;
    if (frame >= seg->frames || (d > 0 && frame < (prev >> 32)) ||
        (d > 0 && frame == (prev >> 32) && seg->doc_spans[d] < prev)) {
      return Status::Corruption(path + ": document spans out of order");
    }
  }
  for (size_t i = 0; i < seg->postings; ++i) {
    if (seg->band_docs[i] >= seg->n) return Status::Corruption(path + ": posting out of range");
  }
  seg->ids = ids.data();
  seg->docs = docs.data();
  *out = std::move(seg);
  return Status::Ok();
}

TraceIndex::~TraceIndex() = default;

Status TraceIndex::Open(const std::string& dir, std::unique_ptr<TraceIndex>* out) {
  Manifest m;
  if (!FileExists(dir + "/" + kManifest)) {
    return Status::NotFound(dir + ": no trace index here; build one with 'unspin index build'");
  }
  UNSPIN_RETURN_IF_ERROR(ReadManifest(dir, &m));
  auto ix = std::unique_ptr<TraceIndex>(new TraceIndex());
  ix->dir_ = dir;
  ix->lexicon_keys_ = m.lexicon_keys;
  ix->stats_.passage_words = m.passage_words;
  for (const std::string& name : m.segments) {
    std::unique_ptr<Segment> seg;
    UNSPIN_RETURN_IF_ERROR(OpenSegment(dir + "/" + name, &seg));
    ix->stats_.documents += seg->n;
    ix->stats_.index_bytes += seg->n * (kSignatureSize * 4 + 16) + seg->postings * 8;
    ix->stats_.text_bytes += seg->frame_offsets[seg->frames];
    ix->segments_.push_back(std::move(seg));
  }
  ix->stats_.segments = ix->segments_.size();
  *out = std::move(ix);
  return Status::Ok();
}

Status TraceIndex::CheckLexicon(const Lexicon& lexicon) const {
  if (lexicon.key_count() != lexicon_keys_) {
    return Status::InvalidArgument(dir_ + ": built with a different model pack (" +
                                   std::to_string(lexicon_keys_) + " keys, this one has " +
                                   std::to_string(lexicon.key_count()) + "); rebuild the index");
  }
  return Status::Ok();
}

std::string TraceIndex::Text(size_t segment, uint32_t doc) const {
  const Segment& s = *segments_[segment];
  const uint64_t span = s.doc_spans[doc], frame = span >> 32, end = span & 0xFFFFFFFFu;
  const uint64_t begin =
      doc > 0 && (s.doc_spans[doc - 1] >> 32) == frame ? s.doc_spans[doc - 1] & 0xFFFFFFFFu : 0;
  const char* src = s.docs + s.frame_offsets[frame];
  size_t n = s.frame_offsets[frame + 1] - s.frame_offsets[frame];
  unsigned long long size = ZSTD_getFrameContentSize(src, n);
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 32) ||
      end > size) {
    return "";
  }
  std::string out(size, '\0');
  size_t got = ZSTD_decompress(out.data(), out.size(), src, n);
  if (ZSTD_isError(got) || got != size) return "";
  return out.substr(begin, end - begin);
}

namespace {

// A passage of a query (passage mode): its bytes and shingle sets.
struct Passage {
  uint64_t begin = 0, end = 0;
  std::vector<uint64_t> immutable, all;
};

// The query's passages (PassageRanges) with their shingle sets.
std::vector<Passage> CutIntoPassages(const Lexicon& lexicon, std::string_view text, size_t words) {
  std::vector<Passage> out;
  for (const auto& [begin, end] : PassageRanges(text, words)) {
    Passage& p = out.emplace_back();
    p.begin = begin;
    p.end = end;
    DocumentShingles(lexicon, text.substr(begin, end - begin), &p.immutable, &p.all);
  }
  return out;
}

}  // namespace

void TraceIndex::Trace(const Lexicon& lexicon, std::string_view text, const TraceOptions& options,
                       std::vector<TraceMatch>* out) const {
  out->clear();
  std::vector<uint64_t> q_imm, q_all, src_imm, src_all;
  DocumentShingles(lexicon, text, &q_imm, &q_all);
  if (q_imm.empty()) return;
  // Passage mode against an index of passages: the query cut as the index
  // was, so a query passage meets one indexed passage rather than straddling
  // two.
  const size_t passage_words = options.passage_words != 0 && stats_.passage_words != 0
                                   ? stats_.passage_words
                                   : options.passage_words;
  const std::vector<Passage> passages = CutIntoPassages(lexicon, text, passage_words);
  struct Cand {
    size_t seg;
    uint32_t doc;
    double sim;
  };
  // The LSH candidates of a signature, best estimate first.
  auto candidates = [&](const Signature& q, std::vector<Cand>* found) {
    found->clear();
    for (size_t si = 0; si < segments_.size(); ++si) {
      const Segment& s = *segments_[si];
      std::unordered_map<uint32_t, int> seen;
      for (size_t b = 0; b < kBands; ++b) {
        uint32_t key = BandKey(q, b);
        const uint32_t* lo = std::lower_bound(s.band_keys, s.band_keys + s.postings, key);
        for (const uint32_t* p = lo; p != s.band_keys + s.postings && *p == key; ++p) {
          uint32_t doc = s.band_docs[p - s.band_keys];
          if (seen[doc]++ == 0) found->push_back({si, doc, SignatureSimilarity(q, s.Sig(doc))});
        }
      }
    }
    std::sort(found->begin(), found->end(),
              [](const Cand& a, const Cand& b) { return a.sim > b.sim; });
  };
  std::vector<Cand> cands;
  candidates(MinHash(q_imm), &cands);
  // Re-rank the best candidates exactly. The score is the mean of the
  // Jaccard similarity of the immutable shingle sets (the signature only
  // estimates it) and the Dice overlap of all word pairs: the first survives
  // heavy spinning, the second separates near-duplicate sources and keeps
  // unrelated texts that share a few names or numbers low.
  const size_t rerank = std::min(cands.size(), std::max(options.top, options.rerank));
  cands.resize(rerank);
  // Passage mode: each passage's own best candidates join, and every
  // candidate is scored exactly (a low whole-query estimate says nothing
  // of a passage).
  if (!passages.empty()) {
    std::vector<Cand> more;
    const size_t per_passage = std::max<size_t>(1, options.rerank / 3);
    for (const Passage& p : passages) {
      candidates(MinHash(p.immutable), &more);
      for (size_t j = 0; j < more.size() && j < per_passage; ++j) {
        bool known = false;
        for (const Cand& c : cands) known |= c.seg == more[j].seg && c.doc == more[j].doc;
        if (!known) cands.push_back(more[j]);
      }
    }
  }
  // Each passage goes to the candidate that contains the most of it (at
  // least the threshold; the first such on a tie): (share, candidate) per
  // passage, SIZE_MAX while none.
  std::vector<std::pair<double, size_t>> owner(passages.size(), {options.threshold, SIZE_MAX});
  for (size_t i = 0; i < cands.size(); ++i) {
    if (passages.empty() && cands[i].sim < options.threshold / 2) {
      cands[i].sim = 0;
      continue;
    }
    DocumentShingles(lexicon, Text(cands[i].seg, cands[i].doc), &src_imm, &src_all);
    double sim = (Jaccard(q_imm, src_imm) + Dice(q_all, src_all)) / 2;
    for (size_t k = 0; k < passages.size(); ++k) {
      const Passage& p = passages[k];
      // The smaller share: word pairs alone are common words everywhere, the
      // immutable shingles alone are a few names in a short passage.
      const double share = std::min(Containment(p.immutable, src_imm), Containment(p.all, src_all));
      sim = std::max(sim, options.passage_weight * share);
      const bool first = owner[k].second == SIZE_MAX;
      if (first ? share >= owner[k].first : share > owner[k].first) owner[k] = {share, i};
    }
    cands[i].sim = sim;
  }
  std::vector<size_t> order(cands.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cands[a].sim > cands[b].sim; });
  for (size_t i : order) {
    const Cand& c = cands[i];
    if (out->size() >= options.top || c.sim < options.threshold) break;
    TraceMatch m;
    m.id = std::string(segments_[c.seg]->Id(c.doc));
    m.score = c.sim;
    for (size_t k = 0; k < passages.size(); ++k) {
      if (owner[k].second == i) m.passages.emplace_back(passages[k].begin, passages[k].end);
    }
    if (out->size() < options.align)
      m.substitutions = AlignSubstitutions(lexicon, text, Text(c.seg, c.doc));
    out->push_back(std::move(m));
  }
}

namespace {

using Words = std::vector<std::string_view>;

// Joins words[begin, end) with single spaces.
std::string Phrase(const Words& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ' ';
    out += words[i];
  }
  return out;
}

// listed[k - 1]: the candidate originals the lexicon lists for the observed
// words[begin, begin + k), k = 1 .. end - begin, identity excluded (one
// lookup for every length; views into the lexicon).
std::vector<Words> OriginalsFrom(const Lexicon& lexicon, const Words& words, size_t begin,
                                 size_t end) {
  std::vector<Words> listed(end - begin);
  thread_local std::vector<CandidateView> cands;
  cands.clear();
  lexicon.LookupViews(std::span(words).subspan(begin, end - begin), 0, Lexicon::Limits(), &cands);
  for (const CandidateView& c : cands) {
    if (!c.identity) listed[c.length - 1].push_back(c.text);
  }
  return listed;
}

bool Lists(const Words& originals, std::string_view original) {
  return std::find(originals.begin(), originals.end(), original) != originals.end();
}

// How well the lexicon knows spun[i1, i2) replacing source[j1, j2): 2 when
// it lists the source phrase as a candidate original, 1 when it knows the
// spun phrase at all, else 0.
int Familiarity(const Lexicon& lexicon, const Words& spun, const Words& source, size_t i1,
                size_t i2, size_t j1, size_t j2) {
  if (!lexicon.Knows(Phrase(spun, i1, i2))) return 0;
  return Lists(OriginalsFrom(lexicon, spun, i1, i2).back(), Phrase(source, j1, j2)) ? 2 : 1;
}

using Run = std::tuple<size_t, size_t, size_t, size_t>;  // spun [i1, i2), source [j1, j2)

// Splits a run of replaced words (the opcodes merge neighbours: "observation
// mentioned" -> "statement said") into the pieces the lexicon knows as
// relations, in order: the split whose known pieces cover the most spun words,
// then the one with the fewest pieces (a relation known for the whole run
// keeps it whole); pieces it does not know stay joined. A run with no known
// piece comes back whole.
std::vector<Run> SplitRun(const Lexicon& lexicon, const Words& spun, const Words& source, size_t i1,
                          size_t i2, size_t j1, size_t j2) {
  const size_t m = i2 - i1, n = j2 - j1;
  if (m < 2 || n < 2) return {{i1, i2, j1, j2}};
  // listed_from[a][k - 1]: what the lexicon lists for spun[i1 + a, i1 + a + k).
  std::vector<std::vector<Words>> listed_from(m);
  for (size_t a = 0; a < m; ++a) listed_from[a] = OriginalsFrom(lexicon, spun, i1 + a, i2);
  // best[a][b]: over splits of spun[i1, i1 + a) and source[j1, j1 + b), the
  // most spun words in known pieces, then the fewest pieces.
  struct Cell {
    int known = -1, pieces = 0;  // spun words in known pieces (-1: unreached)
    size_t a = 0, b = 0;         // where the last piece starts
    bool last_known = false;
  };
  std::vector<std::vector<Cell>> best(m + 1, std::vector<Cell>(n + 1));
  best[0][0].known = 0;
  for (size_t a = 0; a <= m; ++a) {
    for (size_t b = 0; b <= n; ++b) {
      const Cell& from = best[a][b];
      if (from.known < 0 || (a == m) != (b == n)) continue;
      for (size_t c = a + 1; c <= m; ++c) {
        const Words& listed = listed_from[a][c - a - 1];
        for (size_t d = b + 1; d <= n; ++d) {
          const bool known = !listed.empty() && Lists(listed, Phrase(source, j1 + b, j1 + d));
          // Two unknown pieces side by side are one.
          if (!known && a > 0 && !from.last_known) continue;
          Cell& to = best[c][d];
          const int k = from.known + (known ? static_cast<int>(c - a) : 0), p = from.pieces + 1;
          if (k > to.known || (k == to.known && p < to.pieces)) to = {k, p, a, b, known};
        }
      }
    }
  }
  std::vector<Run> out;
  for (size_t a = m, b = n; a > 0;) {
    const Cell& c = best[a][b];
    out.emplace_back(i1 + c.a, i1 + a, j1 + c.b, j1 + b);
    a = c.a, b = c.b;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<Substitution> AlignSubstitutions(const Lexicon& lexicon, std::string_view spun,
                                             std::string_view source) {
  auto words = [](std::string_view text, std::vector<Token>* toks,
                  std::vector<std::string>* norms) {
    std::vector<Token> all;
    Tokenize(text, 0, &all);
    for (Token& t : all) {
      if (t.kind == TokenKind::kSpace) continue;
      norms->push_back(t.norm);
      toks->push_back(std::move(t));
    }
  };
  std::vector<Token> st, ot;
  std::vector<std::string> sn, on;
  words(spun, &st, &sn);
  words(source, &ot, &on);
  const Words spun_words(sn.begin(), sn.end()), source_words(on.begin(), on.end());
  auto is_word = [&](size_t i) { return st[i].kind == TokenKind::kWord; };
  std::vector<Substitution> out;
  size_t taken = 0;  // spun tokens before this one belong to earlier substitutions
  const auto opcodes = DiffOpcodes(sn, on);
  // Spun tokens an opcode changes (or a substitution takes in): not unchanged
  // neighbours.
  std::vector<bool> changed(st.size(), false);
  for (const auto& [i1, i2, j1, j2] : opcodes) {
    if (i1 == i2 || j1 == j2) {  // an insertion or deletion may take in a neighbour
      if (i1 > 0) changed[i1 - 1] = true;
      if (i2 < st.size()) changed[i2] = true;
    }
    for (size_t i = i1; i < i2; ++i) changed[i] = true;
  }
  // The unchanged word touching spun token `i` (only spaces between), or "".
  auto neighbour = [&](size_t i, size_t beside) -> std::string {
    if (changed[i] || !is_word(i)) return "";
    const Token& a = st[std::min(i, beside)];
    const Token& b = st[std::max(i, beside)];
    const std::string_view gap = spun.substr(a.begin + a.size, b.begin - a.begin - a.size);
    return gap.find_first_not_of(" \t") == std::string_view::npos ? st[i].norm : "";
  };
  for (auto [i1, i2, j1, j2] : opcodes) {
    if (i1 == i2 || j1 == j2) {
      // Words inserted or dropped ("savings" -> "financial savings") are
      // substitutions of a longer phrase: take in an unchanged word beside
      // them (the opcodes around an insertion are equal), the one that makes
      // a phrase the lexicon knows ("by" -> "by means of", not "the" ->
      // "means of the"), else the one after, else the one before.
      const bool right = i2 < st.size() && j2 < ot.size() && is_word(i2);
      const bool left = i1 > taken && j1 > 0 && is_word(i1 - 1);
      if (right && left) {
        const int r = Familiarity(lexicon, spun_words, source_words, i1, i2 + 1, j1, j2 + 1);
        const int l = Familiarity(lexicon, spun_words, source_words, i1 - 1, i2, j1 - 1, j2);
        if (l > r) {
          --i1, --j1;
        } else {
          ++i2, ++j2;
        }
      } else if (right) {
        ++i2, ++j2;
      } else if (left) {
        --i1, --j1;
      } else {
        continue;
      }
    }
    if (i2 - i1 > 6 || j2 - j1 > 6) continue;
    taken = i2;
    for (const auto& [a1, a2, b1, b2] :
         SplitRun(lexicon, spun_words, source_words, i1, i2, j1, j2)) {
      Substitution s;
      s.spun_start = st[a1].begin;
      s.spun_end = st[a2 - 1].begin + st[a2 - 1].size;
      s.source_start = ot[b1].begin;
      s.source_end = ot[b2 - 1].begin + ot[b2 - 1].size;
      s.spun = std::string(spun.substr(s.spun_start, s.spun_end - s.spun_start));
      s.source = std::string(source.substr(s.source_start, s.source_end - s.source_start));
      if (a1 > 0) s.word_before = neighbour(a1 - 1, a1);
      if (a2 < st.size()) s.word_after = neighbour(a2, a2 - 1);
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace unspin
