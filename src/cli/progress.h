// The progress line of long work, on stderr when it is a terminal (never in
// a pipe or a log): rewritten in place, at most ten times a second, ended
// with a newline by Finish (or the destructor).
#ifndef UNSPIN_CLI_PROGRESS_H_
#define UNSPIN_CLI_PROGRESS_H_

#include <chrono>
#include <string>

#include "unspin/text.h"

namespace unspin::cli {

class ProgressLine {
 public:
  // `what` starts the line ("restore: ...").
  explicit ProgressLine(std::string what);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  double seconds() const;  // since construction
  // Shows "what: text" when enabled and 0.1 s have passed since the last
  // showing (always when `force`).
  void Show(const std::string& text, bool force = false);
  // "what: N documents, R <unit>/s" (R = amount / seconds()).
  void ShowRate(unsigned long long documents, double amount, const char* unit, bool force = false);
  // Ends the line if anything was shown.
  void Finish();

 private:
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Shows how much of `input` (a file, "-" for standard input) `reader` has
// read: "12.3 of 100.0 MB (12%), 2.1 MB/s" (the total when the input is a
// file read as it is; a compressed file or standard input shows what was
// read). `line` must outlive the reading.
void ShowReading(const std::string& input, SentenceReader* reader, ProgressLine* line);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_PROGRESS_H_
