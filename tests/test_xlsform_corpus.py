"""Every XLSForm of pyxform's own test suite (../shared/xlsform-corpus, 57 real forms, some broken
on purpose) either imports into a flow that `kiosk validate` accepts, or is refused with
`sheet:row: reason` lines. None crashes. The forms are read in place, never copied here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli import main

CORPUS_FILES = ("*.xlsx", "*.xls")
REFUSAL = re.compile(r"(survey|choices|settings|entities):\d+: \S.*")


def corpus() -> list[Path]:
    found = next(
        (
            base / "shared" / "xlsform-corpus"
            for base in Path(__file__).resolve().parents
            if (base / "shared" / "xlsform-corpus").is_dir()
        ),
        None,
    )
    if found is None:
        return []
    return sorted(path for pattern in CORPUS_FILES for path in found.rglob(pattern))


FORMS = corpus()
ABSENT = "the XLSForm corpus (../shared/xlsform-corpus) is not on this machine"


def corpus_form(name: str) -> Path:
    form = next((form for form in FORMS if form.name == name), None)
    if form is None:
        pytest.skip(ABSENT)
    return form


def run_import(
    form: Path, output: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], list[str]]:
    code = main(["xlsform", "import", str(form), "-o", str(output), "--no-translations"])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_the_corpus_is_here_or_skipped_in_one_line() -> None:
    if not FORMS:
        pytest.skip(ABSENT)
    assert len(FORMS) == 57


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
def test_corpus_form_imports_and_validates_or_is_refused_by_row(
    form: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "flow.yaml"
    code, out, err = run_import(form, output, capsys)
    if code == 0:
        assert output.is_file() and not err
        assert main(["validate", str(output)]) == 0, capsys.readouterr().out
        assert "1 file(s) checked, no problems." in capsys.readouterr().out
    else:
        assert code == 1, err  # 70 would be an internal error
        assert not output.exists()
        *reasons, summary = err
        assert reasons and summary.startswith(f"kiosk: {form.name} was not imported")
        for line in reasons:
            assert REFUSAL.fullmatch(line), line
        assert not any("Traceback" in line for line in out + err)


# Forms whose outcome is known: a regression that refuses everything, or lets a repeat through,
# shows here by name.
EXPECTED_IMPORTS = {
    "yes_or_no_question.xlsx": 2,
    "text_and_integer.xls": 3,
    "badly_named_choices_sheet.xls": 4,
    "style_settings.xls": 3,
}
EXPECTED_REFUSALS = {
    "tutorial.xls": "survey:2: 'begin repeat' is not supported",
    "specify_other.xlsx": "survey:2: 'or_other' is not supported",
    "duplicate_columns.xlsx": "survey:1: duplicate column header: label",
    "calculate_without_calculation.xls": "survey:34: missing calculation.",
    "choice_filter_test.xlsx": "survey:3: choices from a file or filtered by earlier answers",
    "widgets.xls": "survey:6: question type 'time' is not supported",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_IMPORTS))
def test_known_good_forms_import(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run_import(corpus_form(name), tmp_path / "flow.yaml", capsys)
    assert code == 0
    assert f"{EXPECTED_IMPORTS[name]} nodes." in out[0]


@pytest.mark.parametrize("name", sorted(EXPECTED_REFUSALS))
def test_known_unsupported_forms_are_refused_for_the_right_reason(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_import(corpus_form(name), tmp_path / "flow.yaml", capsys)
    assert code == 1
    assert any(line.startswith(EXPECTED_REFUSALS[name]) for line in err), err
