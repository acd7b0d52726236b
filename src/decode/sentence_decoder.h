// One sentence through the decoder: which tokens are editable, the edits
// found over them, and the case a replacement takes. Shared by restore and
// detect.
#ifndef UNSPIN_DECODE_SENTENCE_DECODER_H_
#define UNSPIN_DECODE_SENTENCE_DECODER_H_

#include <utility>
#include <vector>

#include "decode/decoder.h"
#include "lm/word_counts.h"
#include "unspin/text.h"

namespace unspin {

struct DecodedSentence {
  std::vector<const Token*> words;  // the sentence's non-space tokens
  std::vector<DecodedEdit> edits;   // token ranges index `words`
  std::vector<uint8_t> reach;       // per word: Decoder::Decode's `reach`
};

// Editable: words, and numbers written with letters ("1000's"); never pure
// numbers, URLs, punctuation, mixed-case names, undecodable bytes, or
// upper-case acronyms unless the sentence is set in capitals (a headline).
// `wide_starts` (sorted byte offsets), when given: the words starting there
// get the decoder's wide_candidates. `frozen`, when given: ranges [begin,
// end) of the sentence's non-space tokens the decoder must not edit (known
// tortured phrases restore replaces itself). `context`, when given: the LM
// words of the text around the sentence (Decoder::Decode).
void DecodeSentence(const Decoder& decoder, const Sentence& s, DecodedSentence* out,
                    const std::vector<uint64_t>* wide_starts = nullptr,
                    const std::vector<std::pair<size_t, size_t>>* frozen = nullptr,
                    const WordCounts* context = nullptr);

// Fills out->words with the sentence's non-space tokens, without decoding
// (no edits, no reach).
void SentenceWords(const Sentence& s, DecodedSentence* out);

// Per word of `words` (a sentence's non-space tokens): whether it is a
// number word that names rather than counts, capitalised past the
// sentence's first word in a sentence not set in capitals ("Group of
// Thirty", "11 pct Ten Year Notes"). Restore's decoder leaves such words,
// and detect's suggestions do not write them in digits.
std::vector<bool> NamedNumberWords(const std::vector<const Token*>& words);

// Counts the LM words of the sentences' words and numbers into `counts`
// (the context DecodeSentence takes), reserving room for the LM's vocabulary.
// Words the LM does not know are not counted: they all share its OOV id.
void CountWords(const LanguageModel& lm, const std::vector<Sentence>& sentences,
                WordCounts* counts);

// `text` in the case of words[begin, end) it replaces: ApplyReplacementCase.
std::string ReplacementCase(std::string_view text, const std::vector<const Token*>& words,
                            size_t begin, size_t end);

}  // namespace unspin

#endif  // UNSPIN_DECODE_SENTENCE_DECODER_H_
