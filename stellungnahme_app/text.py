"""Plain text as the form holds it: cleaning pasted text and splitting it into paragraphs.

Text fields are plain text. A blank line separates paragraphs, a single newline is a line
break inside a paragraph, tabs stay tabs. Text pasted from Word or e-mail may carry
characters an XML document cannot hold; :func:`clean` maps or drops them so that no input
can make an export fail.
"""

from __future__ import annotations

import re

# Characters with a meaning we keep: vertical tab and form feed are Word's manual line and
# page breaks, U+2028/U+2029 the Unicode line and paragraph separators.
_MAPPED = {
    "\r\n": "\n",
    "\r": "\n",
    "\v": "\n",
    "\f": "\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
}
_MAPPED_RE = re.compile("|".join(re.escape(k) for k in _MAPPED))

# Everything XML 1.0 cannot hold: C0 controls other than tab and newline, lone surrogates,
# and the non-characters U+FFFE and U+FFFF.
_INVALID_RE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_BLANK_LINES_RE = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """Return ``text`` with line-break characters mapped to ``\\n`` and unusable ones dropped."""
    text = _MAPPED_RE.sub(lambda m: _MAPPED[m.group(0)], text)
    return _INVALID_RE.sub("", text)


def printable(text: str) -> str:
    """``text`` fit for a message: a lone surrogate, which no encoding can write, becomes ``�``.

    Such characters come from JSON escapes like ``\\ud800``; quoting one in a message would
    make printing the message fail.
    """
    return _SURROGATE_RE.sub("\ufffd", text)


def paragraphs(text: str) -> list[str]:
    """Split cleaned text at blank lines; each paragraph may still contain single newlines.

    Empty paragraphs are dropped, so leading, trailing and repeated blank lines add nothing.
    """
    parts = _BLANK_LINES_RE.split(clean(text))
    return [p.strip("\n") for p in parts if p.strip(" \t\n\u00a0")]


def is_blank(text: str | None) -> bool:
    """True for ``None``, the empty string and text of nothing but whitespace."""
    return text is None or not text.strip()
