"""Every control on every screen has a name a screen reader can say, and form labels are buddies.

The test walks the real window through each screen (and the interpreter view) and looks at what
is visible there, so a control added later without a name fails here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.test_ui_interview import answer_like_a_person
from tests.ui_helpers import (
    KEY_CHECK_WAIT_MS,
    PASSPHRASE,
    MainWindow,
    choose_organisation,
    click,
    make_window,
    pass_staff_gate,
)

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
# Parts of a compound control take their name from it (a combo box's or spin box's editor).
COMPOUND = (QComboBox, QAbstractSpinBox)
EDITABLE = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} under {type(widget.parent()).__name__}"


def unnamed(root: QWidget) -> list[str]:
    """Visible, focusable controls under `root` with nothing for a screen reader to say."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget.parent(), COMPOUND):
            continue
        if isinstance(widget, QTabBar):
            problems += [
                f"tab {i} of {_describe(widget)}"
                for i in range(widget.count())
                if not widget.tabText(i).strip() and not widget.accessibleTabName(i).strip()
            ]
            continue
        if widget.focusPolicy().value == 0:  # Qt.NoFocus: not a control (a table's corner)
            continue
        if isinstance(widget, QAbstractButton):
            if not (widget.accessibleName().strip() or widget.text().strip()):
                problems.append(_describe(widget))
        elif isinstance(widget, INPUTS) and not widget.accessibleName().strip():
            problems.append(_describe(widget))
    return problems


def loose_labels(root: QWidget) -> list[str]:
    """Form rows whose label does not name (is not the buddy of) the field beside it."""
    problems = []
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label, field = label_item.widget(), field_item.widget()
            if (
                isinstance(label, QLabel)
                and isinstance(field, INPUTS)
                and label.buddy() is not field
            ):
                problems.append(f"{label.text()!r} is not the buddy of {_describe(field)}")
    return problems


def unlabelled(root: QWidget, exempt: list[QWidget]) -> list[str]:
    """Visible fields one types or chooses in that no visible label names (as its buddy)."""
    buddies = {
        id(label.buddy())
        for label in root.findChildren(QLabel)
        if label.isVisible() and label.buddy()
    }
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget.parent(), COMPOUND):
            continue
        editable = isinstance(widget, EDITABLE) and not (
            isinstance(widget, QTextEdit | QPlainTextEdit) and widget.isReadOnly()
        )
        if editable and id(widget) not in buddies and widget not in exempt:
            problems.append(f"no label for {widget.accessibleName()!r} ({_describe(widget)})")
    return problems


class Checker:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.seen: set[str] = set()
        self.problems: list[str] = []
        # The hidden screen's code field stays unlabelled on purpose: it tells onlookers nothing.
        self.exempt: list[QWidget] = [window.lock_screen.secret]

    def check(self, where: str, root: QWidget | None = None) -> None:
        self.seen.add(where)
        root = root or self.window
        found = unnamed(root) + loose_labels(root) + unlabelled(root, self.exempt)
        self.problems += [f"{where}: {p}" for p in found]


def test_every_control_on_every_screen_has_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    checker = Checker(window)
    check = checker.check
    check("unlock (first run)")
    unlock = window.unlock
    unlock.passphrase.setText(PASSPHRASE)
    unlock.repeat.setText(PASSPHRASE)
    click(qtbot, unlock.submit)
    qtbot.waitUntil(lambda: window.page_name == "home", timeout=KEY_CHECK_WAIT_MS)
    check("home (empty)")
    click(qtbot, window.home.settings)
    check("settings")
    click(qtbot, window.settings.back)
    click(qtbot, window.home.studio)
    check("studio")
    click(qtbot, window.studio.back)

    choose_organisation(window)
    click(qtbot, window.home.new)
    window.setup.interpreter.setChecked(True)  # shows the interpreter's fields
    check("setup")
    # An independent interpreter is present: their view opens with the interview.
    window.setup.interpreter_independent.setChecked(True)
    window.setup.choose("ar")
    window.setup.tick_all_safety()
    click(qtbot, window.setup.start)
    policy, _ = answer_like_a_person(qtbot)

    def visit(w: MainWindow, node: str) -> None:
        view = w.question.view
        assert view is not None
        kind = view.type if view.kind == "question" else view.kind
        if view.node_id in ("rights_paper", "rights_card"):
            kind = "rights paper"
        if kind not in checker.seen:
            check(kind)
            assert w.interpreter.isVisible()
            check(f"interpreter view ({kind})", w.interpreter)
        if node == "open_work" and "break" not in checker.seen:
            click(qtbot, w.question.action_bar.take_break)
            check("break")
            click(qtbot, w.break_screen.resume)
        if node == "journey_events" and "stop confirmation" not in checker.seen:
            click(qtbot, w.question.action_bar.stop)
            check("stop confirmation")
            click(qtbot, w.stop_confirm.cancel)

    for _ in range(300):
        page = window.page_name
        if page == "finished":
            break
        if page in ("handover", "staff_step", "break_offer", "lock") and page not in checker.seen:
            check(page)
        if page == "handover":
            click(qtbot, window.handover.accept)
        elif page == "lock":
            pass_staff_gate(qtbot, window)
        elif page == "staff_step":
            click(qtbot, window.staff_step.go_on)
        elif page == "break_offer":
            policy(window, "break_offer:")
        else:
            assert page == "question", page
            node = window.question.view.node_id
            visit(window, node)
            policy(window, node)
    assert window.page_name == "finished"
    check("finished")
    window.quick_hide()
    check("hidden")
    window.lock_screen.secret.setText(PASSPHRASE)
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name == "finished", timeout=KEY_CHECK_WAIT_MS)
    click(qtbot, window.finished.review)
    for index in range(window.review.tabs.count()):
        window.review.tabs.setCurrentIndex(index)
        check(f"review tab {window.review.tabs.tabText(index)!r}")
    click(qtbot, window.review.home)
    check("home (with an interview)")

    expected = {
        "yes_no",
        "single_choice",
        "multiple_choice",
        "age",
        "free_text",
        "info",
        "rights paper",
        "break_offer",
        "handover",
        "break",
        "stop confirmation",
        "staff_step",
        "hidden",
    }
    assert expected <= checker.seen, expected - checker.seen
    assert not checker.problems, "\n".join(checker.problems)
