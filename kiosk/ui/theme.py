"""Look and feel: fonts that cover every offered script, text size, high contrast, direction."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.languages import is_rtl

# Noto covers every offered script. We do not force these families on Qt: naming a family
# that lacks a script makes Qt warn and try it first; fontconfig's own fallback already picks
# the Noto face per script. The list documents what packaging must ship where fonts are missing.
FONT_FAMILIES = (
    "Noto Sans",
    "Noto Sans Thai",
    "Noto Sans Khmer",
    "Noto Sans Myanmar",
    "Noto Sans Lao",
    "Noto Sans Bengali",
    "Noto Naskh Arabic",
    "Noto Sans CJK SC",
    "DejaVu Sans",
)
TEXT_SIZES = {"normal": 13, "large": 16, "largest": 20}
DEFAULT_SIZE = "normal"


@dataclass(frozen=True)
class ThemeSettings:
    text_size: str = DEFAULT_SIZE
    high_contrast: bool = False


def missing_families() -> list[str]:
    """Noto families that are not installed (shown in diagnostics, used by packaging checks)."""
    installed = set(QFontDatabase.families())
    return [family for family in FONT_FAMILIES if family not in installed]


def base_font(size: str) -> QFont:
    font = QFont()
    font.setPointSize(TEXT_SIZES.get(size, TEXT_SIZES[DEFAULT_SIZE]))
    return font


def _stylesheet(points: int, high_contrast: bool) -> str:
    big = round(points * 1.7)
    answer = round(points * 1.35)
    if high_contrast:
        colours = """
        QWidget { background: #000000; color: #ffffff; }
        QPushButton, QToolButton { background: #000000; color: #ffff00; border: 3px solid #ffff00;
            padding: 8px 14px; }
        QPushButton:checked { background: #ffff00; color: #000000; }
        QPushButton:focus, QToolButton:focus { border: 4px solid #00ffff; }
        QPushButton:disabled, QToolButton:disabled { color: #a0a0a0; border: 3px dashed #a0a0a0; }
        QCheckBox::indicator { width: 1em; height: 1em; border: 2px solid #ffffff; }
        QCheckBox::indicator:checked { background: #ffff00; }
        QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit, QListWidget, QTextBrowser {
            background: #000000; color: #ffffff; border: 2px solid #ffffff; }
        #messageBanner { background: #000000; border: 3px solid #ffff00; }
        """
    else:
        colours = """
        QWidget { background: #f6f4ef; color: #1d2430; }
        QPushButton, QToolButton { background: #ffffff; color: #1d2430;
            border: 2px solid #8a94a6; border-radius: 10px; padding: 8px 14px; }
        QPushButton:hover { background: #eef3fb; }
        QPushButton:checked { background: #2f5d8a; color: #ffffff; border-color: #2f5d8a; }
        QPushButton:focus, QToolButton:focus { border: 3px solid #2f5d8a; }
        QPushButton:disabled { color: #9aa3b2; border-color: #c8cdd6; }
        QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit, QListWidget, QTextBrowser {
            background: #ffffff; border: 1px solid #8a94a6; border-radius: 6px; padding: 4px; }
        #messageBanner { background: #fff4d6; border-bottom: 1px solid #d9b44a; }
        #messageBanner[level="error"] { background: #fde8e4; border-bottom: 1px solid #c0564a; }
        #progressCue { color: #5a6475; }
        #machineMark { color: #8a4b00; }
        """
    return (
        colours
        + f"""
        #questionText {{ font-size: {big}pt; }}
        #answerButton {{ font-size: {answer}pt; min-height: {answer * 3}px; }}
        #actionButton {{ min-height: {points * 3}px; }}
        #screenTitle {{ font-size: {round(points * 1.4)}pt; font-weight: bold; }}
    """
    )


def apply_theme(app: QApplication, settings: ThemeSettings) -> None:
    font = base_font(settings.text_size)
    app.setFont(font)
    # The icons' ink (kiosk.ui.icons): the buttons' text colour, greyed when disabled.
    ink, greyed = ("#ffff00", "#a0a0a0") if settings.high_contrast else ("#1d2430", "#9aa3b2")
    palette = app.palette()
    palette.setColor(QPalette.ColorGroup.All, QPalette.ColorRole.ButtonText, QColor(ink))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(greyed))
    app.setPalette(palette)
    app.setStyleSheet(_stylesheet(font.pointSize(), settings.high_contrast))


def set_direction(widget: QWidget, language: str) -> None:
    """Mirror a screen for right-to-left languages (per widget: staff screens keep theirs)."""
    direction = (
        Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
    )
    if widget.layoutDirection() != direction:
        widget.setLayoutDirection(direction)
