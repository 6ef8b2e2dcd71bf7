"""Whether a published form fits the flow: the part of the referral form that depends on it.

Everything in the form outside `answers` is fixed by the layout version (part of the form's
version). What the flow decides is, per answerable node, its element name, the XForm type of its
`value` and the choice values it offers. A form made from another copy of the flow with the same
id and version (edited without a version bump) can differ there: submissions built from this
flow would then not fit the published form — Central cannot tell, because it cannot read them,
and the receiver would find answers under the wrong questions or missing. `kiosk odk connect`
compares the published form with this flow's, and keeps a digest of the shape so that every
later use of the connection can tell whether the flow at hand is still the one it was made from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from xml.etree import ElementTree

from kiosk.core.odk.layout import Field, Group, Layout

XFORMS = "{http://www.w3.org/2002/xforms}"
HTML = "{http://www.w3.org/1999/xhtml}"
# XLSForm type -> the type pyxform writes in the XForm's <bind>.
BIND_TYPES = {
    "text": "string",
    "integer": "int",
    "decimal": "decimal",
    "date": "date",
    "dateTime": "dateTime",
    "select_one": "string",
    "select_multiple": "string",
}


@dataclass(frozen=True)
class AnswerShape:
    node: str
    value_type: str
    choices: tuple[str, ...]


Shape = tuple[AnswerShape, ...]


def expected_shape(layout: Layout) -> Shape:
    """The flow-dependent part of the form the layout describes."""
    answers = next(
        item for item in layout.root if isinstance(item, Group) and item.name == "answers"
    )
    shapes = []
    for group in answers.children:
        assert isinstance(group, Group)
        value = next(f for f in group.children if isinstance(f, Field) and f.name == "value")
        choices = layout.choice_lists.get(value.choices or "", ()) if value.choices else ()
        shapes.append(
            AnswerShape(
                group.name,
                BIND_TYPES.get(value.type, value.type),
                tuple(choice.value for choice in choices),
            )
        )
    return tuple(shapes)


def published_shape(root: ElementTree.Element) -> Shape | None:
    """The same part of a published XForm (None when it has no `answers` group)."""
    model = root.find(f"{HTML}head/{XFORMS}model")
    if model is None:
        return None
    instances = model.findall(f"{XFORMS}instance")
    data = next(iter(instances[0]), None) if instances else None
    answers = data.find(f"{XFORMS}answers") if data is not None else None
    if data is None or answers is None:
        return None
    binds = {
        bind.get("nodeset"): bind.get("type", "string") for bind in model.iter(f"{XFORMS}bind")
    }
    lists = {
        instance.get("id"): tuple(
            (item.findtext(f"{XFORMS}name") or "") for item in instance.iter(f"{XFORMS}item")
        )
        for instance in instances[1:]
    }
    selects = {
        select.get("ref"): select
        for kind in ("select1", "select")
        for select in root.iter(f"{XFORMS}{kind}")
    }
    shapes = []
    for node in answers:
        name = node.tag.removeprefix(XFORMS)
        path = f"/{data.tag.removeprefix(XFORMS)}/answers/{name}/value"
        shapes.append(
            AnswerShape(name, binds.get(path, "string"), _choices(selects.get(path), lists))
        )
    return tuple(shapes)


def _choices(
    select: ElementTree.Element | None, lists: dict[str | None, tuple[str, ...]]
) -> tuple[str, ...]:
    if select is None:
        return ()
    itemset = select.find(f"{XFORMS}itemset")
    if itemset is not None:  # nodeset="instance('q_sector')/root/item"
        nodeset = itemset.get("nodeset") or ""
        name = nodeset.partition("instance('")[2].partition("'")[0]
        return lists.get(name, ())
    return tuple(
        (item.findtext(f"{XFORMS}value") or "") for item in select.findall(f"{XFORMS}item")
    )


def difference(expected: Shape, published: Shape) -> str | None:
    """The first way the published form differs from the flow's, in a few words."""
    ours = {shape.node: shape for shape in expected}
    theirs = {shape.node: shape for shape in published}
    for node in ours.keys() - theirs.keys():
        return f"it has no question '{node}'"
    for node in theirs.keys() - ours.keys():
        return f"it has a question '{node}' this flow does not have"
    for node, shape in ours.items():
        other = theirs[node]
        if shape.value_type != other.value_type:
            return f"question '{node}' takes a {other.value_type} there, a {shape.value_type} here"
        if set(shape.choices) != set(other.choices):
            return f"question '{node}' offers other choices there"
    return None


def shape_digest(shape: Shape) -> str:
    text = json.dumps(
        [[s.node, s.value_type, sorted(s.choices)] for s in sorted(shape, key=lambda s: s.node)]
    )
    return hashlib.sha256(text.encode()).hexdigest()
