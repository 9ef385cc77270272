"""The words never flagged for their form alone, whatever the dictionary says.

Abbreviations written in capitals (``ISEK``, ``LIGA``, ``ISEKs``) and those with capitals
inside (``ThürKO``, ``BauGB``, ``KiTa``) are the administration's shorthand, and a single
letter is an enumeration (``a)``) or part of ``E-Mail``. Words with digits never reach this
module: :func:`stellungnahme_app.spelling.words.words` leaves them out.
"""

from __future__ import annotations


def is_exempt(word: str) -> bool:
    """True when ``word`` (one part of a hyphenated compound, or a whole word) is never
    flagged: a single letter, or two or more capitals (``ISEK``, ``ThürKO``)."""
    if len(word) > 1 and word[1:].islower():  # the usual word: nothing else to look at
        return False
    letters = [character for character in word if character.isalpha()]
    if len(letters) <= 1:
        return True
    capitals = sum(1 for character in letters if character.isupper())
    return capitals >= 2 and "-" not in word
