"""Write a file all at once: a private temp file in the same folder, then a rename.

Readers never see half a file, a crash leaves at most a `.part` file that is removed on
failure, and no copy ever goes to a shared temp folder. The file is created 0600.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes, *, sync: bool = False) -> None:
    """Replace `target` with `data`; raises OSError (nothing half-written is left behind).

    `sync` flushes to disk before the rename, for files a person is about to carry away.
    """
    fd, temp_name = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
