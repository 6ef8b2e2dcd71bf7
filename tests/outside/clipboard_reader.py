"""Another program on the same X display: what it finds on the clipboard and in the primary
selection once the owner is ready. Prints JSON {"clipboard": ..., "selection": ...}.

Usage: python -m tests.outside.clipboard_reader READY_FILE DONE_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication


def main(ready: str, done: str) -> int:
    app = QApplication([])
    end = time.monotonic() + 120
    while not Path(ready).exists() and time.monotonic() < end:
        time.sleep(0.05)
    clipboard = app.clipboard()
    found = {
        "supports_selection": clipboard.supportsSelection(),
        "clipboard": clipboard.text(QClipboard.Mode.Clipboard),
        "selection": clipboard.text(QClipboard.Mode.Selection),
    }
    Path(done).write_text("done")
    print(json.dumps(found, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
