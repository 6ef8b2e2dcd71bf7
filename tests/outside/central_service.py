"""The ODK Central stand-in (tests/fixtures/central.py) as a service inside the network watch's
namespace: serves the referral form of FLOW on 127.0.0.1:PORT until killed.

Usage: python -m tests.outside.central_service FLOW PORT READY_FILE
"""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from kiosk.core.flow_loader import load_flow
from kiosk.core.odk.encryption import public_key_base64
from kiosk.core.odk.form import referral_form
from kiosk.core.odk.layout import form_id, form_version
from tests.fixtures.central import CentralState, _handler


def main(flow_file: str, port: str, ready_file: str) -> None:
    flow = load_flow(Path(flow_file))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    xml, _ = referral_form(flow, {})
    submission = (
        '<submission method="form-data-post" '
        f'base64RsaPublicKey="{public_key_base64(key.public_key())}"/>'
    )
    state = CentralState(
        form_id=form_id(flow),
        form_version=form_version(flow),
        form_xml=xml.replace("</model>", submission + "</model>", 1).encode(),
    )
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), _handler(state))
    server.daemon_threads = True
    Path(ready_file).write_text(port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main(*sys.argv[1:4])
