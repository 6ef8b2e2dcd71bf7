"""Break marks for scripts written without spaces (kiosk.core.line_breaks): Qt finds no line break
inside a Khmer or Lao phrase, so a long phrase would be cut in a narrow button."""

from __future__ import annotations

from kiosk.core.line_breaks import ZWSP, breakable, plain


def test_khmer_and_lao_phrases_gain_break_marks_between_words() -> None:
    khmer = "តើអ្នកមានអារម្មណ៍យ៉ាងដូចម្តេច?"  # "How do you feel?" one unspaced phrase
    marked = breakable(khmer, "km")
    assert marked.count(ZWSP) >= 3
    assert plain(marked) == khmer
    lao = "ເຮັດວຽກຢູ່ເທິງເຮືອ"
    assert ZWSP in breakable(lao, "lo") and plain(breakable(lao, "lo")) == lao


def test_no_marks_where_spaces_already_break_or_the_script_is_spaced() -> None:
    assert breakable("Fishing or work on a boat", "en") == "Fishing or work on a boat"
    assert breakable("صيد السمك", "ar") == "صيد السمك"
    spaced = breakable("នេសាទ ឬ", "km")
    assert f"{ZWSP} " not in spaced and f" {ZWSP}" not in spaced


def test_a_marked_phrase_wraps_in_a_narrow_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    from kiosk.ui.widgets import min_text_width

    font = QFont()
    font.setPointSize(26)
    khmer = "តើអ្នកមានអារម្មណ៍យ៉ាងដូចម្តេច?"
    assert min_text_width(font, breakable(khmer, "km")) < min_text_width(font, khmer) / 2


def test_myanmar_lines_break_only_between_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt breaks Myanmar between any two letters ("ပုံနှိပ်ရ" / "န်" cut a syllable on the rights
    screen); the window lays Myanmar lines out itself, at the word marks and spaces only."""
    from PySide6.QtGui import QFont, QFontMetrics

    from kiosk.ui.widgets import laid_out, min_text_width, text_height

    font = QFont()
    font.setPointSize(26)
    for phrase in ("အခွင့်အရေး စာရွက်ကို ပုံနှိပ်ရန်", "စာရွက်စာတမ်းတွေ ပြန်ရဖို့ အကူအညီ"):
        marked = breakable(phrase, "my")
        words = {word for piece in marked.split(" ") for word in piece.split(ZWSP)}
        full = QFontMetrics(font).horizontalAdvance(marked)
        for width in (full // 3, full // 2, full * 3 // 4):
            width = max(width, min_text_width(font, marked))
            lines = laid_out(font, marked, width).split("\n")
            assert len(lines) > 1, width
            # Nothing lost, and every line is whole words, each fitting the width.
            assert plain("".join(lines)).replace(" ", "") == phrase.replace(" ", "")
            for line in lines:
                pieces = [w for p in line.split(" ") for w in p.split(ZWSP) if w]
                assert set(pieces) <= words, (line, pieces)
                assert QFontMetrics(font).horizontalAdvance(line.strip()) <= width
            assert text_height(font, marked, width) >= len(lines) * QFontMetrics(font).height()
