"""Settings: staff see their site's contacts with each source's date, confirm them, and the
confirmation (kept in the encrypted store) reaches the printed paper; a change makes it lapse."""

from __future__ import annotations

import datetime
import subprocess

import pytest

from kiosk.core import contact_check
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.localizer import document_translate
from kiosk.ui.document_jobs import CoreDocuments, RightsJob
from kiosk.ui.documents_actions import DocumentActions
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.ui_helpers import SLOW_MACHINE_WAIT_MS, RecordingSpeech, click, make_window, unlock

pytestmark = pytest.mark.gui

OUR_SHELTER = {
    "name": "Our shelter",
    "phone": "02 555 0100",
    "source": "staff",
    "checked": "2026-11-30",
}


def _settings(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, Services(localizer=CatalogLocalizer(), speech=RecordingSpeech()))
    unlock(qtbot, window)
    click(qtbot, window.home.settings)
    qtbot.waitUntil(lambda: window.page_name == "settings", timeout=SLOW_MACHINE_WAIT_MS)
    return window


def test_staff_check_their_contacts_and_the_paper_says_when(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _settings(qtbot)
    screen, box = window.settings, window.settings.site_contacts
    assert box.status.text() == "Not yet checked by this organisation."
    screen.country.setCurrentIndex(screen.country.findData("MM"))
    # what staff must weigh first, then each body; no number for Myanmar
    assert (
        box.listing.toPlainText()
        .lstrip()
        .startswith("Since the military takeover of 1 February 2021")
    )
    # which number each card would carry: staff learn here that they must add their own
    none = "none (add a local contact above)"
    assert box.cards.text() == f"On an adult's card: {none}. On a child's card: {none}."
    screen.country.setCurrentIndex(screen.country.findData("LA"))
    assert box.cards.text() == f"On an adult's card: {none}. On a child's card: 1554."
    screen.contacts.set_overrides({"shelter": [OUR_SHELTER]})
    qtbot.waitUntil(
        lambda: "adult's card: 02 555 0100" in box.cards.text(), timeout=SLOW_MACHINE_WAIT_MS
    )
    screen.contacts.set_overrides({})
    qtbot.waitUntil(lambda: "02 555 0100" not in box.cards.text(), timeout=SLOW_MACHINE_WAIT_MS)
    screen.country.setCurrentIndex(screen.country.findData("TH"))
    listing = box.listing.toPlainText()
    assert "1300" in listing and "source of 2021-05-10" in listing and "1694" in listing
    assert box.cards.text() == "On an adult's card: 1300. On a child's card: 1300."
    # the whole list at once, every note included: Settings scrolls, the list does not
    lines = box.listing.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: box.listing.height() > 15 * lines, timeout=SLOW_MACHINE_WAIT_MS)
    assert box.listing.verticalScrollBar().maximum() == 0

    click(qtbot, box.confirm)
    today = datetime.date.today()
    assert box.status.text() == f"Checked by this organisation on {today.isoformat()}."
    c = window.controller
    assert c.setting("default_country") == "TH"
    assert contact_check.read(c.setting(contact_check.SETTING)).on == today  # type: ignore[union-attr]
    assert "marked as checked today" in window.banner.text

    # The paper the window builds now says when this organisation checked the numbers.
    actions = DocumentActions(c, window)
    assert actions.contacts_checked() == today
    loc = c.services.localizer
    job = RightsJob(
        lang="th",
        translate=document_translate(loc, "th"),
        child=False,
        country="TH",
        contacts_checked=actions.contacts_checked(),
    )
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(CoreDocuments().build(job))
    text = subprocess.run(["pdftotext", str(paper), "-"], capture_output=True, check=True)
    # the check's date in Thai (pdftotext loses some Thai glyphs, never the month's name)
    month = (
        "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม"
    ).split()[today.month - 1]
    assert "1300" in text.stdout.decode() and month in text.stdout.decode()

    # A new local number is not what was checked: the check lapses until staff check again.
    click(qtbot, screen.contacts.add)  # staff type a contact card
    card = screen.contacts.cards[-1]
    card.kind.setCurrentIndex(card.kind.findData("shelter"))
    card.name.setText(OUR_SHELTER["name"])
    card.phone.setText(OUR_SHELTER["phone"])
    card.source.setText(OUR_SHELTER["source"])
    qtbot.waitUntil(lambda: "Changed since" in box.status.text(), timeout=SLOW_MACHINE_WAIT_MS)
    assert "02 555 0100" in box.listing.toPlainText()
    click(qtbot, screen.save)
    assert actions.contacts_checked() is None  # the saved contacts differ from the checked ones
    card.name.setText("")  # a contact without a name cannot be checked
    qtbot.waitUntil(lambda: "more details" in box.status.text(), timeout=SLOW_MACHINE_WAIT_MS)
    assert not box.confirm.isEnabled()
