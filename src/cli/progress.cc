#include "cli/progress.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>

#include "cli/cli_util.h"

namespace unspin::cli {

ProgressLine::ProgressLine(std::string what)
    : what_(std::move(what)),
      enabled_(StderrIsTerminal()),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressLine::~ProgressLine() { Finish(); }

double ProgressLine::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressLine::Show(const std::string& text, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  // Spaces after the text clear what a longer earlier line left.
  std::fprintf(stderr, "\r%s: %s    ", what_.c_str(), text.c_str());
  std::fflush(stderr);
}

void ProgressLine::ShowRate(unsigned long long documents, double amount, const char* unit,
                            bool force) {
  if (!enabled_) return;
  const double rate = amount / std::max(seconds(), 1e-9);
  char buf[128];
  std::snprintf(buf, sizeof buf,
                rate >= 100 ? "%llu documents, %.0f %s/s" : "%llu documents, %.1f %s/s", documents,
                rate, unit);
  Show(buf, force);
}

void ProgressLine::Finish() {
  if (shown_) std::fprintf(stderr, "\n");
  shown_ = false;
}

void ShowReading(const std::string& input, SentenceReader* reader, ProgressLine* line) {
  if (!line->enabled()) return;
  struct stat st;
  const double total = input != "-" && ::stat(input.c_str(), &st) == 0 && S_ISREG(st.st_mode)
                           ? static_cast<double>(st.st_size)
                           : 0;
  reader->set_progress([total, line](uint64_t bytes) {
    const double read = static_cast<double>(bytes);
    const double rate = read / 1e6 / std::max(line->seconds(), 1e-9);
    char buf[128];
    if (read <= total) {  // a compressed file reads past its size
      std::snprintf(buf, sizeof buf, "%.1f of %.1f MB (%.0f%%), %.1f MB/s", read / 1e6, total / 1e6,
                    100 * read / total, rate);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f MB read, %.1f MB/s", read / 1e6, rate);
    }
    line->Show(buf);
  });
}

}  // namespace unspin::cli
