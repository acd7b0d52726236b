// Reading a corpus of documents for the commands that take one (index
// build, lm build): JSON Lines {"id","text"} or a folder of .txt (and
// .html / .htm) files.
#ifndef UNSPIN_BASE_CORPUS_READER_H_
#define UNSPIN_BASE_CORPUS_READER_H_

#include <functional>
#include <string>

#include "unspin/status.h"

namespace unspin {

struct CorpusDocument {
  std::string id, text;
  bool html = false;  // a folder's .html or .htm file: the text is a page's HTML
};

// Reads a corpus: JSONL {"id","text"} ("-" for standard input), or a folder
// of .txt, .html and .htm files (id = file name). Calls `sink` per document;
// stops on error.
Status ReadCorpus(const std::string& path, const std::function<Status(CorpusDocument&&)>& sink);

// Whether `path` names a folder (read as a folder corpus).
bool IsCorpusFolder(const std::string& path);

// A folder's .txt, .html and .htm files, in the order of their names (other
// files and subfolders are skipped). A file that is not text (binary data,
// CheckReadableText) stops the reading with an error naming it.
Status ReadCorpusFolder(const std::string& path,
                        const std::function<Status(CorpusDocument&&)>& sink);

}  // namespace unspin

#endif  // UNSPIN_BASE_CORPUS_READER_H_
