"""Watch processes from outside for any network use: a namespace with no network, a resolver
that records every lookup, and `strace` on every connect() and send.

Python-level socket patches miss native code (ONNX Runtime's telemetry is C++ with its own HTTP
client). Here the commands run inside `unshare --net --mount` (see `netns_inside.py`): whatever
the code, a name lookup reaches the recording resolver and a connection attempt shows in the
trace, even though neither can succeed.

A command fails the watch if it looked up any name, or tried to reach any address outside the
loopback range, or reached a loopback port other than the local services listed in
`LOCAL_SERVICES` and the endpoints the command itself is allowed (`Command.allowed`, for the
one command that may talk to a configured server).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.offline import TELEMETRY_OFF, WRITES_FILES

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
KIOSK = str(VENV_BIN / "kiosk")

# Loopback services a kiosk may legitimately reach: CUPS when the printer list is asked for
# (lpstat falls back to localhost:631 when its socket is missing).
LOCAL_SERVICES = frozenset({631})

# Variables under which some libraries switch their telemetry off by themselves (ONNX Runtime
# stays silent when it thinks it runs in CI, and CI sets CI=true). The watched commands run
# without them, so the test sees what a kiosk on a laptop would do.
CI_MARKERS = (
    "CI TF_BUILD GITHUB_ACTIONS GITLAB_CI CIRCLECI TRAVIS JENKINS_URL CODEBUILD_BUILD_ID "
    "BUILDKITE TEAMCITY_VERSION APPVEYOR BITBUCKET_BUILD_NUMBER "
    "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI ORT_RUNNING_UNIT_TESTS"
).split()

_ADDRESS = re.compile(
    r"sa_family=AF_INET6?, (?:sin6?_port=htons\((?P<port>\d+)\)).*?"
    r"(?:inet_addr\(\"(?P<v4>[^\"]+)\"\)|inet_pton\(AF_INET6, \"(?P<v6>[^\"]+)\")"
)


@dataclass(frozen=True)
class Endpoint:
    address: str
    port: int
    call: str  # connect, sendto, ...

    @property
    def loopback(self) -> bool:
        address = ipaddress.ip_address(self.address)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return address.is_loopback

    def __str__(self) -> str:
        return f"{self.call} {self.address} port {self.port}"


@dataclass
class Command:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str]
    stdin: str = ""
    timeout: float = 120
    allowed: frozenset[tuple[str, int]] = frozenset()  # loopback (address, port) it may reach
    linger: float = 0.3
    cwd: str | None = None


@dataclass
class Outcome:
    command: Command
    returncode: int
    stdout: str
    stderr: str
    queries: list[str]
    endpoints: list[Endpoint] = field(default_factory=list)
    seconds: float = 0.0

    def problems(self) -> list[str]:
        name = self.command.name
        found = [f"{name}: looked up {query!r}" for query in self.queries]
        for endpoint in self.endpoints:
            if endpoint.port == 53:
                continue  # a lookup: already reported by the resolver above
            if not endpoint.loopback:
                found.append(f"{name}: {endpoint} (not local)")
            elif endpoint.port not in LOCAL_SERVICES and (
                (endpoint.address, endpoint.port) not in self.command.allowed
            ):
                found.append(f"{name}: {endpoint} (a local port it has no reason to reach)")
        return found


def endpoints_in_trace(text: str) -> list[Endpoint]:
    found = []
    for line in text.splitlines():
        call = re.match(r"\d+\s+(?:<\.\.\. )?(\w+)", line)
        for match in _ADDRESS.finditer(line):
            address = match.group("v4") or match.group("v6")
            found.append(
                Endpoint(address, int(match.group("port")), call.group(1) if call else "?")
            )
    return found


def clean_environment(home: Path, kiosk_home: Path, tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a watched command: no CI markers, no telemetry switches of our own
    (the kiosk must set them itself), private HOME, XDG folders, data folder and temp folder
    (the session's runtime folder, XDG_RUNTIME_DIR, is `tmp/run`)."""
    ours = set(TELEMETRY_OFF) | set(WRITES_FILES) | set(CI_MARKERS)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ours
        and not k.startswith(("XDG_", "ARGOS_", "KIOSK_", "QT_", "PYTEST", "DBUS_"))
        and k not in ("DISPLAY", "WAYLAND_DISPLAY", "TMPDIR")
    }
    runtime = tmp / "run"  # what logind gives every desktop session (a private tmpfs)
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(home),
        KIOSK_HOME=str(kiosk_home),
        TMPDIR=str(tmp),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        PYTHONPATH=str(REPO_ROOT),
    )
    env.update(extra)
    return env


def namespace_problem() -> str | None:
    """Why the watch cannot run here, or None."""
    for tool in ("unshare", "strace", "ip", "mount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/setup.sh installs it)"
    done = subprocess.run(
        [*_unshare(), "true"], capture_output=True, text=True, timeout=30, check=False
    )
    if done.returncode != 0:
        return f"cannot create a network namespace: {done.stderr.strip()}"
    return None


def _unshare() -> list[str]:
    extra = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", "--net", "--mount", *extra]


@dataclass
class Service:
    """A local server started inside the namespace before the commands; it writes `ready_file`
    once it listens."""

    argv: Sequence[str]
    env: Mapping[str, str]
    ready_file: Path


def run_watched(
    commands: Sequence[Command],
    out: Path,
    *,
    display: bool = False,
    services: Sequence[Service] = (),
    timeout: float = 900,
) -> list[Outcome]:
    """Run `commands` one after another in one fresh namespace; what each one did."""
    out.mkdir(parents=True, exist_ok=True)
    spec = {
        "out": str(out),
        "display": display,
        "services": [
            {"argv": list(s.argv), "env": dict(s.env), "ready_file": str(s.ready_file)}
            for s in services
        ],
        "commands": [
            {
                "name": c.name,
                "argv": list(c.argv),
                "env": dict(c.env),
                "stdin": c.stdin,
                "timeout": c.timeout,
                "linger": c.linger,
                "cwd": c.cwd,
            }
            for c in commands
        ],
    }
    spec_file = out / "spec.json"
    spec_file.write_text(json.dumps(spec))
    argv = [*_unshare(), sys.executable, "-m", "tests.outside.netns_inside", str(spec_file)]
    done = subprocess.run(
        argv, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the namespace runner failed: {done.stderr[-2000:]}")
    report = json.loads((out / "report.json").read_text())
    outcomes = []
    for command, result in zip(commands, report, strict=True):
        trace = Path(result["trace"]).read_text(errors="replace")
        outcomes.append(
            Outcome(
                command,
                result["returncode"],
                result["stdout"],
                result["stderr"],
                result["queries"],
                endpoints_in_trace(trace),
                result["seconds"],
            )
        )
    return outcomes
