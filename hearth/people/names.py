"""Names as search keys: normalised words and a phonetic key, computed when a name is written.

Why a key column rather than a fuzzy query: it behaves the same on PostgreSQL and on the demo's
SQLite, it is an indexed equality lookup on a large council, and it explains itself
(docs/decisions/0004-child-search-keys.md).
"""

import re
import unicodedata

# Soundex's classes of consonants that sound alike (Russell and Odell's code, as used by the US
# census); vowels, y, h and w carry no code.
SOUND_CLASSES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}
# Unlike plain Soundex, the first letter is folded too, so Catherine finds Katherine and Philip
# finds Filip; every vowel-initial name begins alike (Aimee, Amy).
FIRST_LETTER_CLASSES = {**dict.fromkeys("aeiouy", "A"), **dict.fromkeys("ckq", "K"), "z": "S", "v": "F"}
SILENT_STARTS = (("ph", "f"), ("kn", "n"), ("wr", "r"), ("gn", "n"), ("ps", "s"))
KEY_LENGTH = 4


def normalise(name: str) -> str:
    """Lower case ASCII letters only, accents removed: Zoë O'Brien -> zoeobrien."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalpha())


def name_words(name: str) -> list[str]:
    """Each part of a name (Mary-Jane Smith-Jones: mary, jane, smith, jones) and a joined-up
    double name too (maryjane), so either way of typing it is found."""
    parts = [normalise(part) for part in re.split(r"[\s\-]+", name or "")]
    parts = [part for part in parts if part]
    joined = "".join(parts)
    return parts + ([joined] if len(parts) > 1 else [])


def sound_key(word: str) -> str:
    """A phonetic key: John, Jon and Jhon share J500; Smith and Smyth share S530."""
    word = normalise(word)
    if not word:
        return ""
    for start, replacement in SILENT_STARTS:
        if word.startswith(start):
            word = replacement + word[len(start) :]
            break
    first = word[0]
    key = FIRST_LETTER_CLASSES.get(first, first.upper())
    previous = SOUND_CLASSES.get(first, "")
    for letter in word[1:]:
        code = SOUND_CLASSES.get(letter, "")
        if code and code != previous:
            key += code
        if letter not in "hw":  # h and w do not separate two letters of one class; vowels do
            previous = code
        if len(key) == KEY_LENGTH:
            break
    return key.ljust(KEY_LENGTH, "0")
