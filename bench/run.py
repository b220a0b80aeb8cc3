"""Benchmark: whole runs at several sizes, the per-agent oracle, and the machine's floor.

A benchmark, not a test: ``python bench/run.py [--sizes 10000,100000,1000000]``.
Prints and writes ``bench/results.json``:

- ``sizes``: for each market size, a fresh process runs the scenario for a
  year; ``wall_s`` is the whole process (start, imports, set-up, the run),
  ``run_s`` the run alone, ``peak_mb`` the process's peak resident memory;
- ``oracle_ratio``: person-days per second of the largest run against the
  per-agent oracle (bench/oracle.py) timed at a small size;
- ``floor_ratio``: the largest run's time against the machine's floor for it:
  drawing as many random numbers as the run drew (counted) and one pass a day
  over every per-person state array;
- ``scaling_exponent``: the slope of log(run time) on log(people).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _one(people: int, days: int, scenario: str, started: float, queue) -> None:
    import sim

    sc = sim.load(scenario)
    t0 = time.perf_counter()
    sim.run(sc, people=people, days=days, seed=1)
    run_s = time.perf_counter() - t0
    queue.put({"people": people, "days": days, "run_s": round(run_s, 3), "wall_s": round(time.time() - started, 3),
               "person_days_per_s": round(people * days / run_s),
               "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})


def measure(people: int, days: int, scenario: str) -> dict:
    """One run in a fresh process (so memory and imports are its own)."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_one, args=(people, days, scenario, time.time(), q))
    p.start()
    out = q.get()
    p.join()
    return out


class CountingRng:
    """A numpy Generator that counts the random numbers it hands out."""

    def __init__(self, rng):
        self._rng, self.drawn = rng, 0

    def __getattr__(self, name):
        method = getattr(self._rng, name)

        def counted(*args, **kwargs):
            out = method(*args, **kwargs)
            if name != "shuffle":
                self.drawn += int(np.size(out))
            else:
                self.drawn += len(args[0])
            return out

        return counted


def floor(people: int, days: int, scenario: str) -> dict:
    """The machine's floor for a run: its random numbers, drawn in bulk, and one pass a day over the state."""
    import sim
    from sim.model import AudienceModel

    sc = sim.load(scenario).with_overrides(**{"market.people": people, "simulation.days": days})
    model = AudienceModel(sc, seed=1)
    counters = {k: CountingRng(v) for k, v in model.streams.items()}
    model.streams = counters
    for _ in range(days):
        model.step()
    drawn = sum(c.drawn for c in counters.values())
    columns = list(model.people.columns().values()) + [model.people.interest]
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    left = drawn
    while left > 0:
        rng.random(min(left, 1 << 22))
        left -= 1 << 22
    draw_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(days):
        for col in columns:
            col.sum()
    pass_s = time.perf_counter() - t0
    return {"random_numbers": drawn, "draw_s": round(draw_s, 3), "pass_s": round(pass_s, 3), "floor_s": round(draw_s + pass_s, 3)}


def oracle_speed(scenario: str, people: int = 2000, days: int = 60) -> float:
    import oracle
    import sim

    sc = sim.load(scenario).with_overrides(**{"market.people": people, "simulation.days": days})
    t0 = time.perf_counter()
    oracle.run(sc, seed=1)
    return people * days / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--scenario", default=str(HERE.parent / "scenarios" / "stammtisch.toml"))
    ap.add_argument("--out", default=str(HERE / "results.json"))
    args = ap.parse_args()
    sizes = []
    for n in map(int, args.sizes.split(",")):
        row = measure(n, args.days, args.scenario)
        sizes.append(row)
        print(f"{row['people']:>9,} people x {row['days']} days: whole process {row['wall_s']:6.2f} s, run {row['run_s']:6.2f} s, "
              f"{row['person_days_per_s']:>12,} person-days/s, peak {row['peak_mb']:,.0f} MB", flush=True)
    largest = sizes[-1]
    oracle_pds = oracle_speed(args.scenario)
    f = floor(largest["people"], args.days, args.scenario)
    exponent = float(np.polyfit(np.log([s["people"] for s in sizes]), np.log([s["run_s"] for s in sizes]), 1)[0]) if len(sizes) > 1 else None
    results = {
        "scenario": Path(args.scenario).name, "sizes": sizes,
        "oracle_person_days_per_s": round(oracle_pds), "oracle_ratio": round(largest["person_days_per_s"] / oracle_pds, 1),
        "floor": f, "floor_ratio": round(largest["run_s"] / f["floor_s"], 2),
        "scaling_exponent": None if exponent is None else round(exponent, 3),
        "machine": {"platform": platform.platform(), "processor": platform.machine(), "cpus": mp.cpu_count(),
                    "python": platform.python_version(), "numpy": np.__version__},
    }
    print(f"oracle (per-agent Mesa, 2,000 people x 60 days): {oracle_pds:,.0f} person-days/s; "
          f"audsim at {largest['people']:,}: {results['oracle_ratio']}x")
    print(f"floor at {largest['people']:,}: {f['random_numbers']:,} random numbers {f['draw_s']} s + one pass a day over the state "
          f"{f['pass_s']} s = {f['floor_s']} s; the run took {results['floor_ratio']}x that")
    if exponent is not None:
        print(f"scaling exponent (run time ~ people^k): k = {exponent:.3f}")
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
