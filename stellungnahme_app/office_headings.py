"""The heading of an office's contribution, formed by German genitive rules.

``Jugendamt`` → ``Stellungnahme des Jugendamts``: the catalogue states every listed office's
heading, and for an office it does not list, :func:`derive_heading` forms one from the name.
"""

from __future__ import annotations

import re

_FEMININE_ENDINGS = (
    "ion", "ei", "stelle", "ung", "schaft", "behörde", "kasse", "bibliothek", "schule",
    "agentur", "aufsicht", "einheit", "hilfe", "akademie", "galerie", "wache", "kommission",
    "zentrale", "beauftragte",
)  # fmt: skip
_MASCULINE_NEUTER_ENDINGS = (
    "amt", "büro", "referat", "dezernat", "archiv", "museum", "zentrum", "institut", "team",
    "betrieb", "bereich", "stab", "werk", "gremium", "sekretariat", "labor", "theater",
    "kommissariat", "haus", "zoo", "park",
)  # fmt: skip
_HEAD_SPLIT = re.compile(r"\s+(?:für|der|des|zur|zum|im|am)\s+|,")


def derive_heading(office_name: str) -> str:
    """The heading of an office's contribution, by German genitive rules.

    ``Jugendamt`` → ``Stellungnahme des Jugendamts``, ``Amt für Soziales`` → ``Stellungnahme
    des Amts für Soziales``, ``Kämmerei`` → ``Stellungnahme der Kämmerei``. A name whose gender
    the rules cannot tell gets ``Stellungnahme: <Name>`` (never a wrong article).
    """
    name = " ".join(office_name.split())
    if not name:
        return "Stellungnahme"
    head_phrase = _HEAD_SPLIT.split(name, maxsplit=1)[0]
    rest = name[len(head_phrase) :]
    words = head_phrase.split(" ")
    noun = words[-1]
    lower = noun.casefold()
    if lower.endswith(_FEMININE_ENDINGS):
        article, inflected = "der", noun
    elif lower.endswith(_MASCULINE_NEUTER_ENDINGS):
        article = "des"
        inflected = noun + ("es" if lower.endswith(("s", "ß", "x", "z")) else "s")
    else:
        return f"Stellungnahme: {name}"
    adjectives = [_inflect_adjective(word) for word in words[:-1]]
    return f"Stellungnahme {article} {' '.join([*adjectives, inflected])}{rest}"


def _inflect_adjective(word: str) -> str:
    """``Zentrale`` → ``Zentralen``, ``Städtisches`` → ``Städtischen``; other words unchanged."""
    if word.endswith("-") or not word[:1].isupper():
        return word
    for ending in ("es", "er"):
        if word.endswith(ending) and word[: -len(ending)].endswith(("isch", "al", "lich", "iv")):
            return word[: -len(ending)] + "en"
    if word.endswith(("ische", "ale", "liche", "ive")):
        return word + "n"
    return word
