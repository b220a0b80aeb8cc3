"""Where numba keeps the compiled kernels: one folder per version of the model's source.

numba's cache notices when a kernel's own file changes, not when a kernel it
calls in another file does (a day's pass in ``exposure`` compiles the reaction
of ``reactions`` into itself), so after an edit or an update it could run
stale code. Keyed by a hash of every source file here, a changed model
compiles afresh. A cache folder the user set (``NUMBA_CACHE_DIR``) is kept.
Each update leaves its folder behind, so folders no process has used for
``KEEP_DAYS`` are removed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import time
from pathlib import Path

from numba.core import config

HERE = Path(__file__).resolve().parent
KEEP_DAYS = 30


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
    tidy(base, base / source_hash())


def tidy(base: Path, current: Path, keep_days: float = KEEP_DAYS) -> None:
    """Mark ``current`` as used now; remove the other versions' folders unused for ``keep_days``."""
    try:
        current.mkdir(parents=True, exist_ok=True)
        (current / "used").touch()
        folders = list(base.iterdir())
    except OSError:
        return  # a read-only or shared cache: numba copes, and there is nothing to tidy
    cutoff = time.time() - keep_days * 86400
    for folder in folders:
        try:  # one folder at a time: another process may be tidying too
            marker = folder / "used"
            last = (marker if marker.exists() else folder).stat().st_mtime
            if folder != current and folder.is_dir() and not folder.is_symlink() and last < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
