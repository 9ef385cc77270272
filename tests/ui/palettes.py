"""Palettes as Windows gives them: dark mode and a high-contrast theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def palette(base: str, text: str, window: str, highlight: str) -> QPalette:
    result = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, base),
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, base),
    ):
        result.setColor(role, QColor(colour))
    return result


#: Windows 11 in dark mode, as Qt's Fusion style shows it.
DARK = palette(base="#1e1e1e", text="#ffffff", window="#202020", highlight="#0078d4")
#: The high-contrast theme „Nachthimmel“ (Night sky): yellow-free, white on black.
HIGH_CONTRAST = palette(base="#000000", text="#ffffff", window="#000000", highlight="#8ee3f0")


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The contrast ratio of two colours (WCAG 2): 1 … 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
