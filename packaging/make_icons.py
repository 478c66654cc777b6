"""Render ui/icons/agent-assist.svg into the PNG sizes, a Windows .ico and a macOS .icns.

The outputs are committed (they are small), so a build needs nothing but PyInstaller; run this
again after editing the SVG: ``python packaging/make_icons.py``. Qt's own SVG renderer draws
them, so no extra image library is needed. The .ico and .icns simply wrap PNG images (both
formats allow that), which keeps the writer a few lines of ``struct``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "ui" / "icons"
SOURCE = ICONS / "agent-assist.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns chunk types that hold PNG data, by pixel size
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square, transparent corners."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (Vista and later read these)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        blob = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG chunks."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s]
        for s, kind in ICNS_TYPES.items()
        if s in pngs
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, paint)
    pngs = {s: render(s) for s in PNG_SIZES}
    for s, blob in pngs.items():
        (ICONS / f"agent-assist-{s}.png").write_bytes(blob)
    (ICONS / "agent-assist.ico").write_bytes(ico(pngs))
    (ICONS / "agent-assist.icns").write_bytes(icns(pngs))
    for path in sorted(ICONS.iterdir()):
        print(f"{path.stat().st_size:>8} B  {path.relative_to(ICONS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
