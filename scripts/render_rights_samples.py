"""Render sample rights summaries (PDF + PNG pages) for people to look at.

Usage: python scripts/render_rights_samples.py [OUT_DIR]   (default screenshots/out/documents/)

Uses the shipped rights content with TEST sample sentences standing in for translations
(tests/fixtures/documents_samples.py) until the catalogs exist.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.content import load_country, load_rights  # noqa: E402
from kiosk.core.documents.discreet_card import build_discreet_card  # noqa: E402
from kiosk.core.documents.rights_summary import build_rights_summary  # noqa: E402
from kiosk.core.documents.safe_output import write_pdf  # noqa: E402
from tests.fixtures.documents_samples import sample_translate  # noqa: E402

SAMPLES = (
    # (file name, language, second language, child, country, reference)
    ("en", "en", None, False, "TH", None),
    ("km", "km", None, False, "KH", "AB-1234"),
    ("my", "my", None, False, "MM", None),
    ("ar", "ar", None, False, None, "AB-1234"),
    ("km-child", "km", None, True, None, None),
    ("km-en", "km", "en", False, "TH", None),
)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "screenshots" / "out" / "documents"
    out.mkdir(parents=True, exist_ok=True)
    sections = load_rights()
    for name, lang, second, child, country, reference in SAMPLES:
        data = build_rights_summary(
            sections,
            lang=lang,
            translate=sample_translate(lang),
            second_lang=second,
            second_translate=sample_translate(second) if second else sample_translate("en"),
            child=child,
            country=load_country(country) if country else None,
            reference=reference,
        )
        pdf = write_pdf(data, out / f"rights-{name}.pdf")
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pdf), str(out / f"rights-{name}")], check=True
        )
        print(f"{pdf}")
    card = write_pdf(
        build_discreet_card(contact="+66 2 000 0000", reference="AB-1234"), out / "card-en.pdf"
    )
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(card), str(out / "card-en")], check=True)
    print(card)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
