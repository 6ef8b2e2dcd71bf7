"""Printing through CUPS: staff choose a printer and copies in `QPrintDialog`, `lp` prints.

PySide6-Essentials has no QtPdf, so Qt cannot draw our PDF bytes onto a `QPrinter`. CUPS
prints PDF itself: the bytes go to `lp` on its standard input, so no file is written
anywhere (no spool copy of ours in a temp folder).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.core.errors import KioskError

LP_TIMEOUT = 60  # seconds; lp only hands the job to the CUPS scheduler


class NoPrinting(KioskError):
    """Printing is not possible on this computer (no CUPS client, no printer)."""


@dataclass(frozen=True)
class PrintChoice:
    printer: str
    copies: int


def lp_command() -> str | None:
    return shutil.which("lp")


def cups_destinations() -> list[str]:
    """Printers CUPS knows: Qt's list, else `lpstat -e` (Qt may lack its CUPS plugin)."""
    names = [str(name) for name in QPrinterInfo.availablePrinterNames()]
    if names:
        return names
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return []
    try:
        out = subprocess.run(
            # A local query, normally instant; the short limit keeps a stuck CUPS from freezing
            # the window (this runs on the GUI thread, just before the print dialog opens).
            [lpstat, "-e"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in out.splitlines() if line.strip()]


def choose_printer(parent: QWidget | None, no_lp: str, no_printer: str) -> PrintChoice | None:
    """Ask staff for printer and copies; None if they cancel. Raises `NoPrinting` (the plain
    messages are passed in, already translated) when nothing could print."""
    if lp_command() is None:
        raise NoPrinting(no_lp)
    destinations = cups_destinations()
    if not destinations:
        raise NoPrinting(no_printer)
    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = printer.printerName()
    if name not in destinations:
        # Qt could not list the CUPS queues; with a single queue there is no doubt which one.
        if len(destinations) != 1:
            raise NoPrinting(no_printer)
        name = destinations[0]
    return PrintChoice(name, max(1, printer.copyCount()))


def send_to_lp(data: bytes, choice: PrintChoice) -> None:
    """Hand the PDF bytes to CUPS through `lp`'s standard input (blocking; run off-thread)."""
    if not data.startswith(b"%PDF-"):
        raise KioskError("Refusing to print: the document is not a PDF.")
    lp = lp_command()
    if lp is None:
        raise NoPrinting("Printing needs CUPS (the lp command), which is not installed.")
    command = [lp, "-d", choice.printer, "-n", str(choice.copies), "-"]
    try:
        result = subprocess.run(
            command, input=data, capture_output=True, timeout=LP_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise KioskError("The printer did not answer in time. Nothing was printed.") from None
    except OSError as error:
        raise KioskError(f"Could not start printing ({error.strerror}).") from None
    if result.returncode != 0:
        # lp's own words name the problem (e.g. "printer does not exist"), never the document.
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1][:200] if detail else f"exit code {result.returncode}"
        raise KioskError(f"The printer refused the document: {reason}")
