"""`emit`: emit a Qt signal from Python, working around a PySide6 6.12 reference-count bug.

PySide6 6.12's `SignalInstance.emit()` returns `True`/`False` without taking a reference
(on Python 3.11, where bools are not immortal). Each discarded result lowers `True`'s count
by one until the interpreter aborts ("bool_dealloc"). Adding the missing reference is
harmless on fixed versions (an extra reference to a singleton), so it is always done.
"""

from __future__ import annotations

import ctypes
from typing import Any

from PySide6.QtCore import SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: SignalInstance, *args: Any) -> None:
    result = signal.emit(*args)
    if isinstance(result, bool):
        _incref(result)
