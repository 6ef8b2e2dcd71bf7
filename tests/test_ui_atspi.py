"""Accessibility checked for real: the live AT-SPI tree of every screen, as Orca would read it.

The window runs under Xvfb inside its own D-Bus session with Qt's AT-SPI bridge on
(QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1); at each screen of the tour the system Python walks the
tree through Debian's python3-pyatspi (tests/atspi/). A screen fails when a control has no name,
when something that takes the keyboard focus is not exposed as a control (a wrong role), when a
name is an internal code, or when the person's screen (in Khmer) speaks English.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SYSTEM_PYTHON = Path("/usr/bin/python3")
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
LANGUAGE = "km"

# Roles a keyboard user can operate, which a screen reader must be able to name.
CONTROLS = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "entry",
    "spin button",
    "list",
    "table",
    "page tab",
    "slider",
    "menu item",
    "link",
    "tree",
}
# Parts of a control that take their name from the control or their content.
PARTS = {"list item", "table cell", "page tab list", "scroll bar", "table column header"}
CHECKABLE = {"check box", "toggle button", "radio button", "list item", "table cell"}
INTERNAL_CODE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")  # e.g. formal_identification
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
PERSON_SCREENS = re.compile(r"^(handover|question|break|stop|rights)")


def _missing_tools() -> str | None:
    if not SYSTEM_PYTHON.exists() or not BUS_LAUNCHER.exists():
        return "at-spi2-core and the system python3 are needed"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "python3-pyatspi (Debian) is needed"
    for tool in ("dbus-run-session", "xvfb-run"):
        if shutil.which(tool) is None:
            return f"{tool} is needed"
    return None


def _page_root(nodes: list[dict[str, object]]) -> str | None:
    """The shown page: the stack is the window's layered pane; its visible child is the page."""
    for node in nodes:
        if node["role"] == "layered pane":
            return str(node["path"])
    return None


def screen_problems(screen: str, nodes: list[dict[str, object]]) -> list[str]:
    problems: list[str] = []
    page = _page_root(nodes)
    person = bool(PERSON_SCREENS.match(screen))
    for node in nodes:
        role, name = str(node["role"]), str(node["name"]).strip()
        where = f"{screen}: {role} {name[:40]!r} at {node['path']}"
        if role in CONTROLS and not name:
            problems.append(f"{where} has no name")
        # A screen starts on its words (never on an answer): a named text may take the focus,
        # so a screen reader reads it first. Anything else that does must be a control.
        reading_point = role == "label" and bool(name)
        if node["focusable"] and role not in CONTROLS | PARTS and not reading_point:
            problems.append(f"{where} takes the focus but is not exposed as a control")
        if node["checkable"] and role not in CHECKABLE:
            problems.append(f"{where} can be checked but is not a check box or toggle")
        if INTERNAL_CODE.match(name):
            problems.append(f"{where} is named with an internal code")
        on_page = page is not None and str(node["path"]).startswith(page + "/")
        if person and on_page and LATIN_WORD.search(name):
            problems.append(f"{where} speaks English on the person's screen")
        if role in {"image", "icon"} and not name:
            problems.append(f"{where} is an unnamed picture (decorative ones are not exposed)")
    return problems


@pytest.mark.gui
@pytest.mark.slow
def test_every_screen_reads_well_to_a_screen_reader(tmp_path: Path) -> None:
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    report = tmp_path / "tree.json"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        KIOSK_HOME=str(tmp_path / "home"),
        PYTHONPATH=str(REPO_ROOT),
    )
    script = (
        f"{BUS_LAUNCHER} --launch-immediately & sleep 1; "
        f"exec {sys.executable} -m tests.atspi.driver {LANGUAGE} {report}"
    )
    subprocess.run(
        [
            "dbus-run-session",
            "--",
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            "sh",
            "-c",
            script,
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        timeout=900,
        check=False,
    )
    assert report.exists(), "the window did not report its accessibility tree"
    screens = json.loads(report.read_text(encoding="utf-8"))
    assert len(screens) > 25 and "question-yes_no" in screens and "settings" in screens
    problems: list[str] = []
    for screen, nodes in screens.items():
        if isinstance(nodes, dict):  # the walker could not reach the window
            problems.append(f"{screen}: {nodes.get('error')}")
            continue
        assert any(n["role"] == "push button" for n in nodes), screen
        problems += screen_problems(screen, nodes)
    assert not problems, f"{len(problems)} accessibility problems:\n" + "\n".join(problems)


def test_the_checks_catch_what_they_should() -> None:
    """The rules on a made-up tree (so a check that cannot fail would show here)."""

    def node(path: str, role: str, name: str, focusable: bool = False, checkable: bool = False):  # type: ignore[no-untyped-def]
        return {
            "path": path,
            "role": role,
            "name": name,
            "focusable": focusable,
            "checkable": checkable,
        }

    nodes = [
        node("/0/4", "layered pane", ""),
        node("/0/4/1", "push button", "", focusable=True),
        node("/0/4/2", "filler", "Hi", focusable=True),
        node("/0/4/3", "push button", "ok", focusable=True, checkable=True),
        node("/0/4/4", "label", "formal_identification"),
        node("/0/4/5", "label", "Progress"),
        node("/0/4/6", "image", ""),
        node("/0/1", "push button", "Hide", focusable=True),
    ]
    found = "\n".join(screen_problems("question-x", nodes))
    assert "has no name" in found
    assert "not exposed as a control" in found
    assert "not a check box" in found
    assert "internal code" in found
    assert "'Progress'" in found and "speaks English" in found
    assert "unnamed picture" in found
    assert "Hide" not in found  # outside the page (the window's top bar) is checked elsewhere
    assert screen_problems("settings", nodes[5:6]) == []  # staff screens may be English
