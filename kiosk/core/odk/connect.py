"""`kiosk odk connect`: find Lantern's published form on the server and take its public key.

The form must be Lantern's referral form for the flow, at the version this kiosk makes, with
the questions and choices this copy of the flow has (`shape.py`), and encrypted (Central's
managed encryption puts the project's public key in the form). Anything else is refused with
what to do about it, and nothing is saved.
"""

from __future__ import annotations

from urllib.parse import quote
from xml.etree import ElementTree

from kiosk.core.events import now_iso
from kiosk.core.flow import Flow
from kiosk.core.odk.client import CentralClient
from kiosk.core.odk.encryption import load_public_key
from kiosk.core.odk.layout import build_layout, form_id, form_version
from kiosk.core.odk.link import Connection, LinkError, ServerLink
from kiosk.core.odk.outbox import FormTarget
from kiosk.core.odk.shape import difference, expected_shape, published_shape, shape_digest

XFORMS_NS = "http://www.w3.org/2002/xforms"
FORMLIST_NS = "{http://openrosa.org/xforms/xformsList}"
HTML_NS = "{http://www.w3.org/1999/xhtml}"


def _parse(data: bytes, what: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)  # noqa: S314 - the configured server's answer
    except ElementTree.ParseError:
        raise LinkError(f"The server sent a {what} that cannot be read.") from None


def listed_forms(client: CentralClient) -> dict[str, str]:
    """formID -> version of the forms this app user may fill in."""
    root = _parse(client.get("/formList"), "form list")
    return {
        (item.findtext(f"{FORMLIST_NS}formID") or ""): (
            item.findtext(f"{FORMLIST_NS}version") or ""
        )
        for item in root.iter(f"{FORMLIST_NS}xform")
    }


def read_published_form(xml: bytes) -> tuple[str, str, str, str | None]:
    """(form id, version, title, base64 public key or None) of an XForm."""
    root = _parse(xml, "form")
    title = root.findtext(f"{HTML_NS}head/{HTML_NS}title") or ""
    model = root.find(f"{HTML_NS}head/{{{XFORMS_NS}}}model")
    instance = model.find(f"{{{XFORMS_NS}}}instance") if model is not None else None
    data = next(iter(instance), None) if instance is not None else None
    if model is None or data is None:
        raise LinkError("The form on the server has no data model.")
    submission = model.find(f"{{{XFORMS_NS}}}submission")
    key = submission.get("base64RsaPublicKey") if submission is not None else None
    return data.get("id") or "", data.get("version") or "", title, key


def connect(link: ServerLink, flow: Flow, client: CentralClient) -> Connection:
    wanted, version = form_id(flow), form_version(flow)
    forms = listed_forms(client)
    if wanted not in forms:
        raise LinkError(
            f"The project has no form '{wanted}' open to this app user. Publish the form made by "
            "`kiosk odk form` and give the app user access to it."
        )
    published = client.get(f"/forms/{quote(wanted, safe='')}.xml")
    found_id, found_version, title, key = read_published_form(published)
    if found_id != wanted:
        raise LinkError("The server sent a different form than the one asked for.")
    # Central's managed encryption re-publishes the form with a suffix: "1.1[encrypted:AbC]".
    if found_version != version and not found_version.startswith(version + "[encrypted:"):
        raise LinkError(
            f"The form on the server is version {found_version or 'none'}; this kiosk makes "
            f"version {version}. Publish the form from `kiosk odk form` again."
        )
    if not key:
        raise LinkError(
            "The form on the server is not encrypted. Turn on managed encryption for the project "
            "in Central, then connect again. Nothing is sent without it."
        )
    load_public_key(key)  # refuse a key that cannot be used, before anything is saved
    ours = expected_shape(build_layout(flow, {}))
    theirs = published_shape(_parse(published, "form"))
    mismatch = "it has no answers" if theirs is None else difference(ours, theirs)
    if mismatch is not None:
        raise LinkError(
            f"The form on the server does not fit this kiosk's flow '{flow.id}' v{flow.version} "
            f"({mismatch}): it was made from another copy of the flow. Publish the form from "
            "`kiosk odk form` with this flow, or connect with the flow it was made from."
        )
    return Connection(
        link=link,
        target=FormTarget(form_id=wanted, form_version=found_version, public_key=key),
        flow_id=flow.id,
        form_title=title,
        connected_at=now_iso(),
        shape=shape_digest(ours),
    )
