"""Lantern's look: colours, a type scale and spacing of its own, applied as one style sheet.

Two palettes (calm light, and high contrast: white and yellow on black), three text sizes, and
the child look (warmer page, rounder shapes, bigger pictures) switched per screen by the widget
property `child`. Custom-painted widgets (kiosk.ui.widgets) read the same tokens from `current()`.
Fonts: fontconfig's own fallback picks the Noto face per script (see FONT_FAMILIES).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui import art
from kiosk.ui.art import Ink
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
TEXT_SIZES = {"normal": 13, "large": 16, "largest": 20}  # the body text, in points
DEFAULT_SIZE = "normal"

TOUCH = 48  # px: the smallest thing a finger is asked to hit
SMALLEST_PICTURE = 48  # px: an answer's pictogram is never drawn smaller (still recognisable)
SPACE = (4, 8, 12, 16, 24, 32, 48)  # the only gaps and margins used
RADIUS = 12
CHILD_RADIUS = 22


@dataclass(frozen=True)
class Colours:
    page: str  # the screen
    surface: str  # buttons, fields, cards
    ink: str  # text and icons
    muted: str  # secondary text (still >= 4.5:1 on page)
    border: str  # button and field outlines (>= 3:1 on page: WCAG non-text contrast)
    primary: str  # chosen answers, the main action
    on_primary: str
    primary_soft: str  # hover, soft highlights
    focus: str  # the keyboard focus ring: never the colour of "chosen"
    alert: str  # safety alerts and errors
    alert_soft: str
    note_soft: str  # information banner
    disabled: str
    child_page: str
    art: Ink = field(default_factory=Ink)


LIGHT = Colours(
    page="#f7f5f0",
    surface="#ffffff",
    ink="#1d2430",
    muted="#4b5566",
    border="#7b8597",
    primary="#1f5f8b",
    on_primary="#ffffff",
    primary_soft="#e3eef6",
    focus="#b45309",
    alert="#a61b1b",
    alert_soft="#fdecea",
    note_soft="#fff4d6",
    disabled="#8d96a5",
    child_page="#fdf4e3",
)
HIGH_CONTRAST = Colours(
    page="#000000",
    surface="#000000",
    ink="#ffffff",
    muted="#ffffff",
    border="#ffff00",
    primary="#ffff00",
    on_primary="#000000",
    primary_soft="#000000",
    focus="#00ffff",
    alert="#ff6b6b",
    alert_soft="#000000",
    note_soft="#000000",
    disabled="#a0a0a0",
    child_page="#000000",
    art=Ink(ink="#ffff00", fill="#000000"),
)


@dataclass(frozen=True)
class TypeScale:
    """Point sizes, all derived from the body size the staff chose."""

    body: int

    @property
    def caption(self) -> int:
        return max(11, round(self.body * 0.9))

    @property
    def answer(self) -> int:
        return round(self.body * 1.3)

    @property
    def title(self) -> int:
        return round(self.body * 1.45)

    @property
    def question(self) -> int:
        return round(self.body * 1.75)


@dataclass(frozen=True)
class ThemeSettings:
    text_size: str = DEFAULT_SIZE
    high_contrast: bool = False


@dataclass(frozen=True)
class Theme:
    settings: ThemeSettings
    colours: Colours
    type: TypeScale

    @property
    def picture(self) -> int:
        """Side of an answer pictogram, in px (grows with the text)."""
        return round(self.type.body * 4.6)


def make_theme(settings: ThemeSettings) -> Theme:
    body = TEXT_SIZES.get(settings.text_size, TEXT_SIZES[DEFAULT_SIZE])
    colours = HIGH_CONTRAST if settings.high_contrast else LIGHT
    return Theme(settings, colours, TypeScale(body))


_current = make_theme(ThemeSettings())


def current() -> Theme:
    """The theme last applied (custom-painted widgets read their colours and sizes here)."""
    return _current


def missing_families() -> list[str]:
    """Noto families that are not installed (shown in diagnostics, used by packaging checks)."""
    installed = set(QFontDatabase.families())
    return [family for family in FONT_FAMILIES if family not in installed]


def base_font(size: str) -> QFont:
    font = QFont()
    font.setPointSize(TEXT_SIZES.get(size, TEXT_SIZES[DEFAULT_SIZE]))
    return font


def stylesheet(theme: Theme) -> str:
    c, t = theme.colours, theme.type
    pad_v = 10
    # The arrows of lists and number fields: drawn for the project, on a finger-wide button that
    # shows in both palettes (the dark chevron on a soft tint, or on yellow in high contrast).
    arrow_back = c.primary if theme.settings.high_contrast else c.primary_soft
    down = art.icon_path("chevron_down").as_posix()
    up = art.icon_path("chevron_up").as_posix()
    control = TOUCH - 2 * 3  # content height inside a 3 px border
    return f"""
    QWidget {{ background: {c.page}; color: {c.ink}; }}
    QWidget[child="true"] {{ background: {c.child_page}; }}
    QLabel {{ background: transparent; }}
    QToolTip {{ background: {c.surface}; color: {c.ink}; border: 2px solid {c.border}; }}

    #questionText {{ font-size: {t.question}pt; }}
    #screenTitle {{ font-size: {t.title}pt; font-weight: bold; }}
    #answerButton, #answerTile {{ font-size: {t.answer}pt; }}
    #actionButton {{ font-size: {t.body}pt; }}
    #scrollCue {{ font-size: {t.caption}pt; }}
    #progressCue, #caption {{ font-size: {t.caption}pt; color: {c.muted}; }}
    #machineMark {{ color: {c.focus}; }}
    #inputProblem {{ color: {c.alert}; font-weight: bold; }}
    #alertBox {{ background: {c.alert_soft}; border: 3px solid {c.alert};
        border-radius: {RADIUS}px; }}
    #alertBox QLabel {{ color: {c.ink}; }}
    #alertTitle {{ color: {c.alert}; font-size: {t.title}pt; font-weight: bold; }}
    #safetyAlertReasons {{ color: {c.alert}; font-weight: bold; }}
    #confirmation {{ color: {c.ink}; background: {c.primary_soft};
        border-left: 6px solid {c.primary}; padding: 8px 12px; }}
    #referralWarning {{ color: {c.alert}; font-weight: bold; }}
    #card {{ background: {c.surface}; border: 2px solid {c.border};
        border-radius: {RADIUS}px; }}
    #card QLabel {{ background: transparent; }}

    QPushButton, QToolButton {{
        background: {c.surface}; color: {c.ink};
        border: 3px solid {c.border}; border-radius: {RADIUS}px;
        padding: {pad_v - 4}px 18px; min-height: {control - 2 * (pad_v - 4)}px; }}
    QPushButton:hover, QToolButton:hover {{ background: {c.primary_soft}; }}
    QPushButton:checked {{ background: {c.primary}; color: {c.on_primary};
        border-color: {c.primary}; }}
    QPushButton:focus, QToolButton:focus {{ border-color: {c.focus}; }}
    QPushButton:disabled, QToolButton:disabled {{ color: {c.disabled};
        border: 3px dashed {c.disabled}; }}
    QPushButton#primary {{ background: {c.primary}; color: {c.on_primary};
        border-color: {c.primary}; }}
    QPushButton#primary:focus {{ border-color: {c.focus}; }}
    QPushButton#primary:disabled {{ background: {c.surface}; color: {c.disabled};
        border: 3px dashed {c.disabled}; }}
    QToolButton::menu-indicator {{ image: none; width: 0; }}

    QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit, QListWidget, QTextBrowser,
    QTableWidget {{
        background: {c.surface}; color: {c.ink}; border: 2px solid {c.border};
        border-radius: 8px; padding: 6px 8px;
        selection-background-color: {c.primary}; selection-color: {c.on_primary}; }}
    QLineEdit, QSpinBox, QComboBox, QDateEdit {{ min-height: {TOUCH - 2 * 2 - 2 * 6}px; }}
    QComboBox QLineEdit {{ border: none; padding: 0; min-height: 0; background: transparent; }}
    QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: border;
        subcontrol-position: center right; width: 44px; background: {arrow_back};
        border-left: 2px solid {c.border}; border-top-right-radius: 8px;
        border-bottom-right-radius: 8px; }}
    QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{down}"); width: 22px;
        height: 22px; }}
    QSpinBox {{ padding-right: 48px; }}
    QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 44px;
        background: {arrow_back}; border-left: 2px solid {c.border}; }}
    QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 8px; }}
    QSpinBox::down-button {{ subcontrol-position: bottom right;
        border-bottom-right-radius: 8px; }}
    QSpinBox::up-arrow {{ image: url("{up}"); width: 18px; height: 18px; }}
    QSpinBox::down-arrow {{ image: url("{down}"); width: 18px; height: 18px; }}
    QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QComboBox:focus, QDateEdit:focus,
    QListWidget:focus, QTableWidget:focus, QTextBrowser:focus {{ border: 3px solid {c.focus}; }}
    QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.ink};
        selection-background-color: {c.primary}; selection-color: {c.on_primary}; }}
    QListWidget::item, QComboBox QAbstractItemView::item {{ min-height: {TOUCH - 8}px;
        padding: 4px 8px; }}
    QMenu {{ background: {c.surface}; color: {c.ink}; border: 2px solid {c.border}; }}
    QMenu::item {{ padding: 12px 28px; }}
    QMenu::item:selected {{ background: {c.primary}; color: {c.on_primary}; }}
    QHeaderView::section {{ background: {c.page}; color: {c.ink}; padding: 8px;
        border: none; border-bottom: 2px solid {c.border}; font-weight: bold; }}
    QTableWidget {{ gridline-color: {c.border}; }}

    QTabWidget::pane {{ border: 2px solid {c.border}; border-radius: 8px; top: -2px; }}
    QTabBar::tab {{ background: {c.page}; color: {c.ink}; padding: 12px 18px;
        min-height: {TOUCH - 24}px; border: 2px solid transparent; border-bottom: none; }}
    QTabBar::tab:selected {{ background: {c.surface}; border-color: {c.border};
        border-top: 5px solid {c.primary}; font-weight: bold; }}
    QTabBar::tab:focus {{ color: {c.focus}; }}

    QGroupBox {{ border: 2px solid {c.border}; border-radius: {RADIUS}px;
        margin-top: 1.6em; padding: 12px; font-weight: bold; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 6px; }}
    QScrollBar:vertical {{ width: 18px; background: {c.page}; }}
    QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 8px;
        min-height: {TOUCH}px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    QAbstractScrollArea::corner {{ background: {c.page}; border: none; }}
    QScrollArea {{ border: none; }}
    QProgressBar {{ border: 2px solid {c.border}; border-radius: 8px; min-height: 12px; }}
    QProgressBar::chunk {{ background: {c.primary}; }}

    #messageBanner {{ background: {c.note_soft}; border-bottom: 3px solid {c.focus}; }}
    #messageBanner[level="error"] {{ background: {c.alert_soft};
        border-bottom: 3px solid {c.alert}; }}
    #topBar {{ border-bottom: 2px solid {c.primary_soft}; }}
    """


def apply_theme(app: QApplication, settings: ThemeSettings) -> None:
    global _current
    theme = make_theme(settings)
    _current = theme
    font = base_font(settings.text_size)
    app.setFont(font)
    c = theme.colours
    palette = app.palette()
    # The icons' ink (kiosk.ui.icons) and the custom-painted widgets read these roles.
    for role, colour in (
        (QPalette.ColorRole.ButtonText, c.ink),
        (QPalette.ColorRole.WindowText, c.ink),
        (QPalette.ColorRole.Text, c.ink),
        (QPalette.ColorRole.Window, c.page),
        (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.Highlight, c.primary),
        (QPalette.ColorRole.HighlightedText, c.on_primary),
    ):
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c.disabled)
    )
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(theme))


def set_direction(widget: QWidget, language: str) -> None:
    """Mirror a screen for right-to-left languages (per widget: staff screens keep theirs)."""
    direction = (
        Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
    )
    if widget.layoutDirection() != direction:
        widget.setLayoutDirection(direction)


def set_child_look(widget: QWidget, child: bool) -> None:
    """The child path's warmer page (style sheet selector `[child="true"]`)."""
    if bool(widget.property("child")) == child:
        return
    widget.setProperty("child", child)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
