"""Theme, font size and UI language: applied to the running app without a restart.

Themes are plain Qt style sheets in ``ui/themes`` (light / dark) on top of the Fusion style and a
matching palette, so rich text and the painted result rows follow the theme too. Font size is
the application font (Noto Sans CJK when present: Chinese must render the same everywhere).
Languages are Qt translators: zh_CN is the source text, English comes from
``ui/i18n/agent_assist_en.qm``; changing it sends a LanguageChange event every panel handles.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from agent_assist.storage import shipped_ui_dir

THEMES = ("light", "dark")
LANGUAGES = ("zh_CN", "en")
DEFAULT_FONT_SIZE = 11
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)

_translators: list[QTranslator] = []


def themes_dir() -> Path:
    return shipped_ui_dir() / "themes"


def i18n_dir() -> Path:
    return shipped_ui_dir() / "i18n"


def _palette(dark: bool) -> QPalette:
    pal = QPalette()
    if dark:
        colors = {
            QPalette.ColorRole.Window: "#1f2328",
            QPalette.ColorRole.WindowText: "#e6e6e6",
            QPalette.ColorRole.Base: "#171a1e",
            QPalette.ColorRole.AlternateBase: "#262b31",
            QPalette.ColorRole.Text: "#e6e6e6",
            QPalette.ColorRole.Button: "#2b3137",
            QPalette.ColorRole.ButtonText: "#e6e6e6",
            QPalette.ColorRole.Highlight: "#2f6db5",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2b3137",
            QPalette.ColorRole.ToolTipText: "#e6e6e6",
            QPalette.ColorRole.Link: "#64b5f6",
            QPalette.ColorRole.PlaceholderText: "#8a939c",
            QPalette.ColorRole.Mid: "#3a4148",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#f4f6f8",
            QPalette.ColorRole.WindowText: "#1d2329",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#eef3f8",
            QPalette.ColorRole.Text: "#1d2329",
            QPalette.ColorRole.Button: "#ffffff",
            QPalette.ColorRole.ButtonText: "#1d2329",
            QPalette.ColorRole.Highlight: "#1565c0",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#ffffff",
            QPalette.ColorRole.ToolTipText: "#1d2329",
            QPalette.ColorRole.Link: "#1565c0",
            QPalette.ColorRole.PlaceholderText: "#7b8794",
            QPalette.ColorRole.Mid: "#dde3ea",
        }
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    return pal


def apply_theme(app: QApplication, theme: str) -> str:
    """Switch palette + style sheet; unknown names fall back to light. Returns the theme used."""
    theme = theme if theme in THEMES else "light"
    app.setStyle("Fusion")
    app.setPalette(_palette(theme == "dark"))
    qss = themes_dir() / f"{theme}.qss"
    sheet = qss.read_text(encoding="utf-8") if qss.exists() else ""
    # images next to the sheet (the dark check mark) by absolute path, wherever the app runs
    app.setStyleSheet(sheet.replace("@THEMES@", themes_dir().as_posix()))
    app.setProperty("agentAssistTheme", theme)
    return theme


def qapp() -> QApplication | None:
    """The running QApplication (``QApplication.instance()`` is typed as the core application,
    which has no fonts, palette or style sheet), or None before one is made."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def current_theme(app: QApplication | None = None) -> str:
    app = app or qapp()
    return (app.property("agentAssistTheme") if app else None) or "light"


def apply_font(app: QApplication, size: int | None) -> None:
    size = int(size or DEFAULT_FONT_SIZE)
    size = max(8, min(size, 24))
    font = QFont(app.font())
    families = set(QFontDatabase.families())
    chosen = [f for f in CJK_FAMILIES if f in families]
    if chosen:
        font.setFamilies(chosen + [font.family()])
    font.setPointSize(size)
    app.setFont(font)
    sheet = app.styleSheet()
    if sheet:
        # with a style sheet active, Qt keeps every existing widget's polished font: setting
        # the sheet again re-polishes them, so the whole window follows the new size at once
        app.setStyleSheet(sheet)


def set_language(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` ('zh_CN' removes ours). Returns the language used."""
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    language = language if language in LANGUAGES else "zh_CN"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        ours = QTranslator(app)
        if ours.load(str(i18n_dir() / "agent_assist_en.qm")):
            _translators.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:  # Chinese texts in Qt's own dialogs (OK/Cancel, file dialog)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            _translators.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for tr in _translators:
        app.installTranslator(tr)
    app.setProperty("agentAssistLanguage", language)
    return language  # installing / removing a translator sends LanguageChange to every widget


def current_language(app: QCoreApplication | None = None) -> str:
    app = app or QCoreApplication.instance()
    return (app.property("agentAssistLanguage") if app else None) or "zh_CN"
