"""The paper sizes documents are printed on, by name (light: no reportlab, so the window and
the command line can offer them without loading the PDF stack)."""

from __future__ import annotations

SHEET_SIZES = ("a4", "letter")  # the rights summary and the referral summary
CARD_SIZES = ("card", "a7")  # the discreet card
DEFAULT_SHEET = "a4"
