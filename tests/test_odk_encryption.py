"""ODK's encrypted-submission format, checked against a record made by real ODK software.

The vectors (../shared/odk-central, from Central's test suite; the record made by ODK Collect
v1.22.4) verify the decryption path; every record Lantern encrypts is then opened through that
same path, and its signature checked.
"""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization

from kiosk.core.odk.encryption import (
    EncryptionError,
    decrypt_file,
    decrypt_record,
    encrypt_record,
    file_ivs,
    load_public_key,
    parse_manifest,
    public_key_base64,
    unwrap,
)
from tests.fixtures.odk import shared_vectors


def _collect_key():
    folder, vectors = shared_vectors()
    private = serialization.load_pem_private_key(
        (folder / vectors["private_key_file"]).read_bytes(), None
    )
    return folder, vectors, private


def test_collect_key_unwraps_to_its_aes_key() -> None:
    _, vectors, private = _collect_key()
    case = vectors["key_unwrap"]
    assert unwrap(private, case["encrypted_aes_key_b64"]) == base64.b64decode(case["aes_key_b64"])


def test_ivs_match_odk_for_every_listed_file_index() -> None:
    _, vectors, _ = _collect_key()
    case = vectors["ivs"]
    wanted = {int(index): iv for index, iv in case["iv_hex_by_file_index"].items()}
    ivs = file_ivs(case["instance_id"], base64.b64decode(case["aes_key_b64"]), max(wanted) + 1)
    assert {index: ivs[index].hex() for index in wanted} == wanted


def test_collect_record_decrypts_to_exactly_its_plaintext() -> None:
    _, vectors, private = _collect_key()
    record = vectors["record"]
    key = unwrap(private, record["encrypted_aes_key_b64"])
    index = record["submission_xml_file_index"]
    iv = file_ivs(record["instance_id"], key, index + 1)[index]
    plain = decrypt_file(base64.b64decode(record["ciphertext_b64"]), key, iv)
    assert plain.decode("utf-8") == record["plaintext"]


def test_a_wrong_private_key_is_refused_plainly(project_key) -> None:
    _, vectors, _ = _collect_key()
    with pytest.raises(EncryptionError, match="does not open"):
        unwrap(project_key, vectors["key_unwrap"]["encrypted_aes_key_b64"])


def _public(key):
    return load_public_key(public_key_base64(key.public_key()))


XML = (
    '<data id="lantern_demo" version="1.1"><answers><t><value>ខ្ញុំធ្វើការ &amp; ok</value>'
    "</t></answers><meta><instanceID>uuid:1</instanceID></meta></data>"
).encode()


def _lantern_record(key, instance_id: str = "uuid:1", **extra):  # type: ignore[no-untyped-def]
    return encrypt_record(
        XML,
        form_id="lantern_demo",
        form_version="1.1",
        instance_id=instance_id,
        public_key=_public(key),
        **extra,
    )


def test_lantern_record_opens_through_the_verified_path_with_a_valid_signature(
    project_key,
) -> None:
    record = _lantern_record(project_key)
    assert XML not in record.files[0].data and "ខ្ញុំ".encode() not in record.manifest
    opened = decrypt_record(record.manifest, {f.name: f.data for f in record.files}, project_key)
    assert opened.submission_xml == XML
    assert opened.signature_checked
    assert opened.manifest.instance_id == "uuid:1"


def test_collect_vectors_key_encrypts_a_lantern_record_it_can_open() -> None:
    folder, vectors, private = _collect_key()
    public = serialization.load_pem_public_key((folder / vectors["public_key_file"]).read_bytes())
    record = encrypt_record(
        XML,
        form_id="encrypted",
        form_version="working3",
        instance_id="uuid:1",
        public_key=load_public_key(public_key_base64(public)),
    )
    opened = decrypt_record(record.manifest, {f.name: f.data for f in record.files}, private)
    assert opened.submission_xml == XML and opened.signature_checked


def test_edit_manifest_carries_deprecated_id(project_key) -> None:
    record = _lantern_record(project_key, "uuid:2", deprecated_id="uuid:1")
    manifest = parse_manifest(record.manifest)
    assert (manifest.instance_id, manifest.deprecated_id) == ("uuid:2", "uuid:1")
    assert manifest.encrypted_xml_file == "submission.xml.enc" and manifest.media == ()


def test_tampered_record_fails_its_signature(project_key) -> None:
    record = _lantern_record(project_key)
    swapped = record.manifest.replace(b'version="1.1"', b'version="1.2"')
    with pytest.raises(EncryptionError, match="signature"):
        decrypt_record(swapped, {f.name: f.data for f in record.files}, project_key)


def test_unusable_public_key_is_refused() -> None:
    with pytest.raises(EncryptionError):
        load_public_key("bm90IGEga2V5")
