"""`kiosk xlsform import`: a hand-written XLSForm (groups, relevance, English and Khmer) becomes a
flow that validates and runs in `kiosk simulate`; unsupported rows are refused as `sheet:row:
reason`; bad files get one line. The form is built here with openpyxl, as an author would."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from kiosk.cli import main
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs, load_catalog
from kiosk.core.localizer import content_key
from kiosk.core.xlsform import reading

EN, KM = "English (en)", "Khmer (km)"
SURVEY_HEADER = [
    "type",
    "name",
    f"label::{EN}",
    f"label::{KM}",
    f"hint::{EN}",
    f"hint::{KM}",
    "relevant",
    "constraint",
    "required",
    "appearance",
    f"lantern.child_text::{EN}",
    f"lantern.child_text::{KM}",
    "lantern.type",
    "lantern.kind",
]
SURVEY = [
    ["begin group", "s_about", "About you", "អំពីអ្នក"],
    [
        "integer",
        "age",
        "How old are you?",
        "តើអ្នកអាយុប៉ុន្មាន?",
        "Say if you are not sure.",
        "និយាយប្រសិនបើអ្នកមិនប្រាកដ។",
        None,
        ". >= 0 and . <= 120",
        "yes",
        None,
        "How old are you?",
        "តើប្អូនអាយុប៉ុន្មាន?",
        "age",
    ],
    [
        "select_one yes_no",
        "has_work",
        "Did you work in this country?",
        "តើអ្នកបានធ្វើការនៅប្រទេសនេះទេ?",
        None,
        None,
        None,
        None,
        "yes",
        None,
        "Did you work here?",
        "តើប្អូនបានធ្វើការនៅទីនេះទេ?",
    ],
    ["end group"],
    [
        "begin group",
        "s_work",
        "Your work",
        "ការងាររបស់អ្នក",
        None,
        None,
        "${has_work} = 'yes'",
        None,
        None,
        "field-list",
    ],
    ["select_multiple sectors", "sector", "What work did you do?", "តើអ្នកបានធ្វើការងារអ្វី?"],
    [
        "select_one yes_no",
        "paid",
        "Were you paid for your work?",
        "តើអ្នកបានទទួលប្រាក់ឈ្នួលទេ?",
        None,
        None,
        "not(selected(${sector}, 'farm'))",
    ],
    [
        "text",
        "describe",
        "Please tell us more about your pay.",
        "សូមប្រាប់យើងបន្ថែមអំពីប្រាក់ឈ្នួលរបស់អ្នក។",
        None,
        None,
        "${paid} != 'yes'",
    ],
    ["end group"],
    ["note", "thanks", "Thank you for talking with us.", "អរគុណដែលបាននិយាយជាមួយយើង។"],
    [
        "note",
        "staff_summary",
        "Staff only: review the answers before any referral.",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "staff_note",
    ],
    ["start", "start"],
]
CHOICES = [
    [
        "list_name",
        "name",
        f"label::{EN}",
        f"label::{KM}",
        "lantern.child_text",
        "lantern.child_text.km",
    ],
    ["yes_no", "yes", "Yes", "បាទ/ចាស"],
    ["yes_no", "no", "No", "ទេ"],
    ["sectors", "fishing", "Fishing or work on a boat", "នេសាទ ឬធ្វើការលើទូក", "Fishing", "នេសាទ"],
    ["sectors", "farm", "Farm work", "ការងារកសិដ្ឋាន"],
    ["sectors", "factory", "Factory work", "ការងាររោងចក្រ"],
]
SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["Shelter intake", "shelter_intake", "3", EN],
]


def write_form(
    path: Path,
    survey: list[list[Any]] = SURVEY,
    choices: list[list[Any]] = CHOICES,
    header: list[str] = SURVEY_HEADER,
    settings: list[list[Any]] = SETTINGS,
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(header)
    for row in survey:
        sheet.append(row)
    for name, rows in (("choices", choices), ("settings", settings)):
        extra = book.create_sheet(name)
        for row in rows:
            extra.append(row)
    book.save(path)
    return path


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    form = write_form(tmp_path / "intake.xlsx")
    flow_file = tmp_path / "intake.yaml"
    catalogs = tmp_path / "translations"
    catalogs.mkdir()
    code = main(
        ["xlsform", "import", str(form), "-o", str(flow_file), "--translations", str(catalogs)]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    return {"form": form, "flow": flow_file, "catalogs": catalogs, "out": out.out, "tmp": tmp_path}


def simulate(
    flow_file: Path, steps: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(steps), encoding="utf-8")
    assert main(["simulate", str(flow_file), "--answers", str(answers), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_imported_form_is_a_valid_flow_with_sections_types_and_conditions(
    imported: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(imported["flow"])]) == 0, capsys.readouterr().out
    data = yaml.safe_load(imported["flow"].read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in data["nodes"]}
    assert [node["id"] for node in data["nodes"]] == [
        "s_about",
        "age",
        "has_work",
        "s_work",
        "sector",
        "paid",
        "describe",
        "thanks",
        "staff_summary",
        "end",
    ]
    assert (data["flow"], data["version"], data["title"]) == ("shelter_intake", 3, "Shelter intake")
    assert data["age_question"] == "age"
    assert nodes["s_about"] == {"id": "s_about", "kind": "section", "title": "About you"}
    assert nodes["age"]["type"] == "age" and (nodes["age"]["min"], nodes["age"]["max"]) == (0, 120)
    assert nodes["age"]["help"] == "Say if you are not sure."
    assert nodes["has_work"]["type"] == "yes_no" and "options" not in nodes["has_work"]
    assert nodes["has_work"]["child_text"] == "Did you work here?"
    assert nodes["sector"]["type"] == "multiple_choice"
    assert nodes["sector"]["options"][0] == {
        "value": "fishing",
        "text": "Fishing or work on a boat",
        "child_text": "Fishing",
    }
    # A group's relevance reaches every question in it, joined with the question's own.
    assert nodes["sector"]["when"] == "has_work == 'yes'"
    assert nodes["paid"]["when"] == "has_work == 'yes' and not ('farm' in sector)"
    assert nodes["describe"]["when"] == "has_work == 'yes' and not (paid == 'yes')"
    assert nodes["describe"]["type"] == "free_text"
    assert nodes["staff_summary"]["kind"] == "staff_note"
    assert nodes["end"] == {"id": "end", "kind": "end", "outcome": "completed"}
    # What was not carried over is said, not silently dropped.
    out = imported["out"]
    assert "note: survey:3, survey:4: 'required' is not carried over" in out
    assert "'start' is device metadata" in out
    assert "no safety check" in out


def test_both_languages_reach_the_catalog_as_drafts(imported: dict[str, Any]) -> None:
    catalog = load_catalog("km", imported["catalogs"])
    scope = "flow:shelter_intake"

    def entry(item: str, field: str, source: str) -> tuple[str, str]:
        found = catalog.entries[(content_key(scope, item, field), source)]
        return found.text, found.status

    assert entry("age", "text", "How old are you?") == ("តើអ្នកអាយុប៉ុន្មាន?", "draft")
    assert entry("age", "child_text", "How old are you?") == ("តើប្អូនអាយុប៉ុន្មាន?", "draft")
    assert entry("age", "help", "Say if you are not sure.")[0] == "និយាយប្រសិនបើអ្នកមិនប្រាកដ។"
    assert entry("s_work", "title", "Your work")[0] == "ការងាររបស់អ្នក"
    assert entry("sector.fishing", "text", "Fishing or work on a boat")[0] == "នេសាទ ឬធ្វើការលើទូក"
    assert entry("sector.fishing", "child_text", "Fishing")[0] == "នេសាទ"
    # yes/no answers use Lantern's own reviewed words; the staff note had no Khmer.
    assert not any("has_work.yes" in context for context, _ in catalog.entries)
    assert not any("staff_summary" in context for context, _ in catalog.entries)
    assert not (imported["catalogs"] / "th.po").exists()
    # The kiosk shows the Khmer wording, flagged as a draft to staff and interpreter.
    shown = CatalogLocalizer(Catalogs(imported["catalogs"])).content(
        "km", content_key(scope, "has_work", "text"), "Did you work in this country?"
    )
    assert (shown.text, shown.needs_review_flag) == ("តើអ្នកបានធ្វើការនៅប្រទេសនេះទេ?", True)
    assert "Translations (draft, for review)" in imported["out"] and "km 15" in imported["out"]


def test_importing_again_keeps_a_reviewed_translation(
    imported: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    po = imported["catalogs"] / "km.po"
    text = po.read_text(encoding="utf-8")
    reviewed = text.replace(
        '#, fuzzy\nmsgctxt "flow:shelter_intake:age:text"', 'msgctxt "flow:shelter_intake:age:text"'
    )
    assert reviewed != text
    po.write_text(reviewed, encoding="utf-8")
    args = [
        "xlsform",
        "import",
        str(imported["form"]),
        "-o",
        str(imported["flow"]),
        "--translations",
        str(imported["catalogs"]),
    ]
    assert main(args) == 0
    assert "km 0" in capsys.readouterr().out
    entries = load_catalog("km", imported["catalogs"]).entries
    age = entries[(content_key("flow:shelter_intake", "age", "text"), "How old are you?")]
    assert age.status == "reviewed"
    assert len([key for key in entries if key[0].startswith("flow:shelter_intake:")]) == 15


@pytest.mark.parametrize(
    ("steps", "path", "states"),
    [
        (
            [
                {"answer": 15, "at": "age"},
                {"answer": "yes", "at": "has_work"},
                {"answer": ["fishing"], "at": "sector"},
                {"answer": "no", "at": "paid"},
                {"answer": "The money was kept.", "at": "describe"},
                "continue",
                "continue",
            ],
            ["age", "has_work", "sector", "paid", "describe", "thanks", "staff_summary", "end"],
            {"sector": "answered", "paid": "answered", "describe": "answered"},
        ),
        (
            [
                {"answer": 30, "at": "age"},
                {"answer": "no", "at": "has_work"},
                "continue",
                "continue",
            ],
            ["age", "has_work", "thanks", "staff_summary", "end"],
            {"sector": "not_asked", "paid": "not_asked", "describe": "not_asked"},
        ),
        (
            # Declining is never "yes": the work group is not asked.
            [{"answer": 30, "at": "age"}, "decline", "continue", "continue"],
            ["age", "has_work", "thanks", "staff_summary", "end"],
            {"has_work": "declined", "sector": "not_asked"},
        ),
        (
            # Farm work: `paid` is not asked, and `describe` then is (ODK: '' != 'yes').
            [
                {"answer": 30, "at": "age"},
                {"answer": "yes", "at": "has_work"},
                {"answer": ["farm"], "at": "sector"},
                {"answer": "Seasonal.", "at": "describe"},
                "continue",
                "continue",
            ],
            ["age", "has_work", "sector", "describe", "thanks", "staff_summary", "end"],
            {"paid": "not_asked", "describe": "answered"},
        ),
    ],
)
def test_imported_flow_walks_as_the_xlsform_relevance_says(
    imported: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    steps: list[Any],
    path: list[str],
    states: dict[str, str],
) -> None:
    result = simulate(imported["flow"], steps, imported["tmp"], capsys)
    assert result["path"] == path
    assert result["status"] == "finished" and result["outcome"] == "completed"
    assert {node: result["answers"][node]["state"] for node in states} == states
    assert result["path_kind"] == ("child" if steps[0] == {"answer": 15, "at": "age"} else "adult")


def refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], **form: Any
) -> tuple[int, list[str], Path]:
    source = write_form(tmp_path / "form.xlsx", **form)
    output = tmp_path / "out.yaml"
    code = main(["xlsform", "import", str(source), "-o", str(output), "--no-translations"])
    return code, capsys.readouterr().err.splitlines(), output


def test_unsupported_rows_are_refused_one_line_each_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = [
        *SURVEY[:3],
        ["begin repeat", "household", "Each person"],
        ["calculate", "total", *[None] * 12, "1 + 1"],
        ["end repeat"],
        ["text", "email", "Your email?", None, None, None, "regex(${has_work}, 'a')"],
        ["geopoint", "where", "Where are you?"],
        ["text", "greet", "Hello ${email}"],
        ["end group"],
    ]
    code, err, output = refusal(
        tmp_path, capsys, survey=survey, header=[*SURVEY_HEADER, "calculation"]
    )
    assert code == 1
    assert err == [
        "survey:5: 'begin repeat' is not supported: a Lantern interview asks each question once",
        "survey:6: calculations are not supported: Lantern records only what the person says",
        "survey:8: relevant \"regex(${has_work}, 'a')\": the function regex() is not supported "
        "(supported: ${x} = 'v', selected(), and, or, not(), comparisons)",
        "survey:9: question type 'geopoint' is not supported",
        "survey:10: 'label' shows an earlier answer (${...}); Lantern texts cannot",
        "kiosk: form.xlsx was not imported: 5 problem(s) above.",
    ]
    assert not output.exists()


def test_flow_problems_are_reported_at_the_row_they_come_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = [
        ["select_one yes_no", "first", "First?", None, None, None, "${later} = 'yes'"],
        ["select_one yes_no", "later", "Later?", None, None, None, "${first} = 'maybe'"],
    ]
    code, err, _output = refusal(tmp_path, capsys, survey=survey)
    assert code == 1
    assert err[0] == (
        "survey:2: condition \"later == 'yes'\" uses 'later', "
        "which is never asked before node 'first'"
    )
    assert err[1].startswith(
        "survey:3: condition \"first == 'maybe'\": 'maybe' is not one of the answers"
    )


def test_a_form_without_english_is_refused_and_other_languages_are_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["type", "name", "label::Khmer (km)", "label::French (fr)"]
    code, err, _output = refusal(
        tmp_path,
        capsys,
        header=header,
        survey=[["text", "story", "រឿង", "Histoire"]],
        settings=[["form_id"], ["story"]],
    )
    assert code == 1
    assert err[0].startswith("survey:2: 'label' has no English text")

    header = ["type", "name", "label::English (en)", "label::French (fr)"]
    source = write_form(
        tmp_path / "fr.xlsx",
        header=header,
        survey=[["text", "story", "Story", "Histoire"]],
        settings=[["form_id"], ["story"]],
    )
    assert (
        main(
            ["xlsform", "import", str(source), "-o", str(tmp_path / "fr.yaml"), "--no-translations"]
        )
        == 0
    )
    assert "language 'French (fr)' is not one Lantern ships" in capsys.readouterr().out


def test_bad_files_get_one_line_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out.yaml")
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    text = tmp_path / "notes.xlsx"
    text.write_text("type,name\ntext,a\n", encoding="utf-8")
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as handle:
        handle.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(reading.XLSX_MAGIC + b"\x00" * 200)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * 1_000_000
            for _ in range(reading.MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    fake_xls = tmp_path / "fake.xls"
    fake_xls.write_bytes(reading.XLS_MAGIC + b"\x01" * 600)
    expected = {
        fifo: "is not a regular file",
        text: "not an Excel workbook (.xlsx or .xls)",
        huge: "too large",
        damaged: "a damaged .xlsx file",
        bomb: "more than an XLSForm needs",
        fake_xls: "the workbook cannot be read",
        tmp_path / "absent.xlsx": "no such file",
    }
    for path, message in expected.items():
        assert main(["xlsform", "import", str(path), "-o", out]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("kiosk: ") and message in err[0], err
    assert not Path(out).exists()


def test_curly_quotes_stay_in_texts_and_are_straightened_in_expressions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel turns typed quotes curly; pyxform straightens all of them, labels included.
    survey = [
        ["select_one yes_no", "ok", "Say “yes” or “no”.", "និយាយ “បាទ”"],
        ["text", "why", "Why not?", None, None, None, "${ok} = ‘no’"],
    ]
    source = write_form(tmp_path / "quotes.xlsx", survey=survey)
    flow_file = tmp_path / "quotes.yaml"
    catalogs = tmp_path / "translations"
    catalogs.mkdir()
    args = ["xlsform", "import", str(source), "-o", str(flow_file), "--translations", str(catalogs)]
    assert main(args) == 0, capsys.readouterr().err
    nodes = {node["id"]: node for node in yaml.safe_load(flow_file.read_text("utf-8"))["nodes"]}
    assert nodes["ok"]["text"] == "Say “yes” or “no”."
    assert nodes["why"]["when"] == "ok == 'no'"
    entries = load_catalog("km", catalogs).entries
    key = (content_key("flow:shelter_intake", "ok", "text"), "Say “yes” or “no”.")
    assert entries[key].text == "និយាយ “បាទ”"


def test_relevant_and_lantern_when_on_one_row_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["type", "name", "label", "relevant", "lantern.when", "lantern.kind"]
    survey = [
        ["select_one yes_no", "ok", "OK?"],
        ["note", "later", "Later.", "${ok} = 'yes'", "child"],
        ["note", "odd", "Odd.", None, None, "staff_check"],
    ]
    code, err, _output = refusal(tmp_path, capsys, header=header, survey=survey)
    assert code == 1
    assert err[:2] == [
        "survey:3: give 'relevant' or 'lantern.when', not both",
        "survey:4: lantern.kind 'staff_check' does not fit a note (info, staff_note or end)",
    ]
