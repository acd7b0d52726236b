// Whether an input's first bytes are text unspin can read, so binary data or
// a file in another encoding is refused with one clear error line instead of
// being "detected" or "restored" as if it were prose.
#ifndef UNSPIN_TEXT_TEXT_CHECK_H_
#define UNSPIN_TEXT_TEXT_CHECK_H_

#include <cstddef>
#include <string_view>

#include "unspin/status.h"

namespace unspin {

// How many leading bytes CheckReadableText looks at.
inline constexpr size_t kTextCheckBytes = 1 << 16;

// Reads at most the first kTextCheckBytes of `head` (the start of an input
// named `where` in the message). InvalidArgument for:
//  - a UTF-16 or UTF-32 byte-order mark (the message says how to convert);
//  - a NUL byte (binary data: images, archives, executables, UTF-16 without
//    a mark);
//  - more than a quarter of the bytes being invalid UTF-8 or C0 control
//    characters other than tab, line feed, vertical tab, form feed, carriage
//    return and escape.
// Text with a few invalid bytes (a Latin-1 name, a cut sequence) passes: the
// readers pass such bytes through untouched and the commands warn.
Status CheckReadableText(std::string_view head, std::string_view where);

}  // namespace unspin

#endif  // UNSPIN_TEXT_TEXT_CHECK_H_
