"""Talking to ODK Central over OpenRosa: the form list, a form, and submissions.

Only the configured server is ever contacted: every request goes to the link's own host and
port (the server's `downloadUrl`s are not followed), with no proxy. Each problem becomes a
`ServerProblem` with plain words and whether trying again later may help; no message holds the
token or anything from a record.

Central's answers (docs/api.yaml, OpenRosa submission): 201 created — also for a repeat of the
same instanceID with identical XML; 409 for the same instanceID with different XML, or when the
form no longer accepts submissions; 401/403 for a token that is not (or no longer) valid; 404
when the project or form is gone.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import time
from dataclasses import dataclass
from email.utils import formatdate
from enum import StrEnum
from functools import lru_cache
from xml.etree import ElementTree

from kiosk.core.errors import KioskError
from kiosk.core.localizer import ui_text
from kiosk.core.odk.link import ServerLink

USER_AGENT = "Lantern/0.1 (OpenRosa client)"
OPENROSA_RESPONSE_NS = "{http://openrosa.org/http/response}"


class Problem(StrEnum):
    OFFLINE = "offline"
    TIMEOUT = "timeout"
    DROPPED = "dropped"
    TOKEN = "token"
    FORM_CLOSED = "form_closed"
    FORM_MISSING = "form_missing"
    SERVER_FULL = "server_full"
    SERVER_ERROR = "server_error"
    REFUSED = "refused"  # this one record, for good (conflict, too large, malformed)
    TLS = "tls"


MESSAGES = {
    Problem.OFFLINE: ui_text(
        "The server cannot be reached. Check the internet connection; "
        "nothing was lost and sending can be tried again later."
    ),
    Problem.TIMEOUT: ui_text(
        "The server did not answer in time. Nothing was lost; try again later."
    ),
    Problem.DROPPED: ui_text(
        "The connection dropped while sending. Nothing was lost; try again later."
    ),
    Problem.TOKEN: ui_text(
        "The server did not accept this kiosk's access link (it may have been revoked). "
        "Ask the Central administrator for a new app-user link and connect again."
    ),
    Problem.FORM_CLOSED: ui_text(
        "The referral form on the server is closed or withdrawn and does not "
        "accept referrals. Ask the Central administrator to open it again."
    ),
    Problem.FORM_MISSING: ui_text(
        "The referral form or project is no longer on the server. Ask the "
        "Central administrator to publish it again, then connect again."
    ),
    Problem.SERVER_FULL: ui_text(
        "The server has no room to store referrals. Ask the Central "
        "administrator to free space; nothing was lost."
    ),
    Problem.SERVER_ERROR: ui_text("The server had a problem. Nothing was lost; try again later."),
    Problem.REFUSED: ui_text("The server refused one referral."),
    Problem.TLS: ui_text(
        "The server's certificate could not be checked, so nothing was sent. "
        "Ask the Central administrator."
    ),
}
RETRYABLE = frozenset(
    {Problem.OFFLINE, Problem.TIMEOUT, Problem.DROPPED, Problem.SERVER_ERROR, Problem.SERVER_FULL}
)


class ServerProblem(KioskError):
    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(MESSAGES[problem] + (f" ({detail})" if detail else ""))
        self.problem = problem

    @property
    def words(self) -> str:
        """The plain message without its English detail (a catalog key for the window)."""
        return MESSAGES[self.problem]

    @property
    def retryable(self) -> bool:
        return self.problem in RETRYABLE

    @property
    def stops_sending(self) -> bool:
        """Everything else would fail the same way: stop the run."""
        return self.problem != Problem.REFUSED


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


def _server_message(body: bytes) -> str:
    """The `<message>` of an OpenRosa response (Central's reason), for telling cases apart."""
    try:
        root = ElementTree.fromstring(body)  # noqa: S314 - small response of the configured server
    except ElementTree.ParseError:
        return ""
    found = root.find(f"{OPENROSA_RESPONSE_NS}message")
    return (found.text or "").strip() if found is not None else ""


def classify(status: int, body: bytes) -> ServerProblem | None:
    """None for success; else what went wrong, in the user's words."""
    if status in (200, 201, 202):
        return None
    message = _server_message(body).lower()
    if status in (401, 403):
        return ServerProblem(Problem.TOKEN)
    if status == 404:
        if "update an existing submission" in message:
            return ServerProblem(Problem.REFUSED, "the earlier version is no longer on the server")
        return ServerProblem(Problem.FORM_MISSING)
    if status == 409:
        if "not currently accepting" in message:
            return ServerProblem(Problem.FORM_CLOSED)
        if "deleted" in message:
            return ServerProblem(Problem.REFUSED, "it was deleted on the server")
        return ServerProblem(Problem.REFUSED, "a different record with the same id is there")
    if status == 413:
        return ServerProblem(Problem.REFUSED, "it is too large for the server")
    if status == 507:
        return ServerProblem(Problem.SERVER_FULL)
    if 500 <= status < 600:
        return ServerProblem(Problem.SERVER_ERROR, f"HTTP {status}")
    return ServerProblem(Problem.REFUSED, f"HTTP {status}")


@lru_cache(maxsize=1)
def _date_of(second: int) -> str:
    return formatdate(second, usegmt=True)


def http_date() -> str:
    """The Date header OpenRosa asks for; formatted once per second, not once per record."""
    return _date_of(int(time.time()))


class CentralClient:
    """One persistent connection to the configured server (re-opened after a failure)."""

    def __init__(self, link: ServerLink, timeout: float = 30.0) -> None:
        self.link = link
        self.timeout = timeout
        self._api_path = link.api_path  # quoted once, not per request
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self.link.scheme == "https":
                self._connection = http.client.HTTPSConnection(
                    self.link.host,
                    self.link.port,
                    timeout=self.timeout,
                    context=ssl.create_default_context(),
                )
            else:
                self._connection = http.client.HTTPConnection(
                    self.link.host, self.link.port, timeout=self.timeout
                )
        return self._connection

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        all_headers = {
            "X-OpenRosa-Version": "1.0",
            "Date": http_date(),
            "User-Agent": USER_AGENT,
            **(headers or {}),
        }
        try:
            connection = self._connect()
            connection.request(method, self._api_path + path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            if response.will_close:  # the server said `Connection: close`
                self.close()
            return Response(response.status, data)
        except ssl.SSLCertVerificationError:
            self.close()
            raise ServerProblem(Problem.TLS) from None
        except TimeoutError:
            self.close()
            raise ServerProblem(Problem.TIMEOUT) from None
        except (ConnectionRefusedError, socket.gaierror):
            self.close()
            raise ServerProblem(Problem.OFFLINE) from None
        except (http.client.HTTPException, ConnectionError, ssl.SSLError):
            self.close()
            raise ServerProblem(Problem.DROPPED) from None
        except OSError:
            self.close()
            raise ServerProblem(Problem.OFFLINE) from None

    def get(self, path: str) -> bytes:
        response = self.request("GET", path)
        problem = classify(response.status, response.body)
        if problem is not None:
            if problem.problem == Problem.REFUSED:
                raise ServerProblem(Problem.FORM_MISSING) from None
            raise problem
        return response.body

    def submit(self, manifest: bytes, files: list[tuple[str, bytes]]) -> Response:
        """POST one record (the manifest as `xml_submission_file`, then each file)."""
        boundary = new_boundary()
        body = multipart(boundary, manifest, files)
        return self.request(
            "POST",
            "/submission",
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def new_boundary() -> str:
    """A fresh random multipart boundary (it cannot occur in the ciphertext by chance)."""
    return "lantern-" + os.urandom(12).hex()


def multipart(boundary: str, manifest: bytes, files: list[tuple[str, bytes]]) -> bytes:
    """The multipart/form-data body: the manifest as `xml_submission_file`, then each file
    (joined once: a record's ciphertext is copied into the body, not into a part first)."""
    pieces = [
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode("ascii"),
        manifest,
    ]
    for name, data in files:
        pieces.append(
            (
                f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode("ascii")
        )
        pieces.append(data)
    pieces.append(f"\r\n--{boundary}--\r\n".encode("ascii"))
    return b"".join(pieces)
