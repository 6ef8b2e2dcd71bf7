"""The interview's own words in the staff's language, for what staff read (the referral summary).

Questions and answer options come from the flow's catalog entries, in the wording of the path
the person was on (a child's question is reported as a child was asked it); yes / no from the UI
catalog; indicator and domain labels from `indicators:<tag>:label` and
`indicator_domains:<id>:label` entries. Anything a catalog lacks stays in English. What the
person typed is never translated here: it is their own words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.core.flow import Flow, Node
from kiosk.core.i18n.register import Register, wording
from kiosk.core.localizer import Localizer, content_key, flow_key
from kiosk.core.summary import IndicatorGroup

INDICATOR_SCOPE = "indicators"
DOMAIN_SCOPE = "indicator_domains"
LABEL = "label"


def indicator_key(tag: str) -> str:
    return content_key(INDICATOR_SCOPE, tag, LABEL)


def domain_key(domain_id: str) -> str:
    return content_key(DOMAIN_SCOPE, domain_id, LABEL)


class StaffWords:
    """Words of one interview for a staff reader in `language`."""

    def __init__(self, loc: Localizer, flow: Flow, language: str, *, child: bool) -> None:
        self.loc = loc
        self.flow = flow
        self.language = language
        self.path = Register.CHILD if child else Register.ADULT

    def _register(self, node: Node) -> Register:
        return Register.STAFF if node.audience == "staff" else self.path

    def _field(self, item: str, register: Register, adult: str, child: str | None) -> str:
        def key(name: str) -> str:
            return flow_key(self.flow.id, item, name)

        return wording(self.loc, self.language, key, "text", register, adult, child).text

    def question(self, node: Node) -> str:
        """The question as the person was asked it, in the staff's language."""
        return self._field(node.id, self._register(node), node.text or node.title, node.child_text)

    def answer(self, node: Node, value: Any) -> str:
        """An answer in words: option texts instead of codes, lists joined (free text as is)."""
        if value is None:
            return ""
        values = value if isinstance(value, list) else [value]
        words = [self._value(node, item) for item in values]
        # Checklist items are whole sentences: one per line reads better than a run-on list.
        return ("\n" if node.kind == "staff_check" else "; ").join(words)

    def _value(self, node: Node, item: Any) -> str:
        if node.kind == "staff_check":
            check = next((i for i in node.items if i.id == item), None)
            if check is None:
                return str(item)
            return self._field(f"{node.id}.{check.id}", Register.STAFF, check.text, None)
        if node.type == "yes_no" and item == "yes":
            return self.loc.ui("Yes", language=self.language)
        if node.type == "yes_no" and item == "no":
            return self.loc.ui("No", language=self.language)
        option = node.option(str(item)) if isinstance(item, str) else None
        if option is None:
            return str(item)
        item_id = f"{node.id}.{option.value}"
        return self._field(item_id, self._register(node), option.text, option.child_text)

    def indicator(self, tag: str, english: str) -> str:
        return self.loc.content(self.language, indicator_key(tag), english).text

    def domain(self, domain_id: str, english: str) -> str:
        return self.loc.content(self.language, domain_key(domain_id), english).text

    def group(self, group: IndicatorGroup) -> IndicatorGroup:
        """An indicator group with its domain and indicator labels in the staff's language."""
        items = tuple((tag, self.indicator(tag, label), node) for tag, label, node in group.items)
        return replace(group, label=self.domain(group.domain, group.label), items=items)

    def document(self, key: str, source: str) -> str:
        """A document string (`documents.*` key) in the staff's language."""
        return self.loc.content(self.language, key, source).text
