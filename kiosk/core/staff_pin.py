"""A short staff PIN to return from the quick-hide or idle-lock screen.

Only a salted PBKDF2 hash is kept (in the encrypted store's settings); the PIN itself is never
stored. The store passphrase always works as well.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

ITERATIONS = 200_000
MIN_PIN_LENGTH = 4


def pin_problem(pin: str) -> str | None:
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        return f"a PIN is at least {MIN_PIN_LENGTH} digits"
    return None


def hash_pin(pin: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, ITERATIONS)
    return {"salt": salt.hex(), "hash": digest.hex(), "iterations": ITERATIONS}


def check_pin(pin: str, record: dict[str, Any] | None) -> bool:
    if not record or not pin:
        return False
    try:
        salt = bytes.fromhex(record["salt"])
        expected = bytes.fromhex(record["hash"])
        iterations = int(record["iterations"])
    except (KeyError, TypeError, ValueError):
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)
