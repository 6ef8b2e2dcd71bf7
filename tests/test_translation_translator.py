"""Translating through the real argos code path with a tiny deterministic model."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.translation import TranslationUnavailable, Translator, models
from tests.fixtures.tiny_argos import TinyFactory, run_fresh_python


def leet(char: str) -> str:
    return {"A": "4", "E": "3", "O": "0"}.get(char, char)


@pytest.fixture
def translator(tiny_argos_model: Path) -> Translator:
    models.install_model(tiny_argos_model)
    return Translator()


def test_translates_exactly(translator: Translator) -> None:
    assert translator.translate("hello world.", "en", "xx") == "HELLO WORLD."


def test_several_sentences_and_paragraphs(translator: Translator) -> None:
    text = "Where do you live? I live here. Dr. Smith helps.\n\nÇa va bien!"
    assert translator.translate(text, "en", "xx") == (
        "WHERE DO YOU LIVE? I LIVE HERE. DR. SMITH HELPS.\n\nÇA VA BIEN!"
    )


def test_characters_unknown_to_the_model_are_kept(translator: Translator) -> None:
    assert translator.translate("ok 你好", "en", "xx") == "OK 你好"


def test_argos_package_and_a_real_ctranslate2_engine(translator: Translator) -> None:
    """argos reads the package (tokenizer, target prefix); the CTranslate2 call is Lantern's own,
    with limits that grow with the input (argos' call used the fixed defaults)."""
    import argostranslate.package
    import ctranslate2

    translator.translate("abc", "en", "xx")
    (loaded,) = translator._loaded.values()
    assert isinstance(loaded.package, argostranslate.package.Package)
    assert isinstance(loaded.engine, ctranslate2.Translator)


def test_same_language_and_blank_text_are_returned_unchanged(translator: Translator) -> None:
    assert translator.translate("hello", "en", "en") == "hello"
    assert translator.translate("  ", "en", "xx") == "  "
    assert translator.loaded_pairs() == []  # nothing needed loading


def test_missing_pair_is_a_clear_error(translator: Translator) -> None:
    with pytest.raises(TranslationUnavailable, match="en → fr") as raised:
        translator.translate("hello", "en", "fr")
    assert "kiosk models install" in raised.value.message


def test_available_pairs_and_route(tiny_argos_factory: TinyFactory) -> None:
    models.install_model(tiny_argos_factory("en", "xx"))
    models.install_model(tiny_argos_factory("xx", "yy", leet))
    translator = Translator(pivots=["xx"])

    assert translator.available_pairs() == [("en", "xx"), ("xx", "yy")]
    assert translator.route("en", "yy") == [("en", "xx"), ("xx", "yy")]
    assert translator.route("yy", "en") is None
    assert translator.can_translate("en", "yy")
    assert not translator.can_translate("yy", "en")


def test_pivot_translation(tiny_argos_factory: TinyFactory) -> None:
    models.install_model(tiny_argos_factory("en", "xx"))
    models.install_model(tiny_argos_factory("xx", "yy", leet))
    assert Translator().translate("hello", "en", "yy") == "H3LL0"


def test_results_are_cached_and_models_loaded_once(
    translator: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argostranslate.package

    calls: list[str] = []
    original = Translator._run

    def counting(self, loaded, text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return original(self, loaded, text)

    monkeypatch.setattr(Translator, "_run", counting)
    loads: list[str] = []
    real_package = argostranslate.package.Package
    monkeypatch.setattr(
        argostranslate.package, "Package", lambda path: loads.append(path) or real_package(path)
    )

    assert translator.translate("one.", "en", "xx") == "ONE."
    assert translator.translate("one.", "en", "xx") == "ONE."
    assert translator.translate("two.", "en", "xx") == "TWO."
    assert calls == ["one.", "two."]
    assert len(loads) == 1
    assert translator.cache_size() == 2

    translator.clear_cache()
    assert translator.cache_size() == 0
    assert translator.translate("one.", "en", "xx") == "ONE."
    assert calls == ["one.", "two.", "one."]


def test_cache_is_bounded(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    translator = Translator(cache_size=2)
    for word in ("a", "b", "c"):
        translator.translate(word, "en", "xx")
    assert translator.cache_size() == 2


def test_warm_loads_all_installed_models(tiny_argos_factory: TinyFactory) -> None:
    models.install_model(tiny_argos_factory("en", "xx"))
    models.install_model(tiny_argos_factory("xx", "yy", leet))
    translator = Translator()
    assert translator.warm() == [("en", "xx"), ("xx", "yy")]
    assert translator.loaded_pairs() == [("en", "xx"), ("xx", "yy")]
    assert translator.cache_size() == 0  # the warm-up text is not cached


def test_warm_skips_a_broken_model(
    translator: Translator, caplog: pytest.LogCaptureFixture
) -> None:
    installed = models.find_model("en", "xx")
    assert installed is not None
    (installed.path / "model" / "model.bin").write_bytes(b"broken")
    assert translator.warm() == []
    assert "en -> xx not ready" in caplog.text


def test_removed_model_is_not_used(translator: Translator) -> None:
    assert translator.translate("a", "en", "xx") == "A"
    models.remove_model("en", "xx")
    with pytest.raises(TranslationUnavailable):
        translator.translate("b", "en", "xx")


def test_logs_never_contain_the_text(
    translator: Translator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "my boss took my passport."
    assert translator.translate(secret, "en", "xx") == secret.upper()
    text = caplog.text.lower()
    assert "passport" not in text
    assert "boss" not in text


def test_cli_translate(translator: Translator, capsys: pytest.CaptureFixture) -> None:
    assert main(["translate", "--from", "en", "--to", "xx", "Good morning."]) == 0
    assert capsys.readouterr().out == "GOOD MORNING.\n"

    assert main(["translate", "--from", "en", "--to", "xx", "--json", "hi"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record == {
        "from": "en",
        "to": "xx",
        "original": "hi",
        "text": "HI",
        "machine": True,
        "complete": True,
        "untranslated": [],
    }


def test_cli_translate_reads_stdin(
    translator: Translator, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("from stdin."))
    assert main(["translate", "--from", "en", "--to", "xx", "-"]) == 0
    assert capsys.readouterr().out == "FROM STDIN.\n"


def test_cli_translate_without_model(capsys: pytest.CaptureFixture) -> None:
    assert main(["translate", "--from", "en", "--to", "fr", "hello"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk: No translation model is installed for en → fr.")
    assert err.count("\n") == 1


def test_argos_folders_live_in_kiosk_home_fresh_process(
    tiny_argos_model: Path, tmp_path: Path
) -> None:
    """In a fresh process argos creates its folders under KIOSK_HOME, none under HOME."""
    home = tmp_path / "user-home"
    home.mkdir()
    kiosk_home = tmp_path / "fresh-kiosk-home"
    script = (
        "import json, os, sys\n"
        "from pathlib import Path\n"
        "from kiosk.core.translation import Translator, models\n"
        f"models.install_model(Path({str(tiny_argos_model)!r}))\n"
        "out = Translator().translate('hi there.', 'en', 'xx')\n"
        "import argostranslate.settings as s\n"
        "print(json.dumps({'out': out, 'dirs': [str(s.data_dir), str(s.config_dir), "
        "str(s.cache_dir), str(s.package_data_dir)], 'provider': s.model_provider.name, "
        "'env_restored': os.environ.get('XDG_DATA_HOME') is None}))\n"
    )
    done = run_fresh_python(
        script, home=home, kiosk_home=kiosk_home, ARGOS_MODEL_PROVIDER="LIBRETRANSLATE"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["out"] == "HI THERE."
    assert report["provider"] == "OPENNMT"  # a user's LIBRETRANSLATE setting is overridden
    assert report["env_restored"]
    for folder in report["dirs"]:
        assert Path(folder).is_relative_to(kiosk_home), folder
    assert list(home.iterdir()) == []


def test_importing_the_layer_and_commands_is_cheap() -> None:
    """Heavy libraries load only when a model is used (the CLI imports every command module)."""
    script = (
        "import sys\n"
        "import kiosk.core.translation, kiosk.commands.models, kiosk.commands.translate\n"
        "heavy = {'argostranslate', 'ctranslate2', 'sentencepiece', 'minisbd', 'onnxruntime'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_personal_text_never_enters_the_cache(tiny_argos_model: Path) -> None:
    from kiosk.core.translation import Translator, models

    models.install_model(tiny_argos_model)
    translator = Translator()
    assert translator.translate("my own words.", "en", "xx", personal=True) == "MY OWN WORDS."
    assert translator.cache_size() == 0
    assert translator.translate("fixed text.", "en", "xx") == "FIXED TEXT."
    assert translator.cache_size() == 1


def test_worker_passes_personal_through(tiny_argos_model: Path) -> None:
    from kiosk.core.translation import TranslationWorker, models

    models.install_model(tiny_argos_model)
    worker = TranslationWorker(synchronous=True)
    result = worker.submit("a name here.", "en", "xx", personal=True).result()
    assert result.text == "A NAME HERE."
    assert worker.translator.cache_size() == 0
