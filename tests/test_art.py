"""The project's own drawings (art/): every file renders, and uses only the colours the theme
knows how to recolour (so high contrast keeps every picture readable)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtSvg import QSvgRenderer

from kiosk.core import paths
from kiosk.core.pictograms import DECLINE, DONT_KNOW, NO, YES, names
from kiosk.ui.art import SOURCE_FILLS, SOURCE_INK

ART = sorted((paths.art_dir()).glob("*/*.svg"))
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_there_is_art() -> None:
    assert len(ART) > 40
    assert {YES, NO, DONT_KNOW, DECLINE} <= names()


@pytest.mark.parametrize("path", ART, ids=[p.stem for p in ART])
def test_each_drawing_renders_in_the_theme_colours(path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(text.encode()))
    assert renderer.isValid(), path
    colours = {c.lower() for c in COLOUR.findall(text)}
    assert colours <= {SOURCE_INK, *SOURCE_FILLS}, colours - {SOURCE_INK, *SOURCE_FILLS}
    assert SOURCE_INK in colours  # every picture has outlines, which carry it in high contrast
    assert "<text" not in text  # no words in pictures: they are for people who do not read


def test_a_flow_option_names_a_pictogram_and_the_screen_gets_it(tmp_path: Path) -> None:
    from kiosk.core.flow_loader import read_flow

    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(
        "format: 1\nflow: f\nversion: 1\ntitle: T\nnodes:\n"
        "  - {id: q, kind: question, type: multiple_choice, text: 'Which work?', options: ["
        "{value: fishing, text: Fishing, picture: work_fishing},"
        "{value: none, text: None of these, exclusive: true}]}\n"
        "  - {id: z, kind: end}\n",
        encoding="utf-8",
    )
    flow, problems = read_flow(flow_file)
    assert not problems and flow is not None
    fishing, none = flow.node("q").options
    assert (fishing.picture, fishing.exclusive) == ("work_fishing", False)
    assert (none.picture, none.exclusive) == (None, True)


def test_an_exclusive_option_cannot_be_sent_with_others(tmp_path: Path) -> None:
    from kiosk.core.errors import EngineError
    from kiosk.core.flow_loader import read_flow
    from kiosk.core.interview_rules import validate_value

    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(
        "format: 1\nflow: f\nversion: 1\ntitle: T\nnodes:\n"
        "  - {id: q, kind: question, type: multiple_choice, text: Which, options: ["
        "{value: a, text: A}, {value: b, text: B}, {value: none, text: None, exclusive: true}]}\n"
        "  - {id: z, kind: end}\n",
        encoding="utf-8",
    )
    flow, _problems = read_flow(flow_file)
    assert flow is not None
    node = flow.node("q")
    validate_value(node, ["a", "b"])
    validate_value(node, ["none"])
    with pytest.raises(EngineError, match="none of these"):
        validate_value(node, ["a", "none"])
