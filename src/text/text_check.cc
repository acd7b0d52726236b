#include "text/text_check.h"

#include <string>

#include "text/utf8.h"

namespace unspin {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Name(std::string_view where) {
  return where == "-" ? std::string("stdin") : std::string(where);
}

}  // namespace

Status CheckReadableText(std::string_view head, std::string_view where) {
  head = head.substr(0, kTextCheckBytes);
  // UTF-32 marks first: the UTF-32LE mark starts with the UTF-16LE one.
  const char* encoding = nullptr;
  if (StartsWith(head, std::string_view("\xFF\xFE\x00\x00", 4)) ||
      StartsWith(head, std::string_view("\x00\x00\xFE\xFF", 4))) {
    encoding = "UTF-32";
  } else if (StartsWith(head, "\xFF\xFE") || StartsWith(head, "\xFE\xFF")) {
    encoding = "UTF-16";
  }
  if (encoding != nullptr) {
    return Status::InvalidArgument(Name(where) + ": " + encoding +
                                   " text (byte-order mark); unspin reads UTF-8: convert it "
                                   "first, e.g. iconv -f " +
                                   encoding + " -t UTF-8");
  }
  if (size_t nul = head.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument(Name(where) + ": binary data, not text (a NUL byte at byte " +
                                   std::to_string(nul) + "); unspin reads UTF-8 text or HTML");
  }
  size_t bad = 0;
  for (size_t i = 0; i < head.size();) {
    const unsigned char c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      const bool control =
          c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B;
      bad += (control || c == 0x7F) ? 1 : 0;
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeUtf8(head, i, &cp);
    if (n == 0) {
      // A sequence cut by the end of a full sample is not counted.
      if (head.size() == kTextCheckBytes && head.size() - i < 4) break;
      ++bad;
      ++i;
    } else {
      i += n;
    }
  }
  if (bad * 4 > head.size()) {
    return Status::InvalidArgument(
        Name(where) + ": binary data, not text (" + std::to_string(bad) + " of the first " +
        std::to_string(head.size()) +
        " bytes are control characters or invalid UTF-8); unspin reads UTF-8 text or HTML");
  }
  return Status::Ok();
}

}  // namespace unspin
