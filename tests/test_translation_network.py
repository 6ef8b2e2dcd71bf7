"""Translation and model installation never touch the network, not even a name lookup."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.translation import TranslationWorker, Translator, models
from tests.fixtures.tiny_argos import run_fresh_python


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(name)
            raise NetworkAttempt(f"network use attempted: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urlopen"))
    monkeypatch.setattr(urllib.request, "urlretrieve", refuse("urlretrieve"))

    # argos' and minisbd's own download entry points, in case they catch the errors above.
    import argostranslate.networking
    import argostranslate.package
    import minisbd.models

    monkeypatch.setattr(argostranslate.networking, "get", refuse("argos networking.get"))
    monkeypatch.setattr(
        argostranslate.package, "update_package_index", refuse("argos update_package_index")
    )
    monkeypatch.setattr(
        argostranslate.package.AvailablePackage, "download", refuse("argos download")
    )
    monkeypatch.setattr(minisbd.models, "download_models", refuse("minisbd download"))
    return attempts


def test_install_translate_and_warm_without_network(
    no_network: list[str], tiny_argos_model: Path, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(NetworkAttempt):  # the blocker itself works
        socket.create_connection(("example.org", 80))
    no_network.clear()

    assert main(["models", "install", str(tiny_argos_model)]) == 0
    assert main(["models", "list"]) == 0
    assert main(["translate", "--from", "en", "--to", "xx", "no network."]) == 0
    assert capsys.readouterr().out.endswith("NO NETWORK.\n")

    worker = TranslationWorker(Translator())
    try:
        assert worker.warm().result(timeout=30) == [("en", "xx")]
        assert worker.submit("still none.", "en", "xx").result(timeout=30).text == "STILL NONE."
    finally:
        worker.shutdown()
    assert models.remove_model("en", "xx").pair == ("en", "xx")
    assert no_network == []


def test_missing_pair_does_not_go_looking_online(no_network: list[str]) -> None:
    assert main(["translate", "--from", "en", "--to", "fr", "hello"]) == 1
    assert no_network == []


BLOCKER = """
import socket, sys, urllib.request
attempts = []
def refuse(name):
    def blocked(*a, **k):
        attempts.append(name)
        raise OSError("network blocked: " + name)
    return blocked
socket.socket.connect = refuse("connect")
socket.socket.connect_ex = refuse("connect_ex")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")
urllib.request.urlopen = refuse("urlopen")
urllib.request.urlretrieve = refuse("urlretrieve")
"""


def test_fresh_process_with_hostile_argos_settings_stays_offline(
    tiny_argos_model: Path, tmp_path: Path
) -> None:
    """From interpreter start (so argos' import is covered too), with user settings that would
    send text online, download a splitter, or print texts, nothing reaches the network."""
    home = tmp_path / "home"
    home.mkdir()
    script = BLOCKER + (
        "import json\n"
        "from kiosk.cli import main\n"
        f"rc1 = main(['models', 'install', {str(tiny_argos_model)!r}])\n"
        "rc2 = main(['translate', '--from', 'en', '--to', 'xx', 'quiet words.'])\n"
        "print(json.dumps({'rc': [rc1, rc2], 'attempts': attempts}))\n"
    )
    done = run_fresh_python(
        script,
        home=home,
        kiosk_home=tmp_path / "kiosk",
        ARGOS_MODEL_PROVIDER="LIBRETRANSLATE",
        ARGOS_CHUNK_TYPE="SPACY",
        ARGOS_DEBUG="1",
        ARGOS_PACKAGE_INDEX="https://example.org/",
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr
    report = json.loads(lines[-1])
    assert report == {"rc": [0, 0], "attempts": []}
    assert "QUIET WORDS." in lines
    # argos' debug mode would have printed the input; it must appear nowhere else.
    assert "quiet words" not in done.stdout + done.stderr
