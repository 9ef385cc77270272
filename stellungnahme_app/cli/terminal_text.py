"""Text from drafts made safe for a terminal: control characters are shown, never obeyed.

Titles and messages come from files anyone can write. Printed raw, an ESC, OSC or BEL
sequence in a title would reach the terminal and could recolour it, retitle the window or
worse. :func:`for_terminal` writes every control character (C0 but the tab, DEL, C1), every
invisible format character (those that reorder text among them) and every lone surrogate as
a visible escape such as ``\\x1b`` or ``\\u202e``; ordinary text, umlauts and typographic
characters stay as they are.
"""

from __future__ import annotations

import unicodedata

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with control and format characters and lone surrogates escaped."""
    if text.isprintable():
        return text
    return "".join(
        _escape(char)
        if char != "\t" and unicodedata.category(char) in _ESCAPED_CATEGORIES
        else char
        for char in text
    )
