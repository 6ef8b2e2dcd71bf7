"""ODK's encrypted-submission format (getodk/xforms-spec, "Encryption"), both ways.

One record = a fresh AES-256 key; every file encrypted with AES-CFB (128-bit segments) and
PKCS#7 padding, its IV derived from MD5(instanceID + key) with one more byte bumped per file;
media first, submission.xml last; the key and an MD5 signature of the record wrapped with the
form's RSA public key (RSA-OAEP, SHA-256 for the hash and for MGF1). The manifest (`<data
encrypted="yes">`) is what the server sees as the submission; the server cannot read the record.

`decrypt_record` is the path tests verify against a record made by ODK Collect; every record
Lantern encrypts is checked through it in the tests.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.decrepit.ciphers.modes import CFB
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import MGF1, OAEP
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

from kiosk.core.errors import KioskError

SUBMISSIONS_NS = "http://opendatakit.org/submissions"
OPENROSA_NS = "http://openrosa.org/xforms"
SUBMISSION_XML = "submission.xml"
ENCRYPTED_SUFFIX = ".enc"
KEY_BYTES = 32
_OAEP = OAEP(mgf=MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class EncryptionError(KioskError):
    """A key or record that cannot be used (never carries record content)."""


@dataclass(frozen=True)
class MediaFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class EncryptedRecord:
    """What is posted: the manifest as `xml_submission_file`, then each encrypted file."""

    instance_id: str
    manifest: bytes
    files: tuple[MediaFile, ...]  # encrypted media in order, then submission.xml.enc


# ---------------------------------------------------------------- keys


def load_public_key(base64_der: str) -> rsa.RSAPublicKey:
    """The form's key as XForms carry it: base64 of the DER SubjectPublicKeyInfo."""
    try:
        key = serialization.load_der_public_key(base64.b64decode(base64_der, validate=False))
    except (ValueError, UnsupportedAlgorithm):
        raise EncryptionError("the form's public key cannot be read") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        raise EncryptionError("the form's public key is not an RSA key of 2048 bits or more")
    return key


def public_key_base64(key: rsa.RSAPublicKey) -> str:
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


def wrap(public_key: rsa.RSAPublicKey, data: bytes) -> str:
    return base64.b64encode(public_key.encrypt(data, _OAEP)).decode("ascii")


def unwrap(private_key: rsa.RSAPrivateKey, wrapped_b64: str) -> bytes:
    try:
        return private_key.decrypt(base64.b64decode(wrapped_b64), _OAEP)
    except ValueError:
        raise EncryptionError("the record's key does not open with this private key") from None


# ---------------------------------------------------------------- files


def file_ivs(instance_id: str, key: bytes, count: int) -> list[bytes]:
    """The IV of each file of a record, in encryption order (bumps are cumulative)."""
    seed = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())  # noqa: S324
    ivs = []
    for counter in range(count):
        index = counter % len(seed)
        seed[index] = (seed[index] + 1) % 256
        ivs.append(bytes(seed))
    return ivs


