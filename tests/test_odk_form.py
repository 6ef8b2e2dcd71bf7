"""The referral form: an XForm made by pyxform from Lantern's XLSForm, labelled in every language,
and every submission Lantern builds fits its data model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kiosk.core.content import load_indicators
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import load_flow
from kiosk.core.i18n.catalogs import Catalogs
from kiosk.core.i18n.languages import SUPPORTED
from kiosk.core.interview import InterviewSession
from kiosk.core.localizer import content_key
from kiosk.core.odk.consent import RecipientConsent
from kiosk.core.odk.form import language_column, referral_form
from kiosk.core.odk.layout import build_layout
from kiosk.core.odk.submission import build_body
from kiosk.core.store import Store
from tests.fixtures.odk import KHMER_TEXT, walk

REPO = Path(__file__).resolve().parent.parent
XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(REPO / "flows" / "identification.yaml")


@pytest.fixture(scope="module")
def xform(flow: Flow) -> ElementTree.Element:
    tags = {item.tag: item.label for item in load_indicators().indicators}
    xml, warnings = referral_form(flow, tags)
    assert warnings == []
    return ElementTree.fromstring(xml)


def _instance(xform: ElementTree.Element) -> ElementTree.Element:
    data = xform.find(f"{H}head/{XF}model/{XF}instance/{XF}data")
    assert data is not None
    return data


def _paths(element: ElementTree.Element, prefix: str = "") -> set[str]:
    name = element.tag.split("}")[-1]
    path = f"{prefix}/{name}"
    found = {path}
    for child in element:
        found |= _paths(child, path)
    return found


def test_form_has_a_translation_for_every_catalog_language(xform: ElementTree.Element) -> None:
    langs = {t.get("lang") for t in xform.iter(f"{XF}translation")}
    assert langs == {language_column(code) for code in SUPPORTED}
    assert "Khmer (km)" in langs and "Chinese (zh)" in langs


def test_question_labels_come_from_the_catalogs(flow: Flow, xform: ElementTree.Element) -> None:
    node = next(n for n in flow.questions if n.kind == "question" and n.text)
    wanted = Catalogs().lookup("km", content_key(f"flow:{flow.id}", node.id, "text"), node.text)
    assert wanted is not None, "the shipped Khmer catalog translates every question"
    khmer = next(t for t in xform.iter(f"{XF}translation") if t.get("lang") == "Khmer (km)")
    texts = {value.text for value in khmer.iter(f"{XF}value")}
    assert wanted.text in texts and node.text not in texts


def test_form_id_version_and_one_group_per_answerable_node(
    flow: Flow, xform: ElementTree.Element
) -> None:
    data = _instance(xform)
    assert data.get("id") == f"lantern_{flow.id}"
    assert data.get("version") == f"{flow.version}.1"
    answers = data.find(f"{XF}answers")
    assert answers is not None
    assert [child.tag.split("}")[-1] for child in answers] == [n.id for n in flow.questions]


def test_a_walked_interview_fits_the_forms_data_model(
    flow: Flow, xform: ElementTree.Element
) -> None:
    session = InterviewSession.start(Store.in_memory(), flow, "km")
    walk(session)
    session.add_disclosure(KHMER_TEXT)
    session.note_indicator("ilo_deception", "staff saw it")
    question = next(n for n in flow.questions if n.type == "free_text")
    session.correct(question.id, "the person added more", KHMER_TEXT + " ២")
    consent = RecipientConsent("medical", "2024-01-01T00:00:00+00:00", True, "Call first.")
    body = build_body(build_layout(flow, {}), session.state, consent, "2024-01-01T00:00:00+00:00")
    submission = ElementTree.fromstring(body.xml("uuid:1"))
    outside = {p for p in _paths(submission) if not p.startswith("/data/meta")}
    assert outside - _paths(_instance(xform)) == set()
    assert "/data/answers/" + question.id + "/value" in outside
    assert submission.findtext("answers/" + question.id + "/value") == KHMER_TEXT + " ២"
    assert submission.findtext("referral/staff_note") == "Call first."
    assert submission.findtext("disclosure/text") == KHMER_TEXT


def test_odk_form_command_writes_the_xform_and_workbook(tmp_path: Path) -> None:
    out, xlsx = tmp_path / "form.xml", tmp_path / "form.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "odk",
            "form",
            str(REPO / "tests/data/flows/demo.yaml"),
            "-o",
            str(out),
            "--xlsx",
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert ElementTree.parse(out).getroot().tag == f"{H}html"
    assert xlsx.read_bytes()[:2] == b"PK"


def test_odk_form_command_refuses_a_missing_flow_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "odk",
            "form",
            str(tmp_path / "nope.yaml"),
            "-o",
            str(tmp_path / "f.xml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "f.xml").exists()
