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
import signal
import sys
import time
from pathlib import Path

import numba
from numba.core import config

HERE = Path(__file__).resolve().parent
KEEP_DAYS = 30

# Every kernel's decorator: compiled once into the cache. A division by zero gives inf or nan, as numpy's would, instead
# of raising Python's ZeroDivisionError: no kernel divides by zero, and the check in every loop that divides cost
# 4-7% of a run (the same numbers otherwise).
kernel = numba.njit(cache=True, error_model="numpy")


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


# A small market that takes every compiled path of a day: a page with a desk sized to its load, listening,
# a prize draw that cascades, promotion, paid reach, several posts a day, bought fans.
WARM_UP = {
    "market": {"people": 3000, "initial_follower_share": 0.2},
    "simulation": {"days": 60, "seed": 1},
    "strategy": {"posts_per_day": 3, "mix": {"info": 0.3, "promo": 0.3, "giveaway": 0.2, "service": 0.2},
                 "paid_boost_per_day": 20.0, "fan_acquisition": 0.002},
    "service": {"staff": "auto", "monitors_elsewhere": 0.5, "answer_share": 0.5, "delete_share": 0.5},
}


def _marker() -> Path:
    return Path(config.CACHE_DIR) / f"audsim-{source_hash()}-numba{numba.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.compiled"


def compiled() -> bool:
    """Whether this version of the model's kernels has been compiled into the cache (``compile_here``)."""
    return bool(config.CACHE_DIR) and _marker().exists()


def compile_here(announce=None) -> None:
    """Compile every kernel, once per version of the model, before worker processes start: each would otherwise
    compile them all itself (about half a minute, on every core at once); they load them from the cache instead.
    With a second core, a helper process compiles the day's pass over the posts (the largest kernels) while this
    one compiles the rest; then this process loads the helper's from the cache and compiles anything left.
    ``announce``: called with a line to show first, when there is anything to compile."""
    if compiled():
        return
    if announce is not None:
        announce("compiling the model's kernels (once after an install or an update, about 20 seconds)")
    from ..runner import run

    helper = _start_helper()
    try:
        if helper is not None:
            _run_without_posts(WARM_UP)
            helper.join()
        run(WARM_UP)
    finally:
        if helper is not None and helper.is_alive():  # interrupted: the helper's work is of no use now
            helper.terminate()
            helper.join(5)  # collected, not left a zombie
    try:
        _marker().touch()
    except OSError:
        pass  # a read-only cache: the next process compiles again, as numba would


def _start_helper():
    """A process compiling the day's pass over the posts into the cache (``_compile_posts``), or None with one core
    or inside a daemonic process (which may not start children)."""
    import multiprocessing

    if (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        return None
    helper = multiprocessing.get_context("spawn").Process(target=_compile_posts, args=(os.getpid(),), daemon=True,
                                                          name="audsim-compile")
    helper.start()
    return helper


def _compile_posts(parent_pid: int) -> None:
    """In the helper: a day's posts shown to a small market compile the feed, the recommendations and the
    reactions (``AudienceModel.show``); importing the model sets the same cache as the parent's."""
    from ..parallel import die_with_parent

    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the compiling
    from .model import AudienceModel

    model = AudienceModel(WARM_UP)
    for day in range(5):  # until a day with posts
        posts = model.brand.posts(day, model.streams["brand"])
        if posts.size:
            model.show(posts)
            return


def _run_without_posts(scenario) -> None:
    """The warm-up's days with the posts left unshown: every other kernel compiles here meanwhile."""
    from .model import AudienceModel

    class WithoutPosts(AudienceModel):
        def show(self, posts):
            pass

    model = WithoutPosts(scenario)
    while model.running:
        model.step()
