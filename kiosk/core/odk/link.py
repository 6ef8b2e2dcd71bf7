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
    shape: str = ""  # digest of the form's flow-dependent part (shape.py); "" = not recorded


class ConnectionDamaged(LinkError):
    def __init__(self) -> None:
        super().__init__(
            "The saved connection to Central is damaged, so nothing is sent with it. Connect "
            "again with the app-user link (kiosk odk connect LINK); waiting referrals are kept."
        )


def save_connection(store: Store, connection: Connection) -> None:
    store.set_setting(SERVER_SETTING, asdict(connection))


def forget_connection(store: Store) -> None:
    """Disconnect: the link (with its token) and the form's key are overwritten in the store."""
    store.set_setting(SERVER_SETTING, None)


def _checked_link(data: dict[str, Any]) -> ServerLink:
    """A stored link, held to the rules of a pasted one (https, or plain http to this
    computer only): a changed row never sends records somewhere else unprotected."""
    link = ServerLink(**data)
    if not (
        link.scheme in ("http", "https")
        and all(isinstance(text, str) for text in (link.host, link.prefix, link.token))
        and link.host
        and link.token
        and "/" not in link.token
        and type(link.port) is int
        and 0 < link.port < 65536
        and type(link.project_id) is int
        and (link.scheme == "https" or is_loopback(link.host))
    ):
        raise ValueError("not a usable link")
    return link


def load_connection(store: Store) -> Connection | None:
    """The saved connection, None when there is none, `ConnectionDamaged` when it is unusable."""
    from kiosk.core.odk.encryption import load_public_key

    try:
        data: Any = store.setting(SERVER_SETTING)
    except ValueError:  # not JSON any more
        raise ConnectionDamaged() from None
    if data is None:
        return None
    try:
        target = FormTarget(**data["target"])
        if not all(isinstance(text, str) and text for text in vars(target).values()):
            raise ValueError("incomplete form")
        load_public_key(target.public_key)
        return Connection(
            link=_checked_link(data["link"]),
            target=target,
            flow_id=str(data["flow_id"]),
            form_title=str(data.get("form_title", "")),
            connected_at=str(data.get("connected_at", "")),
            shape=str(data.get("shape", "")),
        )
    except (KeyError, TypeError, ValueError, KioskError):
        raise ConnectionDamaged() from None
