"""One mechanism for every widget to follow the UI language and the font at run time.

Settings switches the language by swapping Qt translators (Qt then sends ``LanguageChange`` to
every widget) and the size by setting the application font (Qt sends ``FontChange`` to every
widget that inherits it). A widget that mixes in :class:`LiveUpdate` before its Qt base class
gets ``retranslate()`` on the first and ``refont()`` (if it has one) on the second, so no panel
needs its own ``changeEvent`` and none is left behind until a restart::

    class FollowUpPanel(LiveUpdate, QWidget):
        def retranslate(self) -> None:
            self.close_button.setText(self.tr("完成回访"))
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class LiveUpdate:
    """Mixin (list it before the Qt class): LanguageChange → ``retranslate()``, FontChange →
    ``refont()``. Texts are set in ``retranslate()`` only, so the first call (from
    ``__init__``) and every later language switch run the same code."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A widget that mixes this in must say its texts: checked when the class is made (a Qt
        class cannot also be an ``abc.ABC``), so a forgotten ``retranslate`` fails at import,
        not at the first language switch."""
        super().__init_subclass__(**kwargs)
        if cls.retranslate is LiveUpdate.retranslate:
            raise TypeError(f"{cls.__name__} mixes in LiveUpdate but defines no retranslate()")

    def retranslate(self) -> None:
        """Set every UI text (``self.tr``); each class that mixes this in defines it."""

    def refont(self) -> None:
        """Sizes computed from font metrics (fixed heights, row heights) are recomputed here."""

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.FontChange:
            self.refont()
        super().changeEvent(event)  # type: ignore[misc]
