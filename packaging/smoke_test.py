# ruff: noqa: T201  (a script: it reports by printing)
"""Smoke test of a built Lantern bundle: run it as staff would, then look for leftovers.

Usage: .venv/bin/python packaging/smoke_test.py [dist/lantern]

Runs the bundle's own program (never the checkout's code) in a throw-away data folder: validate,
store init/list, a headless interview on the bundled flow, a Khmer rights summary (fonts checked
with pdffonts), importing a tiny translation model and a recorded prompt from a "USB" folder,
translate, languages, and the window offscreen. Then checks the bundle holds no tests, caches or
compiled modules whose source is gone. Prints bundle size and cold-start times; exit 1 on failure.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = """\
language: km
steps:
  - {answer: [private_room, accompanying_person_absent, interpreter_independent], at: safety_check}
  - continue
  - {answer: 'yes', at: understand_language}
  - break
  - end_break
  - {stop: tired}
"""
# Sources shipped as text for `kiosk validate` (see lantern.spec); nothing else may be .py.
SHIPPED_SOURCES = ("kiosk/ui", "kiosk/core/documents")
FORBIDDEN_MODULES = ("tests", "pytest", "_pytest", "pytestqt", "mypy", "torch", "tkinter")


class Failed(Exception):
    pass


class Smoke:
    def __init__(self, bundle: Path, work: Path) -> None:
        self.bundle = bundle
        self.program = bundle / ("lantern.exe" if os.name == "nt" else "lantern")
        self.work = work
        self.home = work / "home"
        self.env = {
            **os.environ,
            "KIOSK_HOME": str(self.home),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.env.pop("KIOSK_PASSPHRASE", None)
        self.results: list[tuple[str, bool, str]] = []

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.program), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if "Traceback" in done.stderr:
            raise Failed(f"{' '.join(args)}: traceback on stderr:\n{done.stderr[-2000:]}")
        if ok and done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip())[-800:]
            raise Failed(f"{' '.join(args)}: exit {done.returncode}: {said}")
        return done

    def check(self, name: str, step: object) -> None:
        started = time.perf_counter()
        try:
            detail = step() if callable(step) else ""  # type: ignore[operator]
            ok = True
        except (Failed, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
            detail, ok = str(error), False
        elapsed = time.perf_counter() - started
        self.results.append((name, ok, f"{detail or ''} ({elapsed:.1f}s)".strip()))
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {self.results[-1][2]}", flush=True)

    # -- steps ------------------------------------------------------------------------------

    def validate(self) -> str:
        return self.run("validate").stdout.strip().splitlines()[-1]

    def store(self) -> str:
        passfile = self.work / "passphrase"
        passfile.write_text("correct horse battery staple lantern\n", encoding="utf-8")
        passfile.chmod(0o600)
        self.run("store", "init", "--passphrase-file", str(passfile))
        listing = self.run("store", "list", "--passphrase-file", str(passfile)).stdout
        self.run("store", "verify", "--passphrase-file", str(passfile))
        if os.name == "posix":
            for path, wanted in ((self.home, 0o700), (self.home / "lantern.db", 0o600)):
                mode = stat.S_IMODE(path.stat().st_mode)
                if mode & 0o077:
                    raise Failed(f"{path.name} is {oct(mode)}, wanted {oct(wanted)}")
        return f"store created, private; list: {listing.strip()[:60]!r}"

    def simulate(self) -> str:
        answers = self.work / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        flow = self.bundle / "_internal" / "flows" / "identification.yaml"
        out = self.run("simulate", str(flow), "--answers", str(answers), "--json").stdout
        result = json.loads(out)
        if result["status"] != "stopped" or result["language"] != "km":
            raise Failed(f"unexpected final state: {result['status']} / {result['language']}")
        return f"status {result['status']}, path {' > '.join(result['path'])}"

    def rights_summary(self) -> str:
        pdf = self.work / "rights-km.pdf"
        self.run("rights-summary", "--lang", "km", "-o", str(pdf))
        fonts = _tool("pdffonts", str(pdf))
        info = _tool("pdfinfo", str(pdf))
        if fonts is None or info is None:
            return f"{pdf.stat().st_size} bytes (poppler-utils absent: fonts not inspected)"
        if "khmer" not in fonts.lower():
            raise Failed(f"no Khmer font in the PDF:\n{fonts}")
        rows = [line.split() for line in fonts.splitlines()[2:]]
        if any(row[-5] != "yes" for row in rows if len(row) >= 5):  # the "emb" column
            raise Failed(f"a font is not embedded:\n{fonts}")
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        return f"{pages} page(s), {len(rows)} embedded font(s) incl. Khmer"

    def import_folder(self) -> str:
        usb = self.work / "usb"
        usb.mkdir()
        sys.path.insert(0, str(ROOT))
        from tests.fixtures.tiny_argos import build_tiny_argos  # the checkout's test fixture

        build_tiny_argos(usb / "translate-en_xx.argosmodel")
        (usb / "broken.argosmodel").write_bytes(b"not a zip file")
        out = self.run("import", str(usb), ok=False)
        if out.returncode != 1 or "broken.argosmodel" not in out.stdout + out.stderr:
            raise Failed(f"import should install one model and refuse one: {out.stdout}")
        models = self.run("models", "list").stdout
        if "en" not in models or "xx" not in models:
            raise Failed(f"installed model not listed: {models!r}")
        text = self.run("translate", "--from", "en", "--to", "xx", "hello world.").stdout
        if text.strip() != "HELLO WORLD.":
            raise Failed(f"translation through the bundle gave {text.strip()!r}")
        return "model installed and translating, damaged model refused"

    def languages(self) -> str:
        out = self.run("languages").stdout
        if "km" not in out or "Khmer" not in out:
            raise Failed(f"languages table lacks Khmer:\n{out}")
        return f"{len(out.splitlines())} lines"

    def speak(self) -> str:
        if shutil.which("espeak-ng") is None:
            return "espeak-ng not installed: skipped"
        wav = self.work / "hello.wav"
        self.run("speak", "--lang", "en", "Hello.", "-o", str(wav))
        if wav.read_bytes()[:4] != b"RIFF":
            raise Failed("speak did not write a WAV file")
        return f"{wav.stat().st_size} bytes of WAV"

    def window(self, seconds: float = 6.0) -> str:
        process = subprocess.Popen(
            [str(self.program)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(seconds)
        running = process.poll() is None
        process.send_signal(signal.SIGTERM) if os.name == "posix" else process.terminate()
        try:
            _, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        if not running:
            raise Failed(f"the window exited early ({process.returncode}): {err[-800:]}")
        if "Traceback" in err:
            raise Failed(f"traceback from the window:\n{err[-2000:]}")
        return f"still running after {seconds:.0f}s offscreen"

    def leftovers(self) -> str:
        internal = self.bundle / "_internal"
        problems = []
        for path in self.bundle.rglob("*"):
            rel = path.relative_to(self.bundle).as_posix()
            if path.name in ("__pycache__", "tests", ".pytest_cache") and path.is_dir():
                problems.append(f"{rel}/")
            elif path.suffix in (".pyc", ".pyo"):
                problems.append(rel)
            elif path.suffix == ".py":
                inside = path.relative_to(internal).as_posix() if internal in path.parents else ""
                source = ROOT / inside
                shipped = inside.startswith(SHIPPED_SOURCES) and source.is_file()
                if not shipped:
                    problems.append(f"{rel} (no such source in kiosk/)")
        modules = _bundled_modules(self.program)
        for name in modules:
            top = name.split(".")[0]
            if top in FORBIDDEN_MODULES:
                problems.append(f"module {name}")
            elif top == "kiosk" and not _module_source(name):
                problems.append(f"module {name} (its source is gone)")
        if problems:
            raise Failed("development leftovers: " + ", ".join(sorted(problems)[:20]))
        kiosk = sum(1 for name in modules if name.split(".")[0] == "kiosk")
        return f"none ({len(modules)} modules, {kiosk} from kiosk, all with a source)"

    def cold_start(self) -> str:
        """Seconds until `--help` answers, and until the window is mapped (needs Xvfb)."""
        started = time.perf_counter()
        self.run("--help")
        cli = time.perf_counter() - started
        if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
            return f"command {cli:.2f}s, window not measured (Xvfb/xwininfo absent)"
        window = _window_start_time(self.program, self.env)
        if window is None:
            raise Failed("the window did not appear on Xvfb within 60 seconds")
        return f"command {cli:.2f}s, window shown after {window:.2f}s"


def _tool(name: str, *args: str) -> str | None:
    exe = shutil.which(name)
    if exe is None:
        return None
    return subprocess.run([exe, *args], capture_output=True, text=True, check=True).stdout


def _bundled_modules(program: Path) -> list[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(program))
    return sorted(archive.open_embedded_archive("PYZ.pyz").toc)


def _module_source(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _window_start_time(program: Path, env: dict[str, str]) -> float | None:
    xvfb, xwininfo = shutil.which("Xvfb"), shutil.which("xwininfo")
    assert xvfb is not None and xwininfo is not None
    display = f":{90 + os.getpid() % 100}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
    try:
        x_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        time.sleep(1.0)
        started = time.perf_counter()
        app = subprocess.Popen([str(program)], env=x_env, stderr=subprocess.DEVNULL)
        try:
            while time.perf_counter() - started < 60 and app.poll() is None:
                tree = subprocess.run(
                    [xwininfo, "-root", "-tree"], env=x_env, capture_output=True, text=True
                ).stdout
                if '"Lantern"' in tree and "1280x800" in tree:
                    return time.perf_counter() - started
                time.sleep(0.05)
            return None
        finally:
            app.terminate()
            app.wait(timeout=20)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: Sequence[str]) -> int:
    bundle = Path(argv[0] if argv else ROOT / "dist" / "lantern").resolve()
    if not (bundle / "lantern").is_file() and not (bundle / "lantern.exe").is_file():
        print(f"smoke test: no built bundle at {bundle} (run packaging/build.sh)")
        return 1
    with tempfile.TemporaryDirectory(prefix="lantern-smoke-") as work:
        smoke = Smoke(bundle, Path(work))
        for name in (
            "validate",
            "store",
            "simulate",
            "rights_summary",
            "import_folder",
            "languages",
            "speak",
            "window",
            "leftovers",
            "cold_start",
        ):
            smoke.check(name.replace("_", " "), getattr(smoke, name))
    failed = [name for name, ok, _ in smoke.results if not ok]
    print(f"bundle size: {_size(bundle) / 1e6:.0f} MB ({bundle})")
    print("smoke test: " + ("FAILED: " + ", ".join(failed) if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
