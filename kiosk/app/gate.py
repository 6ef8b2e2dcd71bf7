"""The staff gate's check: the staff passphrase or PIN, with a growing wait after wrong tries.

Checking a passphrase derives the store key (slow on purpose), so the window runs
`staff_secret_matches` off the GUI thread and tells the session `StaffVerified` when it matched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.core.store_errors import WrongPassphrase

# Seconds to wait before the next try, after this many wrong tries in a row.
FAILURE_DELAYS = (0, 0, 2, 4, 8, 15, 30)


def staff_secret_matches(store_path: Path, secret: str, pin_record: Any) -> bool:
    """True for the staff PIN (when one is set) or the store's passphrase."""
    # Loaded here, off the GUI thread: hashing modules are not needed to paint the unlock screen.
    from kiosk.core.staff_pin import check_pin

    if check_pin(secret, pin_record):
        return True
    from kiosk.core.store import Store  # the lock screen is drawn before the store is loaded

    try:
        Store.open(store_path, secret).close()
    except WrongPassphrase:
        return False
    return True


class WrongTries:
    """Counts wrong passphrases or PINs in a row; each one waits a little longer."""

    def __init__(self) -> None:
        self.count = 0

    def failed(self) -> int:
        """Count one more wrong try; returns the seconds to wait before the next."""
        self.count += 1
        return self.delay()

    def delay(self) -> int:
        return FAILURE_DELAYS[min(self.count, len(FAILURE_DELAYS) - 1)]

    def reset(self) -> None:
        self.count = 0
