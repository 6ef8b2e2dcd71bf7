"""kiosk.core.bundle: where a packaged build keeps its fonts (a checkout has none of its own)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.core import bundle


def test_checkout_is_not_a_bundle_and_has_no_fonts_folder() -> None:
    assert not bundle.is_bundled()
    assert bundle.fonts_dir() is None
    assert bundle.font_files() == []


def test_bundle_fonts_are_found_under_the_bundle_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("NotoSansKhmer-Regular.ttf", "wqy-microhei.ttc", "fonts.conf"):
        (fonts / name).write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert bundle.is_bundled()
    assert bundle.fonts_dir() == fonts
    assert [p.name for p in bundle.font_files()] == [
        "NotoSansKhmer-Regular.ttf",
        "wqy-microhei.ttc",
    ]


def test_packaging_bundles_a_font_for_every_document_script() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
    try:
        import bundle_fonts
    finally:
        sys.path.pop(0)
    try:
        files = bundle_fonts.font_files()
    except bundle_fonts.MissingFont as error:
        pytest.skip(str(error))
    names = " ".join(path.name.lower() for path in files)
    for stem in ("notosans-", "thai", "lao", "khmer", "myanmar", "bengali", "arabic", "wqy"):
        assert stem in names
