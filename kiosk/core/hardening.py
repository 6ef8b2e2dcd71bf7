"""Process hardening applied first thing by every `kiosk` command and the kiosk window.

A process that has decrypted the store holds answers and names in memory. If it crashed and the
system wrote a core dump, that memory would land on disk in plaintext (or be handed to a crash
reporter such as systemd-coredump or apport, which a `|program` core pattern runs even when the
core size limit is 0). So:

- `RLIMIT_CORE` 0 (soft and hard): no core file, in this process and in the children it starts
  (espeak-ng, aplay, lp), which inherit the limit;
- not dumpable (`PR_SET_DUMPABLE` 0, Linux): the kernel invokes no core handler at all, and other
  processes of the same user can no longer attach a debugger or read `/proc/PID/mem`;
- umask 077: anything created by Lantern *or a library inside it* is private to the user;
- every dependency's telemetry off before it loads (`kiosk.core.offline`).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

from kiosk.core.offline import quiet_environment

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4  # <linux/prctl.h>
PR_GET_DUMPABLE = 3
PRIVATE_UMASK = 0o077


def disable_core_dumps() -> None:
    """No core file and (on Linux) no core handler for this process, whatever the system says."""
    try:
        import resource
    except ImportError:  # Windows: no core files; Windows Error Reporting is a system setting
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError) as error:
        log.warning("could not turn core dumps off (%s)", type(error).__name__)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            log.warning("could not mark the process not dumpable (errno %d)", ctypes.get_errno())


def is_dumpable() -> bool:
    """Whether the kernel would write a core dump of this process (Linux; True elsewhere)."""
    if not sys.platform.startswith("linux"):
        return True
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def harden_process() -> None:
    """Everything above; safe to call more than once."""
    quiet_environment()
    disable_core_dumps()
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)
