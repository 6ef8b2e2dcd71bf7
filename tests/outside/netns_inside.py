"""Runs inside a fresh network and mount namespace (started by `tests.outside.netns`).

The namespace has only a loopback interface. Here this script:
1. brings loopback up;
2. bind-mounts its own resolv.conf (name server 127.0.0.1), nsswitch.conf (hosts: files dns) and
   hosts over /etc, and hides the sockets of local resolver daemons (nscd, systemd-resolved,
   avahi) behind empty folders, so every lookup must reach the recorder below;
3. starts the DNS recorder on 127.0.0.1:53 (and, if asked, an Xvfb display and local servers
   such as the ODK Central stand-in, none of them traced);
4. runs each command under `strace -f` tracing connect/sendto/sendmsg/sendmmsg, one at a time,
   and writes what each did to `report.json` in the output folder.

Usage: python -m tests.outside.netns_inside SPEC.json
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.outside.dns_recorder import DnsRecorder

RESOLVER_SOCKET_DIRS = ("/run/nscd", "/var/run/nscd", "/run/systemd/resolve", "/run/avahi-daemon")
TRACED = "trace=connect,sendto,sendmsg,sendmmsg"


def isolate_name_lookups() -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    etc = Path(tempfile.mkdtemp(prefix="netns-etc-"))
    files = {
        "/etc/resolv.conf": "nameserver 127.0.0.1\noptions attempts:1 timeout:1\n",
        "/etc/nsswitch.conf": "hosts: files dns\nnetworks: files\n",
        "/etc/hosts": "127.0.0.1 localhost\n::1 localhost ip6-localhost\n",
    }
    for target, text in files.items():
        source = etc / Path(target).name
        source.write_text(text)
        subprocess.run(["mount", "--bind", str(source), target], check=True)
    for folder in RESOLVER_SOCKET_DIRS:
        if os.path.isdir(folder) and not os.path.islink(folder):
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1k", "none", folder], check=True)


def start_display() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return server, f":{number}"


def start_service(service: dict) -> subprocess.Popen[bytes]:
    """A server the commands may talk to (e.g. the ODK Central stand-in), not traced."""
    ready = Path(service["ready_file"])
    process = subprocess.Popen(
        service["argv"], env=service["env"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        if ready.exists() or process.poll() is not None:
            break
        time.sleep(0.05)
    if not ready.exists():
        raise RuntimeError(f"service did not start: {service['argv']}")
    return process


def run_one(command: dict, out: Path, index: int, recorder: DnsRecorder, display: str) -> dict:
    trace = out / f"{index}.strace"
    env = dict(command["env"])
    if display:
        env["DISPLAY"] = display
    started = time.time()
    argv = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", TRACED, "-e", "signal=none"]
    argv += ["-s", "0", "-o", str(trace), *command["argv"]]
    try:
        done = subprocess.run(
            argv,
            env=env,
            cwd=command.get("cwd"),
            input=command.get("stdin", "").encode("utf-8"),
            capture_output=True,
            timeout=command.get("timeout", 120),
            check=False,
        )
        returncode, stdout, stderr = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as error:
        returncode, stdout, stderr = -9, error.stdout or b"", error.stderr or b""
    time.sleep(command.get("linger", 0.3))  # a late query from a thread still counts
    queries = [q for q in recorder.queries() if q.at >= started]
    return {
        "name": command["name"],
        "returncode": returncode,
        "stdout": stdout.decode("utf-8", "replace"),
        "stderr": stderr.decode("utf-8", "replace"),
        "trace": str(trace),
        "queries": [q.name for q in queries],
        "seconds": round(time.time() - started, 2),
    }


def main(spec_file: str) -> int:
    spec = json.loads(Path(spec_file).read_text())
    out = Path(spec["out"])
    isolate_name_lookups()
    recorder = DnsRecorder()
    recorder.start()
    display_server, display = start_display() if spec.get("display") else (None, "")
    services = [start_service(service) for service in spec.get("services", [])]
    results = []
    try:
        for index, command in enumerate(spec["commands"]):
            results.append(run_one(command, out, index, recorder, display))
    finally:
        for service in services:
            service.kill()
            service.wait(10)
        if display_server is not None:
            display_server.terminate()
            display_server.wait(10)
    (out / "report.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
