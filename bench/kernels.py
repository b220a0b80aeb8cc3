"""How much of a run is compiled work and how much is Python between the kernels (issue #17).

``python bench/kernels.py [--scenario stammtisch] [--people 250000] [--days 1095]``

Every numba kernel of ``sim.model`` is wrapped in a timer (outermost calls
only, so a kernel calling a kernel counts once), one run is made in a warm
process, and the days' wall time is split into time inside compiled calls
(conversion of their arguments included) and the rest: Python, and numpy on
small arrays, between them. The rest is what compiling the whole day would
remove; the compiled part is what only faster kernels or less work remove.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import pkgutil
import time
from pathlib import Path

from numba.core.registry import CPUDispatcher

import sim
import sim.model
from sim import runner
from sim.model import AudienceModel

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def timed_kernels() -> tuple[collections.Counter, collections.Counter]:
    """Replace every kernel in ``sim.model``'s modules by a timed one; returns (seconds, calls) by kernel."""
    seconds, calls, depth = collections.Counter(), collections.Counter(), [0]

    def timed(name, kernel):
        def call(*args):
            if depth[0]:
                return kernel(*args)
            depth[0] += 1
            start = time.perf_counter()
            try:
                return kernel(*args)
            finally:
                seconds[name] += time.perf_counter() - start
                calls[name] += 1
                depth[0] -= 1
        call.py_func = kernel.py_func  # draws.bernoulli_indices runs a kernel's Python on purpose
        return call

    modules = [importlib.import_module(f"sim.model.{m.name}") for m in pkgutil.iter_modules(sim.model.__path__)]
    replaced = {}
    for module in modules:
        for attr, value in list(vars(module).items()):
            if isinstance(value, CPUDispatcher):
                name = f"{value.py_func.__module__.rsplit('.', 1)[-1]}.{value.py_func.__name__}"
                replaced.setdefault(id(value), timed(name, value))
                setattr(module, attr, replaced[id(value)])
    return seconds, calls


def measure(scenario: str, people: int, days: int, seed: int = 3) -> dict:
    sc = runner.resolve(SCENARIOS / f"{scenario}.toml", days, people)
    sim.run(sc, seed=seed, days=5)  # kernels compiled (or loaded) while they still see each other, the market's graph kept
    seconds, calls = timed_kernels()
    model = AudienceModel(sc, seed=seed)
    seconds.clear(), calls.clear()
    start = time.perf_counter()
    for _ in range(days):
        model.step()
    total = time.perf_counter() - start
    compiled = sum(seconds.values())
    return {"total_s": total, "compiled_s": compiled, "rest_s": total - compiled, "calls_per_day": sum(calls.values()) / days,
            "rest_ms_per_day": (total - compiled) / days * 1e3,
            "kernels": [(name, s, calls[name] / days) for name, s in seconds.most_common()]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", default="stammtisch")
    ap.add_argument("--people", type=int, default=250_000)
    ap.add_argument("--days", type=int, default=1095)
    ap.add_argument("--top", type=int, default=8, help="kernels to list")
    a = ap.parse_args()
    m = measure(a.scenario, a.people, a.days)
    print(f"{a.scenario}, {a.people:,} people x {a.days} days: {m['total_s']:.2f} s; in compiled calls {m['compiled_s']:.2f} s "
          f"({m['compiled_s'] / m['total_s']:.0%}, {m['calls_per_day']:.0f} calls a day); between them {m['rest_s']:.2f} s "
          f"({m['rest_ms_per_day']:.2f} ms a day)")
    for name, s, per_day in m["kernels"][:a.top]:
        print(f"  {name:32s} {s:6.2f} s  {per_day:4.1f} calls a day")


if __name__ == "__main__":
    main()
