"""The units a comparison works in: German words, numbers, punctuation and white space.

A change is shown in whole units, as a reader sees it: "dritten" → "vierten", never
"dri" → "vier"; "06" → "09"; a date "15.05.2024" or an amount "1.000,50" is one number.
Words are letters (umlauts and ß, accents written as a letter and a combining mark, an
apostrophe inside: "geht’s"); every other character is a unit of its own, so in
"0661/24" the "/" stays while the number beside it changes. White space is kept as units
too, so that the units of a text joined again give exactly the text.
"""

from __future__ import annotations

import re

_UNIT = re.compile(
    r"""
      \d+(?:[.,:]\d+)*                                      # 06, 2024, 15.05.2024, 1.000,50
    | (?:[^\W\d_]|[\u0300-\u036f])+(?:['’](?:[^\W\d_]|[\u0300-\u036f])+)*   # words
    | \s+                                                   # spaces, tabs, line breaks
    | .                                                     # any other character
    """,
    re.VERBOSE | re.DOTALL,
)


def units(text: str) -> list[str]:
    """The units of ``text`` in order; ``"".join(units(text)) == text``."""
    return _UNIT.findall(text)


def is_space(unit: str) -> bool:
    return unit.isspace()


def words_of(text: str) -> list[str]:
    """The units of ``text`` that are not white space (to tell how alike two texts are)."""
    return [unit for unit in units(text) if not unit.isspace()]
