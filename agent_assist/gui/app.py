"""Starting the desktop app: QApplication, profile, theme, language, main window, screenshot.

``run(args)`` is what ``agent-assist`` (no command) calls. It paints the window first and opens
the search index on a worker thread, so a warm start is interactive well under a second and a
cold one shows progress instead of a frozen window. ``--screenshot FILE.png`` renders the window
offscreen with a query typed and a quick card open, saves it and exits; ``--screenshot DIR/``
saves every screen and ``ui.json`` (:mod:`agent_assist.gui.screenshots`).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QSettings,
    Qt,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from agent_assist.gui import appearance
from agent_assist.gui.context import AppContext
from agent_assist.storage import data_dir

SCREENSHOT_QUERY = "携转"


def settings_store() -> QSettings:
    """Window geometry and similar UI state: an INI file in the data dir (never the registry)."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


_QT_NOISE = ("propagateSizeHints",)  # the offscreen platform's harmless complaint


def _qt_messages(mode, context, message: str) -> None:
    if any(noise in message for noise in _QT_NOISE):
        return
    sys.stderr.write(message + "\n")


def make_app(argv: list[str] | None = None) -> QApplication:
    app = appearance.qapp()
    if app is None:
        qInstallMessageHandler(_qt_messages)
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("agent-assist")
    app.setOrganizationName("agent-assist")
    app.setApplicationDisplayName("坐席助手")
    app.setDesktopFileName("agent-assist")  # matches packaging/linux/agent-assist.desktop
    app.setWindowIcon(app_icon())
    return app


def app_icon():
    """The window icon (a QIcon): every PNG size rendered from ui/icons/agent-assist.svg."""
    from PySide6.QtGui import QIcon

    from agent_assist.storage import shipped_ui_dir

    icon = QIcon()
    for png in sorted((shipped_ui_dir() / "icons").glob("agent-assist-*.png")):
        icon.addFile(str(png))
    return icon


def prepare(
    ctx: AppContext,
    app: QApplication,
    language: str | None = None,
    ask_profile: bool = True,
    font_size: int | None = None,
):
    """Load the agent profile (asking on first run), then theme, font and language
    (``language`` / ``font_size`` given on the command line win for this run)."""
    ws = ctx.services
    profile = ws.profiles.load()
    lang = language or (profile.language if profile and profile.language else "zh_CN")
    appearance.set_language(app, lang)
    appearance.apply_theme(app, profile.theme if profile and profile.theme else "light")
    appearance.apply_font(app, font_size or (profile.font_size if profile else None))
    if profile is None and ask_profile:
        from agent_assist.gui.profile_dialog import ProfileDialog
        from agent_assist.knowledge import AgentProfile

        dialog = ProfileDialog()
        if dialog.exec():
            name, agent_no = dialog.values()
            profile = AgentProfile(
                name=name,
                agent_no=agent_no,
                theme="light",
                font_size=appearance.DEFAULT_FONT_SIZE,
                language=lang,
                kb_dir="",
            )
            ws.profiles.save(profile)
        else:
            ws.profiles.mark_skipped()
    if profile is not None and (profile.name or profile.agent_no):
        ctx.services.set_agent(profile.name or "", profile.agent_no or "")
    return profile


def build(
    kb_dir: Path | None = None,
    language: str | None = None,
    ask_profile: bool = True,
    font_size: int | None = None,
):
    """Create app, context and main window (not yet shown). Returns (app, ctx, window)."""
    app = make_app()
    from agent_assist.gui.main_window import MainWindow

    db = open_database(interactive=ask_profile)
    # the KB folder: --kb wins, then the one the agent chose in settings, then the sample
    if kb_dir is None:
        from agent_assist.knowledge import ProfileStore

        saved = ProfileStore(db).load()
        if saved is not None and saved.kb_dir and Path(saved.kb_dir).is_dir():
            kb_dir = Path(saved.kb_dir)
    # the KB loads on a worker together with the index (``Services.open_searcher``): the window
    # paints first, other modules' tabs fill in right after
    # a release folder: pull its newest good release and load the local copy (gui.release_sync)
    from agent_assist.gui.release_sync import ReleaseSync, resolve_start_kb

    kb_dir, channel, _messages = resolve_start_kb(kb_dir, db)
    ctx = AppContext(kb_dir=kb_dir, db=db, load=False)
    prepare(ctx, app, language, ask_profile, font_size)
    window = MainWindow(ctx, settings_store(), defer_panels=True)
    window.release_sync = ReleaseSync(ctx, channel, window)
    dark = appearance.current_theme(app) == "dark"
    window.view.set_dark(dark)
    window.study.set_dark(dark)
    return app, ctx, window


class StartupFailed(Exception):
    """The app cannot start (its database is unusable and was not replaced); ``str()`` is the
    one-line reason, already shown to the agent when there was someone to show it to."""


