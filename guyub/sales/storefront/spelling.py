"""SQLite's search forgives typos in Python: each query word with the catalogue's words
like it, for the substring match (matching.py). Pure: the vocabulary is passed in."""

import difflib

SPELLINGS = 4  # at most this many spellings of one query word

CLOSE_RATIO = 0.8  # difflib's ratio: "kripik"/"keripik" 0.92, "sambel"/"sambal" 0.83


def close_spellings(words: list[str], vocabulary) -> list[list[str]]:
    """Each query word with the catalogue's words like it ("kripik": keripik), for the
    substring search SQLite does. `vocabulary` is called only when a word needs it."""
    known = None
    result = []
    for word in (w.lower() for w in words):
        spellings = [word]
        if len(word) >= 4:
            known = known if known is not None else sorted(vocabulary())
            if not any(word in k for k in known):
                spellings += difflib.get_close_matches(word, known, n=SPELLINGS,
                                                       cutoff=CLOSE_RATIO)
        result.append(spellings)
    return result
