// SectionFile: a versioned container of named, checksummed byte sections,
// written atomically and read through one memory mapping. The model pack is
// a SectionFile ("lm", "lexicon", "morphology", "params").
#ifndef UNSPIN_BASE_SECTION_FILE_H_
#define UNSPIN_BASE_SECTION_FILE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_util.h"
#include "unspin/status.h"

namespace unspin {

constexpr char kSectionFileMagic[8] = {'U', 'N', 'S', 'P', 'I', 'N', 'P', 'K'};
constexpr uint32_t kSectionFileVersion = 1;
constexpr size_t kSectionAlignment = 64;

struct SectionFileHeader {
  char magic[8];
  uint32_t version;
  uint32_t section_count;
  uint64_t file_size;
  uint64_t table_checksum;  // XXH3-64 of the section table
};

struct SectionEntry {
  char name[16];  // NUL-padded
  uint64_t offset;
  uint64_t size;
  uint64_t checksum;  // XXH3-64 of the section's bytes
};

class SectionFileWriter {
 public:
  // REQUIRES: name shorter than 16 bytes and unique.
  void Add(std::string name, std::string data);
  // Adds bytes the caller owns; they must stay valid until Write returns.
  void AddView(std::string name, std::string_view data);
  // Writes the container to `path` atomically, section by section.
  Status Write(const std::string& path) const;

 private:
  struct Section {
    std::string name;
    std::string owned;
    std::string_view data;  // into `owned` or the caller's bytes
  };
  std::deque<Section> sections_;  // stable addresses: views point into `owned`
};

class SectionFile {
 public:
  // Maps `path` and checks the magic, version, sizes and the section table's
  // checksum. Section checksums are checked by Get.
  static Status Open(const std::string& path, std::shared_ptr<const SectionFile>* out);
  // True when the first bytes of `path` are a section file's magic.
  static bool Sniff(const std::string& path);

  // The named section's bytes, or NotFound naming the file. `verify` checks
  // the section's checksum; pass false for sections that carry and check
  // their own (the LM and the reverse index), to read them once, not twice.
  Status Get(std::string_view name, std::string_view* bytes, bool verify = true) const;
  std::vector<std::string> names() const;
  uint64_t size() const { return file_.size(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  MappedFile file_;
  std::vector<SectionEntry> table_;
};

}  // namespace unspin

#endif  // UNSPIN_BASE_SECTION_FILE_H_