def open_database(interactive: bool = True):
    """The app database. A damaged file is named, and — if the agent agrees — moved aside
    (renamed ``….corrupt-<time>``, never deleted) and replaced by a fresh one; a file that
    cannot be opened now (full disk, no permission) is named and left alone.

    Raises :class:`StartupFailed` when there is no usable database.
    """
    from agent_assist.storage import DatabaseDamaged, StorageError, move_aside, open_db

    for _attempt in range(3):
        try:
            return open_db(thread_bound=True)  # GUI thread only (docs/architecture.md)
        except DatabaseDamaged as exc:
            if not interactive or not ask_fresh_start(exc):
                raise StartupFailed(exc.message) from exc
            try:
                aside = move_aside(exc.path)
            except StorageError as failed:
                show_problem(failed.message)
                raise StartupFailed(failed.message) from failed
            sys.stderr.write(f"moved the damaged database aside: {aside}\n")
        except StorageError as exc:
            if interactive:
                show_problem(exc.message)
            raise StartupFailed(exc.message) from exc
    raise StartupFailed("数据库反复损坏，已停止")


def ask_fresh_start(exc) -> bool:
    """The dialog: the damaged file, where it will go, start fresh or quit."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, QCoreApplication.translate("StartUp", "数据库已损坏"), exc.message
    )
    box.setObjectName("corruptDatabaseDialog")
    box.setInformativeText(
        QCoreApplication.translate(
            "StartUp",
            "可以把这个文件移到一旁（改名为 %1.corrupt-日期时间，不会删除，技术人员还可以从中恢复），"
            "然后用一个新的空数据库开始。",
        ).replace("%1", exc.path.name)
    )
    fresh = box.addButton(
        QCoreApplication.translate("StartUp", "移到一旁并重新开始"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QCoreApplication.translate("StartUp", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(fresh)
    box.exec()
    return box.clickedButton() is fresh


def show_problem(message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Critical, QCoreApplication.translate("StartUp", "无法打开数据库"), message
    )
    box.setObjectName("databaseProblemDialog")
    box.exec()


def wait_until(predicate, timeout_s: float = 30.0) -> bool:
    """Spin the event loop until ``predicate()`` or the timeout (used by screenshot and bench)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(10, loop.quit)
        loop.exec()
    return True


def screenshot(
    window, path: Path, query: str = SCREENSHOT_QUERY, size: tuple[int, int] = (1280, 800)
) -> bool:
    """Type ``query``, wait for the worker's answer, open the top hit as a quick card, save."""
    ws = window.ws
    window.resize(*size)  # the same picture whatever window geometry the agent saved
    window.split.setSizes([int(size[0] * 0.34), int(size[0] * 0.66)])
    wait_until(lambda: not ws.indexing, 300)
    if ws.searcher is None:
        print(
            "screenshot: the search index could not be opened (see the error above)",
            file=sys.stderr,
        )
        return False
    shown: list[int] = []
    window.search.resultsShown.connect(shown.append)
    window.search.set_query(query)
    wait_until(lambda: bool(shown) and window.search.last_query == query, 10)
    entries = window.search.results.model_.entries()
    if entries:
        # a quick card (what an unsure agent sees), without logging an open in the agent's data
        window.view.show_process(entries[0].pid, query, log=False, mode="quick")
        window.tabs.setCurrentWidget(window.view)
    window.search.box.setFocus()
    wait_until(lambda: False, 0.3)  # let layouts settle and paint
    image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return image.save(str(path))


def is_screenshot_folder(target: str | Path) -> bool:
    """``--screenshot DIR/`` (a path ending in a separator, or an existing folder) asks for the
    whole contract; anything else is the single picture of the main window."""
    text = str(target)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def _size(text: str | None, default: tuple[int, int]) -> tuple[int, int]:
    if not text:
        return default
    w, _, h = str(text).lower().partition("x")
    return int(w), int(h)


def run(args) -> int:
    """Entry point for ``agent-assist`` / ``agent-assist gui``."""
    shot = getattr(args, "screenshot", None)
    if shot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    kb = getattr(args, "kb", None) or getattr(args, "sub_kb", None)
    try:
        app, ctx, window = build(
            Path(kb) if kb else None,
            getattr(args, "lang", None),
            ask_profile=shot is None,
            font_size=getattr(args, "font_size", None),
        )
    except StartupFailed as exc:
        print(f"agent-assist: {exc}", file=sys.stderr)
        return 1
    window.show()
    window.ws.open_searcher()
    if shot is not None:
        size = _size(getattr(args, "screenshot_size", None), (1280, 800))
        if is_screenshot_folder(shot):
            from agent_assist.gui.screenshots import shoot_all

            written = shoot_all(window, Path(shot), SCREENSHOT_QUERY, size)
            window.shutdown()
            if written is None:
                print(f"screenshot failed: {shot} was not written", file=sys.stderr)
                return 1
            print(f"wrote {written.parent}")
            return 0
        ok = screenshot(window, Path(shot), size=size)
        window.shutdown()
        if not ok:
            print(f"screenshot failed: {shot} was not written", file=sys.stderr)
            return 1
        print(f"wrote {shot}")
        return 0
    code = app.exec()
    if not window.shutdown(timeout_ms=3000):
        # a first-time index of a big folder is still being built: don't keep a closed app
        # hanging for minutes — the index is a cache and the next start resumes the sync
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
