#!/usr/bin/env python3
"""Writes a crude thesaurus spinner's dictionary from Debian's Aiksaurus
(libaiksaurus-1.2-data, a thesaurus derived from Moby: every meaning of a word
merged), for the words of a corpus: `word:syn,syn,...` lines, which
`unspin spin --dict` reads. Such a spinner replaces a word by any of its
listed synonyms, blind to sense ("will" -> "volition"), and mostly with words
the pack's lexicon does not relate to it: scripts/train_detector.sh teaches
the detector with one half of it (HALF=a) and scripts/eval.sh tests with the other
(HALF=b), the halves split by a hash of the headword.

  aiksaurus_dict.py a|b|all CORPUS.jsonl... > DICT.txt

Reads the library through its C interface (libAiksaurus-1.2.so.0).
"""
import ctypes, hashlib, json, re, sys

WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")


def library():
    try:
        lib = ctypes.CDLL("libAiksaurus-1.2.so.0")
    except OSError:
        sys.exit("aiksaurus_dict: libAiksaurus-1.2.so.0 not found; run ./scripts/setup.sh")
    lib.Aiksaurus_find.argtypes = [ctypes.c_char_p]
    lib.Aiksaurus_next.argtypes = [ctypes.POINTER(ctypes.c_int)]
    lib.Aiksaurus_next.restype = ctypes.c_char_p
    lib.Aiksaurus_error.restype = ctypes.c_char_p
    if not lib.Aiksaurus_init():
        sys.exit("aiksaurus_dict: the thesaurus did not open (%s); is libaiksaurus-1.2-data "
                 "installed?" % (lib.Aiksaurus_error() or b"").decode())
    return lib


def synonyms(lib, word):
    """Every synonym of every meaning of `word`, sorted; [] when unknown."""
    if not lib.Aiksaurus_find(word.encode()):
        return []
    meaning, found = ctypes.c_int(-1), set()
    while True:
        s = lib.Aiksaurus_next(ctypes.byref(meaning))
        if not s:
            break
        found.add(s.decode("utf-8", "replace"))
    found.discard(word)
    return sorted(found)


def in_half(word, half):
    return half == "all" or "ab"[int(hashlib.sha1(word.encode()).hexdigest(), 16) % 2] == half


def main(argv):
    if len(argv) < 2 or argv[0] not in ("a", "b", "all"):
        sys.exit("usage: aiksaurus_dict.py a|b|all CORPUS.jsonl...")
    words = set()
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                words.update(w.lower() for w in WORD.findall(json.loads(line)["text"]))
    lib = library()
    for word in sorted(w for w in words if in_half(w, argv[0])):
        syns = [s for s in synonyms(lib, word) if "," not in s and ":" not in s]
        if syns:
            print(word + ":" + ",".join(syns))


if __name__ == "__main__":
    main(sys.argv[1:])
