"""The application icon: a Windows .ico with every size from 16 to 256 px, and a 256 px PNG."""

from __future__ import annotations

import struct

import bundle_config as config

ICO = config.ICON_FILE
PNG = config.ICON_FILE.with_suffix(".png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def icon_entries(data: bytes) -> list[tuple[int, bytes]]:
    """(size, image bytes) of each image in an .ico file."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "kein Windows-Symbol (.ico)"
    entries = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert width == height
        assert (planes, bits) == (1, 32)
        assert offset + length <= len(data)
        entries.append((width or 256, data[offset : offset + length]))
    return entries


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    return struct.unpack_from(">II", data, 16)  # IHDR: width, height


def test_ico_holds_every_size_windows_asks_for() -> None:
    sizes = [size for size, _ in icon_entries(ICO.read_bytes())]
    assert sizes == sorted(sizes)
    assert {16, 20, 24, 32, 40, 48, 64, 128, 256} <= set(sizes)


def test_small_sizes_are_bitmaps_and_256_is_a_png() -> None:
    for size, image in icon_entries(ICO.read_bytes()):
        if size == 256:
            assert png_size(image) == (256, 256)
            continue
        header_size, width, height, planes, bits = struct.unpack_from("<IiiHH", image, 0)
        assert (header_size, width, height, planes, bits) == (40, size, 2 * size, 1, 32)
        mask_stride = ((size + 31) // 32) * 4
        assert len(image) == 40 + size * size * 4 + size * mask_stride


def test_icons_are_not_blank() -> None:
    """Each bitmap has transparent corners and an opaque, coloured middle (the drawing)."""
    for size, image in icon_entries(ICO.read_bytes()):
        if size == 256:
            continue
        pixels = image[40 : 40 + size * size * 4]
        alphas = pixels[3::4]
        assert alphas[0] == 0, f"{size} px: Ecke nicht transparent"
        assert sum(1 for alpha in alphas if alpha == 255) > size * size // 3, f"{size} px leer"
        reds = [
            pixels[i : i + 4]
            for i in range(0, len(pixels), 4)
            if pixels[i + 3] == 255 and pixels[i + 2] > 150 and pixels[i + 1] < 80
        ]
        assert reds, f"{size} px: das rote Siegel fehlt"


def test_png_is_the_256_pixel_icon() -> None:
    assert png_size(PNG.read_bytes()) == (256, 256)
