"""Extraction collects every UI, document and content string, compared with the flow model."""

from __future__ import annotations

from pathlib import Path

import yaml

from kiosk.core.flow_loader import flow_files, read_flow
from kiosk.core.i18n.catalogs import load_catalog
from kiosk.core.i18n.extract import collect, extract, read_catalog
from kiosk.core.localizer import content_key


def _expected_flow_strings(repo_root: Path) -> set[tuple[str, str]]:
    expected = set()
    for file in flow_files([repo_root / "flows"]):
        flow, problems = read_flow(file)
        assert flow is not None, problems
        scope = f"flow:{flow.id}"
        for node in flow.nodes:
            for name in ("text", "child_text", "help"):
                if getattr(node, name):
                    expected.add((content_key(scope, node.id, name), getattr(node, name)))
            if node.kind == "section":
                expected.add((content_key(scope, node.id, "title"), node.title))
            for option in node.options:
                expected.add((content_key(scope, f"{node.id}.{option.value}", "text"), option.text))
                if option.child_text:
                    key = content_key(scope, f"{node.id}.{option.value}", "child_text")
                    expected.add((key, option.child_text))
            for item in node.items:
                expected.add((content_key(scope, f"{node.id}.{item.id}", "text"), item.text))
    return expected


def test_every_flow_string_is_extracted(repo_root: Path) -> None:
    found = {(s.context, s.msgid) for s in collect(repo_root)}
    expected = _expected_flow_strings(repo_root)
    assert len(expected) > 100
    assert expected - found == set()


def test_every_rights_string_is_extracted(repo_root: Path) -> None:
    data = yaml.safe_load((repo_root / "content" / "rights.yaml").read_text(encoding="utf-8"))
    expected = {
        (content_key("rights", section["id"], name), " ".join(section[name].split()))
        for section in data["sections"]
        for name in ("title", "text", "child_title", "child_text")
        if section.get(name)
    }
    found = {(s.context, " ".join(s.msgid.split())) for s in collect(repo_root)}
    assert expected and expected - found == set()


def _tree(root: Path) -> Path:
    (root / "kiosk" / "ui").mkdir(parents=True)
    (root / "kiosk" / "ui" / "screen.py").write_text(
        "def build(loc, name):\n"
        "    loc.ui('Take a break')\n"
        "    return loc.ui('Hello {name}', language='th', name=name)\n",
        encoding="utf-8",
    )
    (root / "kiosk" / "core" / "documents").mkdir(parents=True)
    (root / "kiosk" / "core" / "documents" / "card.py").write_text(
        'TITLE = ("documents.card.title", "Useful number")\n', encoding="utf-8"
    )
    (root / "flows").mkdir()
    (root / "flows" / "tiny.yaml").write_text(
        "format: 1\nflow: tiny\nversion: 1\ntitle: Tiny\nnodes:\n"
        "  - id: hello\n    kind: info\n    text: Hello there.\n"
        "  - id: done\n    kind: end\n    text: Thank you.\n",
        encoding="utf-8",
    )
    return root


def test_ui_and_document_strings_get_their_contexts(tmp_path: Path) -> None:
    found = {(s.context, s.msgid) for s in collect(_tree(tmp_path))}
    assert ("ui", "Take a break") in found
    assert ("ui", "Hello {name}") in found
    assert ("documents.card.title", "Useful number") in found
    assert ("flow:tiny:hello:text", "Hello there.") in found


def test_extract_writes_template_and_marks_changed_sources_draft(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    report = extract(root, languages=["th"])
    assert report.template.is_file() and report.catalogs == [root / "translations" / "th.po"]
    catalog = read_catalog(root / "translations" / "th.po")
    catalog.get("Hello there.", context="flow:tiny:hello:text").string = "สวัสดี"
    from kiosk.core.i18n.extract import write_catalog

    write_catalog(catalog, root / "translations" / "th.po")
    assert (
        load_catalog("th", root / "translations")
        .entries[("flow:tiny:hello:text", "Hello there.")]
        .status
        == "reviewed"
    )

    flow = root / "flows" / "tiny.yaml"
    flow.write_text(flow.read_text().replace("Hello there.", "Hello there, friend."))
    extract(root, languages=["th"])
    entries = load_catalog("th", root / "translations").entries
    changed = entries[("flow:tiny:hello:text", "Hello there, friend.")]
    assert changed.status == "draft" and changed.text == "สวัสดี"
    assert ("flow:tiny:hello:text", "Hello there.") not in entries


def test_a_changed_source_keeps_each_language_its_own_translation(tmp_path: Path) -> None:
    # Regression: a carried-over translation was written onto the shared template message, so
    # the next catalog merged (th after id) received the Indonesian text.
    from kiosk.core.i18n.extract import write_catalog

    root = _tree(tmp_path)
    extract(root, languages=["id", "th"])
    for code, text in (("id", "Halo."), ("th", "สวัสดี")):
        catalog = read_catalog(root / "translations" / f"{code}.po")
        catalog.get("Hello there.", context="flow:tiny:hello:text").string = text
        write_catalog(catalog, root / "translations" / f"{code}.po")
    flow = root / "flows" / "tiny.yaml"
    flow.write_text(flow.read_text().replace("Hello there.", "Hello there, friend."))
    extract(root, languages=["id", "th"])
    key = ("flow:tiny:hello:text", "Hello there, friend.")
    assert load_catalog("id", root / "translations").entries[key].text == "Halo."
    assert load_catalog("th", root / "translations").entries[key].text == "สวัสดี"


def test_a_new_ui_string_is_never_given_a_similar_strings_translation(tmp_path: Path) -> None:
    from kiosk.core.i18n.extract import write_catalog

    root = _tree(tmp_path)
    extract(root, languages=["th"])
    catalog = read_catalog(root / "translations" / "th.po")
    catalog.get("Take a break", context="ui").string = "พักสักครู่"
    write_catalog(catalog, root / "translations" / "th.po")

    screen = root / "kiosk" / "ui" / "screen.py"
    screen.write_text(screen.read_text() + "\ndef more(loc):\n    loc.ui('Take a breath')\n")
    extract(root, languages=["th"])
    updated = read_catalog(root / "translations" / "th.po")
    assert updated.get("Take a breath", context="ui").string == ""
    assert updated.get("Take a break", context="ui").string == "พักสักครู่"
