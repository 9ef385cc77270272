"""Draw the application icon (``resources/stellungnahme.ico`` and ``.png``) and the pictures
of the installer's dialogs (``packaging/installer/banner.bmp`` and ``dialog.bmp``).

The icon is a white document sheet with a folded corner and text lines, sealed with a red
round seal carrying a white check mark – the red and white of the city of Erfurt. Every size
is drawn on its own (small sizes with fewer, bolder lines) so it stays crisp at 16 px.

The .ico holds 16, 20, 24, 32, 40, 48, 64, 128 and 256 px images: 32-bit bitmaps below
256 px (readable by every Windows tool) and a PNG at 256 px, as Windows itself does.

The installer pictures replace WiX's own: the banner (493 × 58) heads the inner dialogs, the
dialog picture (493 × 312) is the background of the first and last page, whose right part
holds the text and so stays white.

Run: ``python packaging/make_icon.py`` (uses Qt's QPainter, no display needed).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
INSTALLER_DIR = ROOT / "packaging" / "installer"
BANNER_SIZE = (493, 58)
DIALOG_SIZE = (493, 312)
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256

ERFURT_RED = QColor("#c8102e")
SEAL_DARK = QColor("#8e0b20")
SHEET_EDGE = QColor("#5f6b76")
TEXT_LINE = QColor("#9aa5b1")


def draw_icon(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)  # drawn in a 256-unit design grid
    small = size <= 24
    _draw_sheet(painter, small)
    _draw_text_lines(painter, small)
    _draw_seal(painter, small)
    painter.end()
    return image


def _draw_sheet(painter: QPainter, small: bool) -> None:
    left, top, right, bottom, fold = 40.0, 14.0, 196.0, 230.0, 50.0
    outline = QPainterPath()
    outline.moveTo(left, top)
    outline.lineTo(right - fold, top)
    outline.lineTo(right, top + fold)
    outline.lineTo(right, bottom)
    outline.lineTo(left, bottom)
    outline.closeSubpath()
    shading = QLinearGradient(QPointF(left, top), QPointF(right, bottom))
    shading.setColorAt(0.0, QColor("#ffffff"))
    shading.setColorAt(1.0, QColor("#e9edf1"))
    edge = QPen(SHEET_EDGE, 14 if small else 7)
    edge.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(edge)
    painter.setBrush(QBrush(shading))
    painter.drawPath(outline)
    corner = QPainterPath()
    corner.moveTo(right - fold, top)
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    painter.setBrush(QColor("#cfd6dd"))
    painter.drawPath(corner)


def _draw_text_lines(painter: QPainter, small: bool) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ERFURT_RED)
    painter.drawRoundedRect(QRectF(64, 46, 70, 16 if small else 12), 5, 5)  # the heading
    painter.setBrush(TEXT_LINE)
    if small:
        lines = [(64, 92, 108), (64, 126, 70)]
        height = 16.0
    else:
        lines = [(64, 84, 108), (64, 106, 108), (64, 128, 108), (64, 150, 60)]
        height = 10.0
    for x, y, width in lines:
        painter.drawRoundedRect(QRectF(x, y, width, height), 4, 4)


def _draw_seal(painter: QPainter, small: bool) -> None:
    centre, radius = QPointF(178, 182), 62.0
    painter.setPen(QPen(QColor("#ffffff"), 10))
    painter.setBrush(ERFURT_RED)
    painter.drawEllipse(centre, radius, radius)
    if not small:
        painter.setPen(QPen(SEAL_DARK, 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius - 11, radius - 11)
    tick = QPainterPath()
    tick.moveTo(centre.x() - 28, centre.y() + 2)
    tick.lineTo(centre.x() - 8, centre.y() + 22)
    tick.lineTo(centre.x() + 28, centre.y() - 20)
    pen = QPen(QColor("#ffffff"), 22 if small else 16)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bitmap_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, bottom-up BGRA pixels, then the AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixel_rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            pixel = argb.pixel(x, y)  # 0xAARRGGBB, not premultiplied
            row += struct.pack("<I", pixel)  # little-endian: B, G, R, A
            if (pixel >> 24) == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        pixel_rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(pixel_rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows .ico file holding every image in ``images`` (keyed by size)."""
    sizes = sorted(images)
    entries = [png_bytes(images[s]) if s >= 256 else bitmap_bytes(images[s]) for s in sizes]
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for size, entry in zip(sizes, entries, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(entry), offset)
        offset += len(entry)
    return directory + b"".join(entries)


def draw_banner() -> QImage:
    """White strip with a thin red line at the bottom and the icon at the right end."""
    width, height = BANNER_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.fillRect(0, height - 3, width, 3, ERFURT_RED)
    icon = draw_icon(48)
    painter.drawImage(width - 48 - 8, (height - 3 - 48) // 2, icon)
    painter.end()
    return image


def draw_dialog() -> QImage:
    """A red panel on the left with the large icon; the right part stays white for text."""
    width, height = DIALOG_SIZE
    panel = 164
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    shading = QLinearGradient(QPointF(0, 0), QPointF(0, height))
    shading.setColorAt(0.0, ERFURT_RED)
    shading.setColorAt(1.0, SEAL_DARK)
    painter.fillRect(0, 0, panel, height, QBrush(shading))
    icon = draw_icon(128)
    painter.drawImage((panel - 128) // 2, (height - 128) // 2 - 20, icon)
    painter.end()
    return image


def bmp_bytes(image: QImage) -> bytes:
    """A 24-bit Windows bitmap, the form WiX's dialogs expect."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "BMP")
    buffer.close()
    return bytes(data.data())


def write_installer_pictures(folder: Path) -> tuple[Path, Path]:
    """Write ``banner.bmp`` and ``dialog.bmp`` into ``folder``."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    banner_path = folder / "banner.bmp"
    dialog_path = folder / "dialog.bmp"
    banner_path.write_bytes(bmp_bytes(draw_banner()))
    dialog_path.write_bytes(bmp_bytes(draw_dialog()))
    return banner_path, dialog_path


def write_icons(resources: Path) -> tuple[Path, Path]:
    """Write ``stellungnahme.ico`` and ``stellungnahme.png`` into ``resources``."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter needs it
    images = {size: draw_icon(size) for size in ICON_SIZES}
    ico_path = resources / "stellungnahme.ico"
    png_path = resources / "stellungnahme.png"
    ico_path.write_bytes(ico_bytes(images))
    png_path.write_bytes(png_bytes(images[PNG_SIZE]))
    return ico_path, png_path


if __name__ == "__main__":
    for written in (*write_icons(ROOT / "resources"), *write_installer_pictures(INSTALLER_DIR)):
        print(f"geschrieben: {written.relative_to(ROOT)}")
