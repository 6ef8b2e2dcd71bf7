"""`kiosk speak` and `kiosk voices` through the real dispatcher."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.speech.prompts import PromptStore
from tests.fixtures.speech import FIFTEEN_WORDS, espeak_wav, needs_espeak, needs_sox, sox_stats

pytestmark = [needs_espeak, needs_sox]


def test_speak_writes_a_wav_of_the_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.wav"
    assert main(["speak", "--lang", "en", FIFTEEN_WORDS, "-o", str(out)]) == 0
    stats = sox_stats(out.read_bytes())
    assert 2.0 <= stats.duration <= 10.0 and stats.rms > 0.02
    assert "synthetic voice gmw/en" in capsys.readouterr().out


def test_speak_rate_and_volume_options(tmp_path: Path) -> None:
    normal, fast = tmp_path / "n.wav", tmp_path / "f.wav"
    assert main(["speak", "--lang", "en", FIFTEEN_WORDS, "-o", str(normal)]) == 0
    args = ["--rate", "300", "--volume", "0.3"]
    assert main(["speak", "--lang", "en", FIFTEEN_WORDS, "-o", str(fast), *args]) == 0
    a, b = sox_stats(normal.read_bytes()), sox_stats(fast.read_bytes())
    assert b.duration < a.duration * 0.7 and b.rms < a.rms * 0.5


def test_speak_reads_text_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Kamu aman di sini."))
    out = tmp_path / "id.wav"
    assert main(["speak", "--lang", "id", "-", "-o", str(out)]) == 0
    assert sox_stats(out.read_bytes()).duration > 0.8


def test_speak_khmer_says_plainly_there_is_no_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "km.wav"
    assert main(["speak", "--lang", "km", "សួស្តី", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == "kiosk: Khmer has no synthetic voice and no recording for this text.\n"
    assert not out.exists()


def test_speak_khmer_uses_a_recording_of_that_text(tmp_path: Path, kiosk_home: Path) -> None:
    human = espeak_wav("stand in recording")
    PromptStore().save_prompt("km", "greeting", "សួស្តី", human)
    out = tmp_path / "km.wav"
    assert main(["speak", "--lang", "km", "សួស្តី", "-o", str(out)]) == 0
    assert out.read_bytes() == human


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "xx", "hello"], "kiosk: unknown language 'xx'; supported: en, id, ms"),
        (["--lang", "en", "   "], "kiosk: there is no text to speak"),
        (["--lang", "en", "hi", "--rate", "5"], "kiosk: speed must be between 80 and 450"),
        (["--lang", "en", "hi", "--volume", "9"], "kiosk: volume must be between 0.0 and 2.0"),
    ],
)
def test_speak_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert main(["speak", *args, "-o", str(tmp_path / "x.wav")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1
    assert "Traceback" not in err


def test_speak_unwritable_output_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "x.wav"
    assert main(["speak", "--lang", "en", "hello", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == f"kiosk: {target}: cannot be written: the folder {target.parent} does not exist\n"


def test_voices_table_and_plain_no_voice_warnings(
    capsys: pytest.CaptureFixture[str], kiosk_home: Path
) -> None:
    PromptStore().save_prompt("lo", "greeting", "ສະບາຍດີ", espeak_wav("x"))
    assert main(["voices"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line[:1].islower()}
    assert set(rows) >= {"en", "id", "ms", "th", "vi", "km", "my", "lo", "fil", "zh", "bn", "ar"}
    assert "gmw/en" in rows["en"] and "sit/cmn" in rows["zh"]
    assert rows["km"].split()[2] == "none" and rows["km"].rstrip().endswith("0")
    assert rows["lo"].rstrip().endswith("1")
    assert "NO VOICE: km: Khmer has no synthetic voice and no recorded prompts" in out
    assert "NO VOICE: fil: Filipino" in out
    assert "NO VOICE: lo" not in out  # Lao has a recording now
    assert "note: lo: Lao has no synthetic voice: only recorded prompts" in out
