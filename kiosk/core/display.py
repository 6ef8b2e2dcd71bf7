"""Is there a screen to open the window on? Asked before Qt starts, because Qt's answer to "no"
is to abort the whole process (SIGABRT) with a message meant for developers."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

_NO_SCREEN = (
    "There is no screen to open the kiosk window on ({detail}). Start Lantern from the "
    "desktop, or use its commands (kiosk --help)."
)


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """A plain sentence when no display can be reached, else None (Linux/BSD only)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")) or env.get("QT_QPA_PLATFORM"):
        return None
    wayland = env.get("WAYLAND_DISPLAY")
    if wayland:
        runtime = env.get("XDG_RUNTIME_DIR", "")
        path = Path(wayland) if wayland.startswith("/") else Path(runtime) / wayland
        if _can_connect(path):
            return None
    x_display = env.get("DISPLAY", "")
    if not x_display:
        return _NO_SCREEN.format(detail="DISPLAY is not set")
    host, _, number = x_display.rpartition(":")
    if host not in ("", "unix"):
        return None  # a display over the network: let Qt try it
    socket_path = Path("/tmp/.X11-unix") / f"X{number.split('.')[0]}"
    if _can_connect(socket_path) or _can_connect_abstract(socket_path):
        return None
    return _NO_SCREEN.format(detail=f"display {x_display} does not answer")


def _can_connect(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            probe.connect(str(path))
        return True
    except OSError:
        return False


def _can_connect_abstract(path: Path) -> bool:
    """X servers on Linux also listen on an abstract socket of the same name."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            probe.connect("\0" + str(path))
        return True
    except OSError:
        return False
