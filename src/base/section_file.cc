#include "base/section_file.h"

#include <xxhash.h>

#include <cstring>

namespace unspin {
namespace {
size_t AlignUp(size_t n) {
  return (n + kSectionAlignment - 1) / kSectionAlignment * kSectionAlignment;
}
}  // namespace

void SectionFileWriter::Add(std::string name, std::string data) {
  Section& s = sections_.emplace_back();
  s.name = std::move(name);
  s.owned = std::move(data);
  s.data = s.owned;
}

void SectionFileWriter::AddView(std::string name, std::string_view data) {
  Section& s = sections_.emplace_back();
  s.name = std::move(name);
  s.data = data;
}

Status SectionFileWriter::Write(const std::string& path) const {
  std::vector<SectionEntry> table(sections_.size());
  size_t at = AlignUp(sizeof(SectionFileHeader) + sizeof(SectionEntry) * table.size());
  for (size_t i = 0; i < sections_.size(); ++i) {
    const Section& sec = sections_[i];
    if (sec.name.empty() || sec.name.size() >= sizeof(table[i].name)) {
      return Status::InvalidArgument("section name '" + sec.name + "' must have 1 to 15 bytes");
    }
    std::memset(&table[i], 0, sizeof(table[i]));
    std::memcpy(table[i].name, sec.name.data(), sec.name.size());
    table[i].offset = at;
    table[i].size = sec.data.size();
    table[i].checksum = XXH3_64bits(sec.data.data(), sec.data.size());
    at = AlignUp(at + sec.data.size());
  }
  SectionFileHeader h;
  std::memset(&h, 0, sizeof(h));
  std::memcpy(h.magic, kSectionFileMagic, 8);
  h.version = kSectionFileVersion;
  h.section_count = static_cast<uint32_t>(table.size());
  h.file_size = at;
  h.table_checksum = XXH3_64bits(table.data(), sizeof(SectionEntry) * table.size());
  // Header and table, then each section followed by zeros up to the next
  // aligned offset: written piece by piece, never joined in memory.
  std::string head(table.empty() ? AlignUp(sizeof(h)) : table[0].offset, '\0');
  std::memcpy(head.data(), &h, sizeof(h));
  std::memcpy(head.data() + sizeof(h), table.data(), sizeof(SectionEntry) * table.size());
  static const std::string kZeros(kSectionAlignment, '\0');
  std::vector<std::string_view> pieces = {head};
  for (size_t i = 0; i < sections_.size(); ++i) {
    pieces.push_back(sections_[i].data);
    const size_t end = table[i].offset + table[i].size;
    const size_t next = i + 1 < table.size() ? table[i + 1].offset : at;
    pieces.push_back(std::string_view(kZeros).substr(0, next - end));
  }
  return WriteFileAtomically(path, pieces);
}

bool SectionFile::Sniff(const std::string& path) {
  std::string head;
  return ReadFilePrefix(path, 8, &head).ok() && head == std::string_view(kSectionFileMagic, 8);
}

Status SectionFile::Open(const std::string& path, std::shared_ptr<const SectionFile>* out) {
  auto f = std::make_shared<SectionFile>();
  f->path_ = path;
  UNSPIN_RETURN_IF_ERROR(MappedFile::Open(path, &f->file_));
  std::string_view bytes = f->file_.view();
  SectionFileHeader h;
  if (bytes.size() < sizeof(h)) return Status::Corruption(path + ": truncated model pack header");
  std::memcpy(&h, bytes.data(), sizeof(h));
  if (std::memcmp(h.magic, kSectionFileMagic, 8) != 0) {
    return Status::Corruption(path + ": not an unspin model pack (bad magic)");
  }
  if (h.version != kSectionFileVersion) {
    return Status::Unsupported(path + ": model pack version " + std::to_string(h.version) +
                               " is not supported (this build reads version " +
                               std::to_string(kSectionFileVersion) + "); rebuild it");
  }
  if (h.file_size != bytes.size()) {
    return Status::Corruption(path + ": model pack is " + std::to_string(bytes.size()) +
                              " bytes but its header says " + std::to_string(h.file_size) +
                              " (truncated or damaged; rebuild it)");
  }
  size_t table_bytes = sizeof(SectionEntry) * size_t{h.section_count};
  if (h.section_count > 64 || sizeof(h) + table_bytes > bytes.size()) {
    return Status::Corruption(path + ": model pack section table out of range");
  }
  f->table_.resize(h.section_count);
  std::memcpy(f->table_.data(), bytes.data() + sizeof(h), table_bytes);
  if (XXH3_64bits(f->table_.data(), table_bytes) != h.table_checksum) {
    return Status::Corruption(path + ": model pack section table checksum mismatch");
  }
  for (const SectionEntry& e : f->table_) {
    if (e.offset > bytes.size() || e.size > bytes.size() - e.offset || e.name[15] != '\0') {
      return Status::Corruption(path + ": model pack section out of range");
    }
  }
  *out = std::move(f);
  return Status::Ok();
}

Status SectionFile::Get(std::string_view name, std::string_view* bytes, bool verify) const {
  for (const SectionEntry& e : table_) {
    if (name == e.name) {
      std::string_view b = file_.view().substr(e.offset, e.size);
      if (verify && XXH3_64bits(b.data(), b.size()) != e.checksum) {
        return Status::Corruption(path_ + ": section '" + std::string(e.name) +
                                  "' checksum mismatch (file damaged; rebuild it)");
      }
      *bytes = b;
      return Status::Ok();
    }
  }
  return Status::NotFound(path_ + ": no '" + std::string(name) + "' section in this model pack");
}

std::vector<std::string> SectionFile::names() const {
  std::vector<std::string> out;
  for (const SectionEntry& e : table_) out.emplace_back(e.name);
  return out;
}

}  // namespace unspin
