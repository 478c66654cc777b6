"""Widget states the QSS themes colour (``ui/themes/*.qss``), set as dynamic properties.

A colour written into a widget's own style sheet ignores the theme (red on dark grey, or a
border the dark theme cannot see); a property such as ``overdue="true"`` lets each theme decide.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set the property and re-polish, so the theme's ``[name="value"]`` rules apply now."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
