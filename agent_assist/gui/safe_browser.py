"""A QTextBrowser that loads nothing the KB did not ship and follows no link by itself.

QTextBrowser, left to itself, reads any ``file:`` URL an ``<img>`` names (``/dev/zero`` took the
app down with bad_alloc) and replaces its page with any local file a link points at (the 学习
view showed /etc/passwd). Here:

* images load only from inside the KB folder: a relative path, resolved (symlinks followed)
  to a regular file inside the KB root, at most :data:`MAX_IMAGE_BYTES` and
  :data:`MAX_IMAGE_SIDE` pixels a side; anything else gets a drawn placeholder. No other
  resource (style sheets, pages) is ever loaded, and the network never.
* links never navigate the browser: ``proc:`` and ``action:`` links are handed to the owner
  (:attr:`SafeTextBrowser.internalLinkClicked`), ``http(s)``/``mailto`` open in the system
  browser after the click, ``#anchors`` scroll, and everything else (``file:``,
  ``javascript:``, ``data:``, relative paths, unknown schemes) is ignored.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QImageReader,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from agent_assist.gui.safe_html import BLOCKED_IMAGE

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 4096  # pixels: a small PNG can declare a huge canvas
INTERNAL_SCHEMES = ("proc", "action")
EXTERNAL_SCHEMES = ("http", "https", "mailto")
_IMAGE_RESOURCE = 2  # QTextDocument.ImageResource


def kb_image_path(src: str, kb_root: Path | None, base_dir: Path | None = None) -> Path | None:
    """The file a relative image ``src`` names inside ``kb_root``, or None if it may not load.

    Relative to ``base_dir`` (the process file's folder) when given, else to the KB root; the
    resolved path must stay inside the (resolved) KB root and be a small regular file."""
    if kb_root is None or not src or src == BLOCKED_IMAGE:
        return None
    url = QUrl(src)
    if url.scheme() or url.isEmpty() or src.startswith(("/", "\\")) or "\\" in src:
        return None
    rel = url.path()
    if not rel or rel.startswith("/"):
        return None
    try:
        root = Path(kb_root).resolve(strict=True)
        base = Path(base_dir).resolve(strict=True) if base_dir else root
        if not base.is_relative_to(root):
            base = root
        target = (base / rel).resolve(strict=True)
        if not target.is_relative_to(root):
            return None
        st = os.stat(target)
    except (OSError, RuntimeError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_IMAGE_BYTES:
        return None
    return target


def read_image(path: Path) -> QImage | None:
    """Decode ``path`` if it is an image of sane dimensions (checked before decoding)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_IMAGE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_IMAGE_BYTES:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) > MAX_IMAGE_SIDE:
        return None
    image = reader.read()
    return None if image.isNull() else image


def placeholder_image() -> QImage:
    """A framed box saying the image is not shown, sized for the current font."""
    text = QCoreApplication.translate("SafeTextBrowser", "图片未显示")
    font = QGuiApplication.font()
    fm = QFontMetrics(font)
    image = QImage(fm.horizontalAdvance(text) + 24, fm.height() + 10, QImage.Format.Format_ARGB32)
    image.fill(QColor("#eceff1"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QPen(QColor("#90a4ae"), 1, Qt.PenStyle.DashLine))
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.setPen(QColor("#455a64"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


class SafeTextBrowser(QTextBrowser):
    """QTextBrowser for KB content: see the module docstring for what it refuses."""

    internalLinkClicked = Signal(QUrl)  # proc: and action: links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.kb_root: Path | None = None
        self.base_dir: Path | None = None
        self.refused: list[str] = []  # the last page's refused resources (newest 50)
        self.anchorClicked.connect(self._anchor_clicked)

    def set_base(self, kb_root: Path | None, base_dir: Path | None = None) -> None:
        """Where images of the next page may come from: ``kb_root``, relative to ``base_dir``."""
        self.kb_root = Path(kb_root) if kb_root else None
        self.base_dir = Path(base_dir) if base_dir else None

    def setHtml(self, text: str) -> None:
        self.refused.clear()
        super().setHtml(text)

    def loadResource(self, kind: int, url: QUrl | str):
        """Images from the KB folder only; every other resource: nothing."""
        url = QUrl(url) if isinstance(url, str) else url
        if int(kind) != _IMAGE_RESOURCE:
            self._refuse(url)
            return None
        path = kb_image_path(url.toString(), self.kb_root, self.base_dir)
        image = read_image(path) if path is not None else None
        if image is None:
            self._refuse(url)
            return placeholder_image()
        return image

    def doSetSource(self, name: QUrl | str, kind=None) -> None:
        """Navigation by URL is never done: pages come only from :meth:`setHtml`."""
        self._refuse(QUrl(name) if isinstance(name, str) else name)

    def _refuse(self, url: QUrl) -> None:
        self.refused.append(url.toString()[:200])
        del self.refused[:-50]

    def _anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in INTERNAL_SCHEMES:
            self.internalLinkClicked.emit(url)
        elif scheme in EXTERNAL_SCHEMES and url.isValid() and (url.host() or scheme == "mailto"):
            QDesktopServices.openUrl(url)
        elif not scheme and not url.path() and url.fragment():
            self.scrollToAnchor(url.fragment())
        else:
            self._refuse(url)
