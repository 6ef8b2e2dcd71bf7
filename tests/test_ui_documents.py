"""Take-away documents through the real window: rights paper, discreet card, referral summary.

Only the dialogs are stand-ins (QFileDialog returns a path, QPrintDialog accepts); building,
saving and printing run for real: PDFs are checked with pdfinfo / pdftotext, and printing
goes to a fake `lp` first on PATH that records its arguments and the bytes it was given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog

from kiosk.core.documents.safe_output import REFERRAL_SAVE_WARNING
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.test_ui_interview import YES, answer_like_a_person
from tests.ui_helpers import (
    SLOW_MACHINE_WAIT_MS,
    RecordingSpeech,
    click,
    drive,
    make_window,
    start_interview,
    unlock,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDFs",
)

STORY = "Tôi làm việc trên thuyền đánh cá ở Ranong"  # distinctive free-text answer
LOCAL_LINE = {
    "name": "Help line",
    "phone": "+66 2 555 0100",
    "source": "staff",
    "checked": "2024-01-01",
}
VI_TITLE = "Thông tin dành cho bạn"  # "Information for you", the summary's title in Vietnamese


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return unicodedata.normalize("NFC", out.decode("utf-8"))


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def _window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    speech = RecordingSpeech()
    window = make_window(qtbot, Services(localizer=CatalogLocalizer(), speech=speech))
    unlock(qtbot, window)
    return window


def _to(qtbot, window: MainWindow, stop_at: str | None, yes: set[str] = YES) -> None:  # type: ignore[no-untyped-def]
    """Drive a Vietnamese interview to the node `stop_at` (None: to the end)."""
    start_interview(qtbot, window, "vi")
    policy, _ = answer_like_a_person(qtbot, free_text=STORY, decline=set(), yes=yes)

    def until(w: MainWindow, node: str) -> bool:
        return node != stop_at and policy(w, node)

    drive(qtbot, window, until)


def _save_to(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def fake(*args: object, **kwargs: object) -> tuple[str, str]:
        calls.append(str(args[2] if len(args) > 2 else ""))
        return str(path), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`lp` and `lpstat` first on PATH; lp records its args and stdin under tmp_path/lp."""
    bin_dir, record = tmp_path / "bin", tmp_path / "lp"
    bin_dir.mkdir()
    record.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}/args"\ncat > "{record}/stdin"\n')
    lpstat = bin_dir / "lpstat"
    lpstat.write_text('#!/bin/sh\n[ "$1" = "-e" ] && echo Office_Printer\nexit 0\n')
    for script in (lp, lpstat):
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    def accept(self: QPrintDialog) -> int:
        self.printer().setCopyCount(2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return record


def test_the_rights_screen_offers_the_person_print_and_reading_in_their_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, "rights_paper")
    panel = window.question.take_away
    loc = window.controller.services.localizer
    assert window.page_name == "question" and panel.isVisible()
    assert panel.print_paper.isVisible() and not panel.print_card.isVisible()
    assert panel.print_paper.text() == loc.ui("Print the rights paper", language="vi")
    assert panel.read.text() == loc.ui("Read the rights aloud", language="vi")
    assert panel.print_paper.text() != "Print the rights paper"
    # Staff choices (a second language, a reference, saving a file) are not on the person's
    # screen: no staff words there.
    words = [w.text() for w in panel.findChildren(QAbstractButton) if w.isVisible()]
    assert len(words) == 2 and not any("staff" in word.lower() for word in words)


def test_save_rights_summary_from_the_staff_screen(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, None)
    assert window.page_name == "finished"
    panel = window.finished.take_away
    assert panel.isVisible()
    assert panel.print_paper.isVisible() and not panel.print_card.isVisible()

    target = tmp_path / "out" / "rights.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    with qtbot.waitSignal(panel.docs.completed, timeout=20000):
        click(qtbot, panel.save_paper)
    text = _text(target)
    assert VI_TITLE in text
    assert "Information for you" not in text  # only the person's language unless asked
    assert STORY not in text and "Ranong" not in text  # no answers on the paper
    assert window.controller.session.interview_id not in text
    assert window.controller.session.state.reference is None  # none unless the person asks
    assert _pages(target) <= 2
    assert target.stat().st_mode & 0o777 == 0o600
    assert "Saved" in window.banner.text

    # With the staff language as a second language and a reference the person asked for.
    panel.second.setChecked(True)
    panel.reference.setChecked(True)
    with qtbot.waitSignal(panel.docs.completed, timeout=20000):
        click(qtbot, panel.save_paper)
    reference = window.controller.session.state.reference
    text = _text(target)
    assert reference and reference in text
    assert VI_TITLE in text and "Information for you" in text
    assert _pages(target) <= 2


def test_print_rights_summary_goes_to_lp(qtbot, fake_cups: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, "rights_paper")
    panel = window.question.take_away
    with qtbot.waitSignal(panel.docs.completed, timeout=20000):
        click(qtbot, panel.print_paper)
    args = (fake_cups / "args").read_text().split("\n")[:-1]
    assert args == ["-d", "Office_Printer", "-n", "2", "-"]
    data = (fake_cups / "stdin").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert "Office_Printer" in window.banner.text


def test_no_lp_says_so_plainly(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, "rights_paper")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no lp anywhere
    click(qtbot, window.question.take_away.print_paper)
    assert window.banner.level == "error"
    assert "lp" in window.banner.text and "CUPS" in window.banner.text


