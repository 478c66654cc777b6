"""Every PySide6 import of the app lives in this package: one module per panel.

Importing the package first applies :func:`guard_singletons` (see there): some PySide6 builds
return ``None`` / ``True`` / ``False`` from C++ without taking a reference, which on Python < 3.12
(where those objects are not immortal yet) eventually deallocates ``None`` and aborts the app
("Fatal Python error: none_dealloc") after a few thousand widget calls.
"""

from __future__ import annotations

import sys


def guard_singletons() -> bool:
    """Protect ``None``/``True``/``False`` from a binding that forgets to ``Py_INCREF`` them.

    PySide6 6.12 wheels (stable ABI, built for the immortal objects of Python ≥ 3.12) drop one
    reference to ``None`` on every void call (``label.setText``, ``painter.setPen`` …) and to
    ``True``/``False`` on every ``signal.emit``. On Python 3.11 the count reaches zero after a few
    thousand calls and the interpreter aborts. Giving the three singletons a huge reference count
    makes them as immortal as Python 3.12 does; it changes nothing else. Probed, not assumed:
    returns True only if the leak was observed and the guard applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    return True


SINGLETONS_GUARDED = guard_singletons()
