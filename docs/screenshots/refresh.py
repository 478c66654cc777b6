#!/usr/bin/env python3
"""Refresh the README's screenshot gallery from the screenshot contract.

Runs ``agent-assist --screenshot DIR/`` in Chinese and in English on a throw-away data dir with
300 generated notes (so History and Reports have something to show), at 1024×600, then keeps a
handful of screens as small 8-bit PNGs here. Nothing of the agent's own data is used.

usage:  python docs/screenshots/refresh.py            (from the repository root)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from array import array
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SIZE = "1024x600"
# (file here, language, screen of the contract)
GALLERY = (
    ("search-quick-card.png", "zh_CN", "tab-process"),
    ("call-mode.png", "zh_CN", "callmode-card"),
    ("note-form-en.png", "en", "tab-note"),
    ("history-en.png", "en", "tab-history"),
    ("reports-pareto.png", "zh_CN", "tab-reports-pareto"),
    ("reports-overview-en.png", "en", "tab-reports-overview"),
)


def shoot(language: str, data: Path, out: Path) -> None:
    env = dict(os.environ, AGENT_ASSIST_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run(
        [sys.executable, "-m", "agent_assist", "--lang", language, "--screenshot-size", SIZE]
        + ["--screenshot", f"{out}/"],
        env=env,
        check=True,
    )


def small_png(source: Path, target: Path) -> None:
    """8-bit PNG with the image's own 256 most frequent colours: a UI screenshot is mostly
    flat colour, so it stays sharp at a third of the size."""
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = QImage(str(source)).convertToFormat(QImage.Format_RGB32)
    pixels = array("I")
    pixels.frombytes(bytes(image.constBits()))
    palette = [colour | 0xFF000000 for colour, _n in Counter(pixels).most_common(256)]
    image.convertToFormat(QImage.Format_Indexed8, palette, Qt.ThresholdDither).save(
        str(target), "PNG", 0
    )


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage
    with tempfile.TemporaryDirectory(prefix="agent-assist-gallery-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "gen_notes.py"), "--out"]
            + [str(data / "agent_assist.db"), "--count", "300"],
            check=True,
        )
        for language in sorted({lang for _f, lang, _s in GALLERY}):
            shoot(language, data, Path(tmp) / language)
        for name, language, screen in GALLERY:
            small_png(Path(tmp) / language / f"{screen}.png", HERE / name)
            print(f"{name}: {(HERE / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
