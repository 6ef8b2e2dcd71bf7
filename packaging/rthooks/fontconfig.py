"""PyInstaller runtime hook: let fontconfig (Qt's font lookup, `fc-match`) see the bundled fonts.

The bundle ships `fonts/fonts.conf`, which includes the system configuration and adds the
bundled fonts folder. A FONTCONFIG_FILE set by the user or the system is left alone.
"""

import os
import sys
from pathlib import Path

_conf = Path(getattr(sys, "_MEIPASS", "")) / "fonts" / "fonts.conf"
if sys.platform.startswith("linux") and _conf.is_file() and "FONTCONFIG_FILE" not in os.environ:
    os.environ["FONTCONFIG_FILE"] = str(_conf)
