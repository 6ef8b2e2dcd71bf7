"""Test-wide setup: offscreen Qt, a private data folder per test; warnings are errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never open a real screen unless a screenshot script asks for Xvfb explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent

# Shared fixtures of each area live in tests/fixtures/<area>.py.
pytest_plugins: list[str] = [
    "tests.fixtures.core",
    "tests.fixtures.tiny_argos",
    "tests.fixtures.odk",
    "tests.fixtures.central",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives the Qt window (it asks for `qtbot`) is a `gui` test, so
    `./run-tests -m "not gui"` is the fast loop (core, session layer, commands)."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder; nothing touches the real user data dir."""
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    monkeypatch.delenv("KIOSK_PASSPHRASE", raising=False)
    return home


@pytest.fixture(autouse=True)
def restore_umask() -> Iterator[None]:
    """`kiosk.cli.main` sets umask 077 for its process; a test that calls it in-process must not
    make later tests' file-mode checks pass by accident."""
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