def encrypt_file(data: bytes, key: bytes, iv: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), CFB(iv)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def decrypt_file(data: bytes, key: bytes, iv: bytes) -> bytes:
    decryptor = Cipher(algorithms.AES(key), CFB(iv)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise EncryptionError("a file of the record does not decrypt with its key") from None


def _signature_source(
    form_id: str,
    form_version: str | None,
    wrapped_key: str,
    instance_id: str,
    plain_files: list[tuple[str, bytes]],
) -> bytes:
    lines = [form_id]
    if form_version:
        lines.append(form_version)
    lines += [wrapped_key, instance_id]
    lines += [f"{name}::{hashlib.md5(data).hexdigest()}" for name, data in plain_files]  # noqa: S324
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- records


def encrypt_record(
    submission_xml: bytes,
    *,
    form_id: str,
    form_version: str | None,
    instance_id: str,
    public_key: rsa.RSAPublicKey,
    deprecated_id: str | None = None,
    media: tuple[MediaFile, ...] = (),
    key: bytes | None = None,
) -> EncryptedRecord:
    """Encrypt one record for the form's key; `key` is only given to reproduce a record."""
    key = key or os.urandom(KEY_BYTES)
    plain = [(item.name, item.data) for item in media] + [(SUBMISSION_XML, submission_xml)]
    ivs = file_ivs(instance_id, key, len(plain))
    encrypted = tuple(
        MediaFile(name + ENCRYPTED_SUFFIX, encrypt_file(data, key, iv))
        for (name, data), iv in zip(plain, ivs, strict=True)
    )
    wrapped_key = wrap(public_key, key)
    digest = hashlib.md5(  # noqa: S324 - the format's signature is an MD5 wrapped with RSA
        _signature_source(form_id, form_version, wrapped_key, instance_id, plain)
    ).digest()
    signature = wrap(public_key, digest)
    version = f" version={quoteattr(form_version)}" if form_version else ""
    media_xml = "".join(
        f"<media><file>{escape(item.name)}</file></media>" for item in encrypted[:-1]
    )
    deprecated = f"<deprecatedID>{escape(deprecated_id)}</deprecatedID>" if deprecated_id else ""
    manifest = (
        "<?xml version='1.0' encoding='UTF-8' ?>"
        f'<data xmlns="{SUBMISSIONS_NS}" encrypted="yes" id={quoteattr(form_id)}{version}>'
        f"<base64EncryptedKey>{wrapped_key}</base64EncryptedKey>"
        f'<meta xmlns="{OPENROSA_NS}"><instanceID>{escape(instance_id)}</instanceID>'
        f"{deprecated}</meta>"
        f"{media_xml}"
        f"<encryptedXmlFile>{SUBMISSION_XML}{ENCRYPTED_SUFFIX}</encryptedXmlFile>"
        f"<base64EncryptedElementSignature>{signature}</base64EncryptedElementSignature>"
        "</data>"
    )
    return EncryptedRecord(instance_id, manifest.encode("utf-8"), encrypted)


@dataclass(frozen=True)
class Manifest:
    form_id: str
    form_version: str | None
    instance_id: str
    deprecated_id: str | None
    wrapped_key: str
    media: tuple[str, ...]
    encrypted_xml_file: str
    signature: str | None


def parse_manifest(manifest: bytes) -> Manifest:
    try:
        root = ElementTree.fromstring(manifest)  # noqa: S314 - our own or the server's bytes
    except ElementTree.ParseError:
        raise EncryptionError("the manifest is not well-formed XML") from None
    ns = {"s": SUBMISSIONS_NS, "o": OPENROSA_NS}

    def text(path: str) -> str | None:
        found = root.find(path, ns)
        return found.text if found is not None and found.text else None

    if root.get("encrypted") != "yes":
        raise EncryptionError("the manifest is not an encrypted record's manifest")
    instance_id = text("o:meta/o:instanceID")
    wrapped_key = text("s:base64EncryptedKey")
    xml_file = text("s:encryptedXmlFile")
    if not (root.get("id") and instance_id and wrapped_key and xml_file):
        raise EncryptionError("the manifest lacks its form id, instance id, key or file name")
    return Manifest(
        form_id=str(root.get("id")),
        form_version=root.get("version"),
        instance_id=instance_id,
        deprecated_id=text("o:meta/o:deprecatedID"),
        wrapped_key=wrapped_key,
        media=tuple(f.text or "" for f in root.findall("s:media/s:file", ns)),
        encrypted_xml_file=xml_file,
        signature=text("s:base64EncryptedElementSignature"),
    )


@dataclass(frozen=True)
class DecryptedRecord:
    manifest: Manifest
    submission_xml: bytes
    media: tuple[MediaFile, ...]
    signature_checked: bool


def decrypt_record(
    manifest: bytes, files: dict[str, bytes], private_key: rsa.RSAPrivateKey
) -> DecryptedRecord:
    """Open a record with the project's private key and check its signature when present."""
    info = parse_manifest(manifest)
    key = unwrap(private_key, info.wrapped_key)
    names = [*info.media, info.encrypted_xml_file]
    missing = [name for name in names if name not in files]
    if missing:
        raise EncryptionError(f"the record lacks {len(missing)} of its files")
    ivs = file_ivs(info.instance_id, key, len(names))
    plain = [
        (name.removesuffix(ENCRYPTED_SUFFIX), decrypt_file(files[name], key, iv))
        for name, iv in zip(names, ivs, strict=True)
    ]
    checked = False
    if info.signature is not None:
        expected = hashlib.md5(  # noqa: S324
            _signature_source(
                info.form_id, info.form_version, info.wrapped_key, info.instance_id, plain
            )
        ).digest()
        if unwrap(private_key, info.signature) != expected:
            raise EncryptionError("the record's signature does not match its content")
        checked = True
    return DecryptedRecord(
        manifest=info,
        submission_xml=plain[-1][1],
        media=tuple(MediaFile(name, data) for name, data in plain[:-1]),
        signature_checked=checked,
    )
