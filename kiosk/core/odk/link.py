"""The link to one ODK Central project: parsed from an app-user link, kept in the store.

An app-user link looks like `https://central.example.org/v1/key/TOKEN/projects/7`. The token is
a secret: it is kept only inside the encrypted store (setting `odk.server`), never printed, and
`display_url` leaves it out. Plain `http://` is accepted only for this machine (loopback); any
other server must use HTTPS.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from kiosk.core.errors import KioskError
from kiosk.core.odk.outbox import FormTarget
from kiosk.core.odk.storage import SERVER_SETTING

if TYPE_CHECKING:
    from kiosk.core.store import Store

_PATH = re.compile(r"(?P<prefix>(?:/[^/]+)*?)/v1/key/(?P<token>[^/]+)/projects/(?P<project>\d+)/?")


class LinkError(KioskError):
    pass


@dataclass(frozen=True)
class ServerLink:
    scheme: str  # http | https
    host: str
    port: int
    prefix: str  # path before /v1 ('' for a server at the root)
    token: str
    project_id: int

    @property
    def api_path(self) -> str:
        """The path every OpenRosa request of this app user starts with (holds the token)."""
        return f"{self.prefix}/v1/key/{quote(self.token, safe='')}/projects/{self.project_id}"

    @property
    def display_url(self) -> str:
        """Where the server is, for people: without the token."""
        default = 443 if self.scheme == "https" else 80
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}{self.prefix} (project {self.project_id})"

    def __repr__(self) -> str:
        return f"ServerLink({self.display_url})"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_link(text: str) -> ServerLink:
    """An app-user link into its parts; a plain message (never the token) when it is wrong."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise LinkError(
            "That is not a web address. Paste the app-user link from Central."
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LinkError("The link must start with https:// (the app-user link from Central).")
    match = _PATH.fullmatch(parts.path)
    if match is None or parts.query or parts.fragment:
        raise LinkError(
            "That is not an app-user link. It looks like https://SERVER/v1/key/…/projects/NUMBER."
        )
    host = parts.hostname
    if parts.scheme == "http" and not is_loopback(host):
        raise LinkError(
            "The server must be reached over https:// so nothing travels unprotected. "
            "Plain http:// is accepted only for this computer."
        )
    return ServerLink(
        scheme=parts.scheme,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        prefix=match.group("prefix"),
        token=match.group("token"),
        project_id=int(match.group("project")),
    )


@dataclass(frozen=True)
class Connection:
    """What `kiosk odk connect` keeps: the link, the form and its key, and when."""

    link: ServerLink
    target: FormTarget
    flow_id: str
    form_title: str
    connected_at: str


def save_connection(store: Store, connection: Connection) -> None:
    store.set_setting(SERVER_SETTING, asdict(connection))


def load_connection(store: Store) -> Connection | None:
    data: Any = store.setting(SERVER_SETTING)
    if not isinstance(data, dict):
        return None
    try:
        return Connection(
            link=ServerLink(**data["link"]),
            target=FormTarget(**data["target"]),
            flow_id=str(data["flow_id"]),
            form_title=str(data.get("form_title", "")),
            connected_at=str(data.get("connected_at", "")),
        )
    except (KeyError, TypeError):
        return None
