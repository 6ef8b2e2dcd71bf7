"""The kiosk window under a real screen reader's eyes: drive the tour (tests/layout_tour.py) and,
at every screen, ask the system's AT-SPI registry for the window's accessibility tree.

Run inside a D-Bus session and an X display (tests/test_ui_atspi.py does this):
    dbus-run-session -- xvfb-run -a python -m tests.atspi.driver LANGUAGE REPORT.json
Writes one JSON object to REPORT.json: {screen name: [nodes]} (see walk_tree.py); stdout is
shared with the bus daemons, which print there. The walker runs while this
process keeps its event loop turning, because Qt answers the walker's questions on it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

WALKER = Path(__file__).with_name("walk_tree.py")
SYSTEM_PYTHON = "/usr/bin/python3"
PASSPHRASE = "screen reader check 42"


def main() -> int:
    language, report = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("KIOSK_HOME", tempfile.mkdtemp(prefix="lantern-atspi-"))
    from PySide6.QtCore import QEventLoop, QProcess, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.ui.app import build_window
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner
    from tests.layout_tour import tour
    from tests.ui_helpers import RecordingSpeech

    window = build_window(
        services=Services(localizer=CatalogLocalizer(), speech=RecordingSpeech()),
        runner=InlineRunner(),
    )
    window.resize(1366, 768)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]

    def settle(msecs: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(msecs, loop.quit)
        loop.exec()

    def tree() -> list[dict[str, object]] | dict[str, str]:
        process = QProcess()
        process.start(SYSTEM_PYTHON, [str(WALKER), str(os.getpid())])
        loop = QEventLoop()
        process.finished.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        output = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        try:
            return json.loads(output)  # type: ignore[no-any-return]
        except ValueError:
            error = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
            return {"error": f"the walker gave no tree: {error[-400:]}"}

    screens: dict[str, object] = {}
    settle(500)
    screens["unlock"] = tree()
    window.unlock.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    window.unlock.repeat.setText(PASSPHRASE)  # type: ignore[attr-defined]
    window.unlock.submit.click()  # type: ignore[attr-defined]
    for stop in tour(window, language, PASSPHRASE):  # type: ignore[arg-type]
        settle()
        screens[stop.name] = tree()
    report.write_text(json.dumps(screens), encoding="utf-8")
    window.close()  # type: ignore[attr-defined]
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
