"""Where numba keeps the compiled kernels: one folder per version of the model's source.

numba's cache notices when a kernel's own file changes, not when a kernel it
calls in another file does (a day's pass in ``exposure`` compiles the reaction
of ``reactions`` into itself), so after an edit or an update it could run
stale code. Keyed by a hash of every source file here, a changed model
compiles afresh. A cache folder the user set (``NUMBA_CACHE_DIR``) is kept.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from numba.core import config

HERE = Path(__file__).resolve().parent


@functools.cache
def source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(HERE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def use() -> None:
    if config.CACHE_DIR:
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "audsim" / "numba"
    config.CACHE_DIR = str(base / source_hash())
