"""The desktop bundle's contracts that can be checked without building it (packaging/build.sh and
packaging/smoke.sh test the built one): shipped data found inside a frozen app, the icon set,
and the Linux desktop files agreeing with each other."""

from __future__ import annotations

import configparser
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from agent_assist.storage import paths

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "ui" / "icons"
LINUX = REPO / "packaging" / "linux"


def test_frozen_app_reads_shipped_data_from_the_bundle(tmp_path, monkeypatch):
    # PyInstaller unpacks data under sys._MEIPASS; the spec lays it out as a wheel does
    bundle = tmp_path / "_internal"
    (bundle / "agent_assist" / "_knowledge").mkdir(parents=True)
    (bundle / "agent_assist" / "_ui").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.shipped_kb_dir() == bundle / "agent_assist" / "_knowledge"
    assert paths.shipped_ui_dir() == bundle / "agent_assist" / "_ui"


def test_source_checkout_reads_shipped_data_from_the_repository(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.shipped_kb_dir() == REPO / "knowledge"
    assert paths.shipped_ui_dir() == REPO / "ui"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icon_pngs_have_the_size_their_name_says():
    pngs = sorted(ICONS.glob("agent-assist-*.png"))
    sizes = {int(p.stem.rsplit("-", 1)[1]) for p in pngs}
    assert {16, 32, 48, 256, 512} <= sizes
    for png in pngs:
        n = int(png.stem.rsplit("-", 1)[1])
        assert _png_size(png) == (n, n), png.name
    assert (ICONS / "agent-assist.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    # the Windows installer and exe use the .ico: an icon directory with a 256 px (0) entry
    ico = (ICONS / "agent-assist.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    widths = {ico[6 + 16 * i] for i in range(count)}
    assert {16, 32, 48, 0} <= widths


def test_window_icon_is_set_from_the_shipped_pngs(qapp):
    from agent_assist.gui.app import app_icon, make_app

    app = make_app()
    sizes = {s.width() for s in app_icon().availableSizes()}
    assert {16, 32, 256} <= sizes
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == "agent-assist"


def test_desktop_entry_and_metainfo_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive in .desktop files
    entry.read(LINUX / "agent-assist.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "agent-assist"
    assert desktop["Icon"] == "agent-assist"  # the PNGs' and the SVG's base name
    assert (ICONS / f"{desktop['Icon']}.svg").is_file()
    meta = ET.parse(LINUX / "org.agentassist.AgentAssist.metainfo.xml").getroot()
    assert meta.findtext("id") == "org.agentassist.AgentAssist"
    assert meta.findtext("launchable") == "agent-assist.desktop"
    assert meta.findtext("provides/binary") == "agent-assist"
