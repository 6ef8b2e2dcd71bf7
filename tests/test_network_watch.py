"""No network, from any code: every `kiosk` command, and the real window left running after an
interview, watched from outside the process (see tests/outside/netns.py).

Each command runs in a network namespace whose only resolver records every lookup, under
`strace -f` on connect() and sends. A lookup, a connection attempt to a non-local address, or a
loopback port the command has no reason to reach fails the test. The first test proves the watch
catches a native library phoning home (ONNX Runtime with its telemetry left on).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from tests.fixtures.core import PASSPHRASE
from tests.outside.disk import DATA_FOLDER_ALLOWED, walk
from tests.outside.netns import (
    REPO_ROOT,
    Command,
    Service,
    clean_environment,
    namespace_problem,
    run_watched,
)

RESOURCES = ("kiosk", "flows", "content", "translations", "audio", "art")


@pytest.fixture(scope="module")
def namespace_ready() -> None:
    problem = namespace_problem()
    if problem is not None:
        pytest.fail(f"the network watch cannot run: {problem}")


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    names = ("home", "kiosk", "tmp", "work", "out")
    made = {name: tmp_path / name for name in names}
    for folder in made.values():
        folder.mkdir()
    return made


def test_the_watch_catches_native_telemetry_and_direct_connections(
    namespace_ready: None, folders: dict[str, Path]
) -> None:
    """ONNX Runtime imported with its telemetry on (as argos' splitter did before Lantern turned
    it off) looks up Microsoft's collector within seconds; the watch must see that, and see a
    plain connect() and a multicast send that never needed a lookup."""
    env = clean_environment(folders["home"], folders["kiosk"], folders["tmp"])
    python = sys.executable
    connect = (
        "import socket\n"
        "try: socket.create_connection(('203.0.113.9', 443), timeout=1)\n"
        "except OSError: pass\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "try: s.sendto(b'x', ('224.0.0.251', 5353))\n"
        "except OSError: pass\n"
    )
    outcomes = run_watched(
        [
            Command(
                "telemetry on", [python, "-c", "import onnxruntime, time; time.sleep(14)"], env
            ),
            Command("direct", [python, "-c", connect], env),
        ],
        folders["out"],
    )
    telemetry, direct = (outcome.problems() for outcome in outcomes)
    assert any("mobile.events.data.microsoft.com" in p for p in telemetry), telemetry
    assert "direct: connect 203.0.113.9 port 443 (not local)" in direct
    assert "direct: sendto 224.0.0.251 port 5353 (not local)" in direct
    device_id = folders["home"] / ".cache/Microsoft/DeveloperTools/.onnxruntime/deviceid"
    assert device_id.is_file()  # the disk walk (test_disk_walk.py) catches this one


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """Every runnable `kiosk` sub-command, e.g. "store init", "voices"."""
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        yield " ".join(prefix)
        return
    for action in actions:
        for name, sub in action.choices.items():
            yield from command_paths(sub, (*prefix, name))


def _prepare(folders: dict[str, Path], tiny_argos_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Files the commands need: a shadow copy of the resources (some commands write catalogs),
    a passphrase file, a store holding one interview, scripted answers, a model folder."""
    work = folders["work"]
    shadow = work / "lantern"
    for name in RESOURCES:
        shutil.copytree(
            REPO_ROOT / name, shadow / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(REPO_ROOT / "tests/data/flows", work / "flows")
    (work / "pass.txt").write_text(PASSPHRASE + "\n")
    (work / "new-pass.txt").write_text("a different long passphrase 7\n")
    (work / "answers.yaml").write_text(
        "language: km\nsteps:\n  - {answer: [private_room, alone]}\n  - continue\n"
        "  - {answer: 'yes', at: consent_talk}\n  - dont_know\n  - {stop: tired}\n"
    )
    usb = work / "usb"
    usb.mkdir()
    shutil.copy(tiny_argos_factory("km", "en"), usb / "translate-km_en.argosmodel")
    folders["kiosk"].mkdir(exist_ok=True)
    with Store.create(folders["kiosk"] / "lantern.db", PASSPHRASE) as store:
        session = InterviewSession.start(store, load_flow(work / "flows" / "demo.yaml"), "km")
        session.answer(["alone"])
        (work / "interview.txt").write_text(session.interview_id)
    return {"shadow": shadow, "model": tiny_argos_factory("en", "km"), "usb": usb}


def command_matrix(folders: dict[str, Path], files: dict[str, Path]) -> list[Command]:
    work, out = folders["work"], folders["out"]
    pw = ["--passphrase-file", str(work / "pass.txt")]
    interview = (work / "interview.txt").read_text()
    env = clean_environment(
        folders["home"], folders["kiosk"], folders["tmp"], PYTHONPATH=str(files["shadow"])
    )
    fresh_env = dict(env, KIOSK_HOME=str(work / "fresh-kiosk"))
    kiosk = [sys.executable, "-m", "kiosk.cli"]
    shadow = str(files["shadow"])
    demo = str(work / "flows" / "demo.yaml")
    steps: list[tuple[str, list[str], dict[str, str]]] = [
        ("validate", [], env),
        ("models install", [str(files["model"])], env),
        ("models list", [], env),
        ("translate", ["--from", "en", "--to", "km", "a quiet word."], env),
        ("import", [str(files["usb"])], env),
        ("languages", [], env),
        ("i18n extract", ["--lang", "km"], env),
        ("i18n status", [], env),
        ("i18n check", [], env),
        ("i18n machine-fill", ["--lang", "km"], env),
        ("i18n lint", ["--lang", "km", "--summary"], env),
        ("i18n review-sheet", ["--lang", "km", "-o", str(out / "review-km.csv")], env),
        ("i18n review-apply", ["--lang", "km", str(out / "review-km.csv")], env),
        ("simulate", [str(work / "flows/demo.yaml"), "--answers", str(work / "answers.yaml")], env),
        ("store init", pw, fresh_env),
        ("store list", pw, env),
        ("store show", [interview, *pw], env),
        ("store verify", pw, env),
        ("store backup", [*pw, str(out / "backup.db")], env),
        ("store export", [*pw, "-o", str(out / "export.json")], env),
        ("speak", ["--lang", "en", "Hello.", "-o", str(out / "hello.wav")], env),
        ("voices", [], env),
        ("rights-summary", ["--lang", "km", "-o", str(out / "rights.pdf")], env),
        ("discreet-card", ["--contact", "+66 2 000 0000", "-o", str(out / "card.pdf")], env),
        ("models remove", ["en", "km"], env),
        # ODK Central: only `connect` and `send` may talk, and only to the configured server.
        ("xlsform export", [demo, "-o", str(out / "form.xlsx")], env),
        ("xlsform import", [str(out / "form.xlsx"), "-o", str(out / "flow.yaml")], env),
        ("odk form", [demo, "-o", str(out / "form.xml")], env),
        ("odk connect", [*pw, "--flow", demo, central_link()], env),
        ("odk status", [*pw, "--flow", demo], env),
        ("odk send", [*pw, "--flow", demo, "--timeout", "5"], env),
        ("odk disconnect", pw, env),
        ("store rekey", [*pw, "--new-passphrase-file", str(work / "new-pass.txt")], env),
    ]
    talks_to_central = {"odk connect", "odk send"}
    return [
        Command(
            name,
            [*kiosk, *name.split(), *args],
            environment,
            cwd=shadow,
            allowed=frozenset({CENTRAL}) if name in talks_to_central else frozenset(),
        )
        for name, args, environment in steps
    ]


CENTRAL = ("127.0.0.1", 18_765)
# `i18n lint` exits 1 when it reports problems (draft catalogs have some), `review-apply` when
# the sheet has no reviewer's marks (an unmarked sheet here): both still did their work.
EXIT_CODES = {"i18n lint": {0, 1}, "i18n review-apply": {0, 1}}


def central_link() -> str:
    from tests.fixtures.central import TOKEN

    return f"http://{CENTRAL[0]}:{CENTRAL[1]}/v1/key/{TOKEN}/projects/1"


def central_service(folders: dict[str, Path]) -> Service:
    demo = folders["work"] / "flows" / "demo.yaml"
    env = clean_environment(folders["home"], folders["kiosk"], folders["tmp"])
    argv = [sys.executable, "-m", "tests.outside.central_service", str(demo), str(CENTRAL[1])]
    return Service(
        [*argv, str(folders["out"] / "central.ready")], env, folders["out"] / "central.ready"
    )


def test_every_command_stays_off_the_network(  # type: ignore[no-untyped-def]
    namespace_ready: None, folders: dict[str, Path], tiny_argos_factory
) -> None:
    files = _prepare(folders, tiny_argos_factory)
    commands = command_matrix(folders, files)
    missing = set(command_paths(build_parser())) - {c.name for c in commands}
    assert not missing, f"add these commands to the network watch: {sorted(missing)}"

    outcomes = run_watched(commands, folders["out"], services=[central_service(folders)])
    failed = [
        f"{o.command.name} exited {o.returncode}: {o.stderr.strip()[-300:]}"
        for o in outcomes
        if o.returncode not in EXIT_CODES.get(o.command.name, {0})
    ]
    assert failed == []  # each command really did its work
    problems = [problem for outcome in outcomes for problem in outcome.problems()]
    assert problems == []
    # `odk connect` did reach the configured server, so the watch sees such traffic (and would
    # fail any other command that did); `odk send` has nothing queued here.
    reached = {
        o.command.name for o in outcomes for e in o.endpoints if (e.address, e.port) == CENTRAL
    }
    assert "odk connect" in reached and reached <= {"odk connect", "odk send"}
    # Nor did any of them leave a file behind outside the data folder (HOME holds the XDG
    # folders), or one in it that Lantern does not write on purpose (ONNX Runtime's device id
    # and SQLite event store, for one).
    roots = {"HOME": folders["home"], "TMPDIR": folders["tmp"], "KIOSK_HOME": folders["kiosk"]}
    assert walk(roots, {"KIOSK_HOME": DATA_FOLDER_ALLOWED}) == []
