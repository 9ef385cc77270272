"""The number Word shows before a paragraph with automatic numbering ("1.", "a)", "01").

A numbered paragraph names a list (``w:numPr``: ``w:numId`` and the level ``w:ilvl``),
directly or through its paragraph style (and the styles that one is based on). The list
(``w:num``) refers to a definition (``w:abstractNum``) whose levels give the start value,
the number format (``w:numFmt``: decimal, decimalZero, lowerLetter, upperRoman …) and the
level text (``w:lvlText``: ``%1.``, ``%1)``, ``%1.%2``); a list may override the start of
a level (``w:lvlOverride``/``w:startOverride``). Word counts per definition, in document
order: a number at a level resets the deeper levels (unless ``w:lvlRestart`` is 0).
:class:`ListCounter` follows that count when the paragraphs are given in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

MAX_STYLE_DEPTH = 20
_BULLET_SUBSTITUTES = {"o": "◦", "§": "▪", "Ø": "➢", "ü": "✓", "q": "□", "v": "❖"}


@dataclass
class _Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None
    legal: bool = False


@dataclass
class _Definition:
    levels: dict[int, _Level] = field(default_factory=dict)


@dataclass
class _List:
    abstract_id: str
    #: Level → start value that overrides the definition's (applied on first use).
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)
    used: bool = False


def _value(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(element: etree._Element) -> _Level:
    restart = _value(element, "w:lvlRestart")
    return _Level(
        start=_int(_value(element, "w:start"), 1),
        number_format=_value(element, "w:numFmt") or "decimal",
        text=_value(element, "w:lvlText") or "",
        suffix=_value(element, "w:suff") or "tab",
        restart=_int(restart, 1) if restart is not None else None,
        legal=element.find(qn("w:isLgl")) is not None,
    )


def to_letters(value: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    if value <= 0:
        return ""
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def to_roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    result = ""
    for amount, numeral in numerals:
        while value >= amount:
            result += numeral
            value -= amount
    return result


def formatted(value: int, number_format: str) -> str:
    """``value`` in Word's number format ``number_format``."""
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format == "lowerLetter":
        return to_letters(value)
    if number_format == "upperLetter":
        return to_letters(value).upper()
    if number_format == "lowerRoman":
        return to_roman(value)
    if number_format == "upperRoman":
        return to_roman(value).upper()
    if number_format == "ordinal":
        return f"{value}."
    if number_format == "none":
        return ""
    return str(value)


def bullet_text(level_text: str) -> str:
    """What a bullet looks like in plain text (symbol fonts use private code points)."""
    text = level_text.strip()
    if not text or any("\ue000" <= char <= "\uf8ff" for char in text):
        return "•"
    return _BULLET_SUBSTITUTES.get(text, text)


class ListCounter:
    """Numbers of Word's automatic numbering, for the paragraphs of a document in order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._definitions: dict[str, _Definition] = {}
        self._lists: dict[str, _List] = {}
        self._style_links: dict[str, str] = {}
        self._styles: dict[str, etree._Element] = {}
        self._default_style: str | None = None
        self._counters: dict[str, dict[int, int]] = {}
        if styles is not None:
            for style in styles.iter(qn("w:style")):
                style_id = style.get(qn("w:styleId"))
                if style_id:
                    self._styles[style_id] = style
                    if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in (
                        "1",
                        "true",
                    ):
                        self._default_style = style_id
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_numbering(self, numbering: etree._Element) -> None:
        for abstract in numbering.iter(qn("w:abstractNum")):
            definition = _Definition(
                {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in abstract.iter(qn("w:lvl"))}
            )
            abstract_id = abstract.get(qn("w:abstractNumId")) or ""
            self._definitions[abstract_id] = definition
            linked = _value(abstract, "w:numStyleLink")
            if linked:
                self._style_links[abstract_id] = linked
        for num in numbering.iter(qn("w:num")):
            listing = _List(_value(num, "w:abstractNumId") or "")
            for override in num.iter(qn("w:lvlOverride")):
                level = _int(override.get(qn("w:ilvl")), 0)
                start = _value(override, "w:startOverride")
                if start is not None:
                    listing.start_overrides[level] = _int(start, 1)
                replacement = override.find(qn("w:lvl"))
                if replacement is not None:
                    listing.level_overrides[level] = _level(replacement)
            self._lists[num.get(qn("w:numId")) or ""] = listing

    # ------------------------------------------------------------------ paragraphs

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The list and level a paragraph style (or a style it is based on) numbers with."""
        for _depth in range(MAX_STYLE_DEPTH):
            style = self._styles.get(style_id or "")
            if style is None:
                break
            properties = style.find(qn("w:pPr"))
            numbering = properties.find(qn("w:numPr")) if properties is not None else None
            if numbering is not None:
                return _value(numbering, "w:numId"), _int(_value(numbering, "w:ilvl"), 0)
            style_id = _value(style, "w:basedOn")
        return None, None

    def paragraph_style(self, paragraph: etree._Element) -> str | None:
        properties = paragraph.find(qn("w:pPr"))
        return _value(properties, "w:pStyle") or self._default_style

    def label(self, paragraph: etree._Element) -> tuple[str, str] | None:
        """(number as Word shows it, what follows it: tab, space or nothing) or ``None``.

        Call for every paragraph in document order: the count moves on with each call.
        """
        properties = paragraph.find(qn("w:pPr"))
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        num_id = _value(numbering, "w:numId") if numbering is not None else None
        level_text = _value(numbering, "w:ilvl") if numbering is not None else None
        style_num, style_level = self._style_numbering(self.paragraph_style(paragraph))
        num_id = num_id if num_id is not None else style_num
        level = _int(level_text, style_level if style_level is not None else 0)
        if num_id is None or num_id == "0":
            return None
        return self._count(num_id, level)

    def _definition_for(self, listing: _List) -> _Definition | None:
        definition = self._definitions.get(listing.abstract_id)
        linked = self._style_links.get(listing.abstract_id)
        if linked is not None:  # numStyleLink: the numbering style names the real list
            style_num, _level_unused = self._style_numbering(linked)
            target = self._lists.get(style_num or "")
            if target is not None and target.abstract_id != listing.abstract_id:
                definition = self._definitions.get(target.abstract_id, definition)
        return definition

    def _count(self, num_id: str, level: int) -> tuple[str, str] | None:
        listing = self._lists.get(num_id)
        if listing is None:
            return None
        definition = self._definition_for(listing)
        if definition is None:
            return None
        levels = {**definition.levels, **listing.level_overrides}
        if level not in levels:
            return None
        counters = self._counters.setdefault(listing.abstract_id, {})
        if not listing.used:
            listing.used = True
            for overridden, start in listing.start_overrides.items():
                counters[overridden] = start - 1
        current = levels[level]
        if current.number_format == "bullet":
            return bullet_text(current.text), current.suffix
        counters[level] = counters.get(level, current.start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0:
                del counters[deeper]
        text = current.text
        for shown in range(9, -1, -1):
            placeholder = f"%{shown + 1}"
            if placeholder not in text:
                continue
            shown_level = levels.get(shown, _Level())
            value = counters.get(shown, shown_level.start)
            number_format = "decimal" if current.legal else shown_level.number_format
            text = text.replace(placeholder, formatted(value, number_format))
        return text, current.suffix
