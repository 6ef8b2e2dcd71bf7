"""Dump the live accessibility tree of one process, as a screen reader sees it (AT-SPI).

Runs with the system Python (/usr/bin/python3), which has Debian's python3-pyatspi:
    python3 walk_tree.py PID
Prints one JSON list: every showing node with its role, name, description and whether it can
take the keyboard focus. Only stdlib and pyatspi here.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

MAX_DEPTH = 80


def application(pid: int, wait_s: float = 10.0) -> object | None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.get_process_id() == pid:
                return app
        time.sleep(0.2)
    return None


def walk(node: object, path: str, depth: int, out: list[dict[str, object]]) -> None:
    if node is None or depth > MAX_DEPTH:
        return
    states = node.getState()  # type: ignore[attr-defined]
    if depth > 1 and not states.contains(pyatspi.STATE_SHOWING):
        return
    role = node.getRoleName()  # type: ignore[attr-defined]
    out.append(
        {
            "path": path,
            "role": role,
            "name": node.name or "",  # type: ignore[attr-defined]
            "description": node.description or "",  # type: ignore[attr-defined]
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "checkable": states.contains(pyatspi.STATE_CHECKABLE),
            "children": node.childCount,  # type: ignore[attr-defined]
        }
    )
    for index in range(node.childCount):  # type: ignore[attr-defined]
        child = node.getChildAtIndex(index)  # type: ignore[attr-defined]
        walk(child, f"{path}/{index}", depth + 1, out)


def main() -> int:
    app = application(int(sys.argv[1]))
    if app is None:
        print(json.dumps({"error": "the application is not on the accessibility bus"}))
        return 1
    out: list[dict[str, object]] = []
    walk(app, "", 0, out)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
