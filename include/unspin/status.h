// Status: the result of an operation that can fail, LevelDB style.
// An OK status holds no allocation, so success costs one pointer compare.
// Library functions never throw across the public API; they return Status.
#ifndef UNSPIN_STATUS_H_
#define UNSPIN_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace unspin {

class Status {
 public:
  enum class Code : int {
    kOk = 0,
    kInvalidArgument = 1,  // the caller passed something unusable (flags, values)
    kNotFound = 2,         // a file or resource does not exist
    kCorruption = 3,       // a file exists but its content is damaged or malformed
    kIoError = 4,          // the operating system refused a read or write
    kUnsupported = 5,      // a valid input in a form this build cannot handle
  };

  Status() = default;
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status IoError(std::string_view msg) { return Status(Code::kIoError, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  // The message without a code prefix; empty for OK.
  const std::string& message() const;
  // "corruption: <message>", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithContext(std::string_view prefix) const;

 private:
  struct Rep {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg);
  std::unique_ptr<Rep> rep_;
};

}  // namespace unspin

// Propagates a non-OK status to the caller.
#define UNSPIN_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::unspin::Status unspin_status_ = (expr);        \
    if (!unspin_status_.ok()) return unspin_status_; \
  } while (0)

#endif  // UNSPIN_STATUS_H_
