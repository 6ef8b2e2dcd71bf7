"""`kiosk odk form`: Lantern's referral form as an XLSForm, converted to an XForm by pyxform.

Every label is written in every catalog language (`label::Khmer (km)`), taken from the same
catalogs the kiosk shows; a string a catalog lacks falls back to the English source, so the
receiver always sees a label. The XForm is pyxform's own output, valid by construction.
"""

from __future__ import annotations

from kiosk.core.flow import Flow
from kiosk.core.i18n.catalogs import Catalogs
from kiosk.core.i18n.languages import SOURCE_LANGUAGE, SUPPORTED
from kiosk.core.odk.layout import Field, Group, Label, Layout, as_label, build_layout
from kiosk.core.xlsform.language_columns import language_column
from kiosk.core.xlsform.workbook import Workbook, to_xform


class _Labels:
    def __init__(self, catalogs: Catalogs, languages: tuple[str, ...]) -> None:
        self.catalogs = catalogs
        self.languages = languages

    def columns(self, label: Label | str, column: str = "label") -> dict[str, str]:
        label = as_label(label)
        cells = {}
        for code in self.languages:
            text = label.source
            if code != SOURCE_LANGUAGE:
                entry = self.catalogs.lookup(code, label.context, label.source)
                if entry is not None:
                    text = entry.text
            cells[f"{column}::{language_column(code)}"] = text
        return cells


def layout_workbook(layout: Layout, catalogs: Catalogs | None = None) -> Workbook:
    labels = _Labels(catalogs or Catalogs(), SUPPORTED)
    survey: list[dict[str, str]] = []

    def add(item: Field | Group) -> None:
        if isinstance(item, Group):
            kind = "repeat" if item.repeat else "group"
            begin = {"type": f"begin_{kind}", "name": item.name}
            survey.append({**begin, **labels.columns(item.label)})
            for child in item.children:
                add(child)
            survey.append({"type": f"end_{kind}", "name": item.name})
            return
        xls_type = f"{item.type} {item.choices}" if item.choices else item.type
        survey.append({"type": xls_type, "name": item.name, **labels.columns(item.label)})

    for item in layout.root:
        add(item)
    choices = [
        {"list_name": list_name, "name": choice.value, **labels.columns(choice.label)}
        for list_name, items in layout.choice_lists.items()
        for choice in items
    ]
    settings = {
        "form_title": labels.columns(layout.title)[f"label::{language_column(SOURCE_LANGUAGE)}"],
        "form_id": layout.form_id,
        "version": layout.version,
        "default_language": language_column(SOURCE_LANGUAGE),
    }
    return Workbook(survey=survey, choices=choices, settings=settings)


def referral_form(flow: Flow, indicator_tags: dict[str, str]) -> tuple[str, list[str]]:
    """(XForm XML, pyxform warnings) of the referral form for `flow`."""
    return to_xform(layout_workbook(build_layout(flow, indicator_tags)))
