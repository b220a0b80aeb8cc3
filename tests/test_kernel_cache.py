"""The model's kernels are compiled once, in the process that starts workers, and the workers load them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = textwrap.dedent("""
    import glob
    from numba.core import event
    compiled = []
    class Listener(event.Listener):
        def on_start(self, e): pass
        def on_end(self, e): compiled.append(e.data["dispatcher"].py_func.__qualname__)
    event.register("numba:compile", Listener())
    from sim import runner
    from sim.model import kernel_cache
    said = []
    assert not kernel_cache.compiled()
    kernel_cache.compile_here(said.append)
    assert kernel_cache.compiled() and len(said) == 1 and compiled, (said, len(compiled))
    kernel_cache.compile_here(said.append)
    assert len(said) == 1  # nothing left to compile: nothing said
    compiled.clear()
    for path in sorted(glob.glob("scenarios/*.toml")):  # every shipped strategy's kernels were among them
        runner.run(runner.resolve(path, 90, 3000), seed=2)
        assert not compiled, (path, sorted(set(compiled)))
""")


def test_one_warm_up_compiles_every_kernel_the_shipped_strategies_use(tmp_path):
    env = os.environ | {"NUMBA_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