def test_discreet_card_when_the_person_says_paper_is_unsafe(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, "rights_card", yes=YES - {"paper_safe"})
    person = window.question.take_away
    assert person.isVisible()
    assert person.print_card.isVisible() and not person.print_paper.isVisible()

    # Reading aloud goes section by section through the speech service, in the person's words.
    speech = window.controller.services.speech
    click(qtbot, person.read)
    click(qtbot, person.read)
    qtbot.waitUntil(lambda: len(speech.spoken) == 2, timeout=SLOW_MACHINE_WAIT_MS)
    # The two parts are read on worker threads, so they may arrive in either order.
    first, second = sorted(speech.spoken, key=lambda spoken: VI_TITLE not in spoken[2])
    assert first[0] == second[0] == "vi" and VI_TITLE in first[2]
    assert first[2] != second[2]
    loc = window.controller.services.localizer
    part_two = loc.ui("Part {part} of {count}", language="vi", part=2, count=99).split("99")[0]
    qtbot.waitUntil(
        lambda: person.read_progress.text().startswith(part_two), timeout=SLOW_MACHINE_WAIT_MS
    )

    # Staff save the card from their own screen once the interview is over.
    policy, _ = answer_like_a_person(
        qtbot, free_text=STORY, decline=set(), yes=YES - {"paper_safe"}
    )
    drive(qtbot, window, policy)
    assert window.page_name == "finished"
    panel = window.finished.take_away
    assert panel.print_card.isVisible() and not panel.print_paper.isVisible()
    assert not panel.save_paper.isVisible()
    target = tmp_path / "card.pdf"
    _save_to(monkeypatch, target)
    # The default profile (generic) carries no number: without a local contact the card says so.
    click(qtbot, panel.save_card)
    qtbot.waitUntil(lambda: window.banner.level == "error", timeout=20000)
    assert "local contact" in window.banner.text and not target.exists()
    window.controller.set_setting("contacts_overrides", {"hotline": [LOCAL_LINE]})
    with qtbot.waitSignal(panel.docs.completed, timeout=20000):
        click(qtbot, panel.save_card)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert _pages(target) == 1
    assert "595.276 x 841.89 pts" in info  # the 85 x 55 mm card on A4, with cut marks
    text = _text(target)
    assert LOCAL_LINE["phone"] in text
    assert STORY not in text and VI_TITLE not in text  # neutral: says nothing of rights


def test_referral_summary_disabled_without_consent(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, None, yes=YES - {"share_formal_id"})
    assert window.page_name == "finished"
    assert window.finished.take_away.isVisible()
    click(qtbot, window.finished.review)
    docs = window.review.documents
    window.review.tabs.setCurrentWidget(docs)
    assert not docs.referral.print_referral.isEnabled()
    assert not docs.referral.save_referral.isEnabled()
    assert "not agreed to referral" in docs.referral.explain.text()
    # the person's rights paper is still offered
    assert docs.take_away.isVisible() and docs.take_away.print_paper.isVisible()


def test_referral_summary_saved_only_after_the_warning(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    _to(qtbot, window, None)
    click(qtbot, window.finished.review)
    docs = window.review.documents
    window.review.tabs.setCurrentWidget(docs)
    referral = docs.referral
    target = tmp_path / "referral.pdf"
    calls = _save_to(monkeypatch, target)

    click(qtbot, referral.save_referral)
    assert referral.confirm.isVisible() and referral.warning.text() == REFERRAL_SAVE_WARNING
    assert calls == [] and not target.exists()  # nothing asked or written before confirming
    click(qtbot, referral.cancel_save)
    assert not referral.confirm.isVisible() and calls == []

    click(qtbot, referral.save_referral)
    with qtbot.waitSignal(referral.docs.completed, timeout=20000):
        click(qtbot, referral.confirm_save)
    assert calls == ["referral-summary.pdf"]
    text = _text(target)
    assert "Referral summary" in text and STORY in text
    assert "Prefers not to say" in text or "Not asked" in text


def test_no_copy_of_a_referral_left_in_temp_folders(
    qtbot, tmp_path, monkeypatch, fake_cups
) -> None:  # type: ignore[no-untyped-def]
    temp = tmp_path / "tmpdir"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    started = tempfile.gettempdir()
    assert started == str(temp)
    window = _window(qtbot)
    _to(qtbot, window, None)
    click(qtbot, window.finished.review)
    window.review.tabs.setCurrentWidget(window.review.documents)
    referral = window.review.documents.referral
    before = {p for p in temp.rglob("*")}
    saved = tmp_path / "out" / "referral.pdf"
    saved.parent.mkdir()
    _save_to(monkeypatch, saved)

    with qtbot.waitSignal(referral.docs.completed, timeout=20000):
        click(qtbot, referral.print_referral)
    click(qtbot, referral.save_referral)
    with qtbot.waitSignal(referral.docs.completed, timeout=20000):
        click(qtbot, referral.confirm_save)

    assert STORY in _text(saved)  # the distinctive answer really is in the document
    assert (fake_cups / "stdin").read_bytes().startswith(b"%PDF-")
    assert {p for p in temp.rglob("*")} == before  # no new file in the temp folder
    # and no file anywhere under the test's folders holds it, except the one staff chose
    needle = STORY.encode("utf-8")
    for path in tmp_path.rglob("*"):
        if path.is_file() and path not in (saved, fake_cups / "stdin"):
            assert needle not in path.read_bytes(), path
    assert [p.name for p in saved.parent.iterdir()] == ["referral.pdf"]  # no .part left
