"""Benchmark: wall time, person-days per second and peak memory of whole runs.

Each size runs in a fresh process, so peak memory (ru_maxrss) is that run's
own. A benchmark, not a test: ``python bench/run.py [--sizes 10000,100000,1000000]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _one(people: int, days: int, scenario: str, queue) -> None:
    import sim

    sc = sim.load(scenario)
    start = time.perf_counter()
    sim.run(sc, people=people, days=days, seed=1)
    wall = time.perf_counter() - start
    queue.put({"people": people, "days": days, "wall_s": round(wall, 3),
               "person_days_per_s": round(people * days / wall),
               "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})


def measure(people: int, days: int, scenario: str) -> dict:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_one, args=(people, days, scenario, q))
    p.start()
    out = q.get()
    p.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--scenario", default=str(HERE.parent / "scenarios" / "stammtisch.toml"))
    ap.add_argument("--out", default=str(HERE / "results.json"))
    args = ap.parse_args()
    sizes = []
    for n in map(int, args.sizes.split(",")):
        row = measure(n, args.days, args.scenario)
        sizes.append(row)
        print(f"{row['people']:>9,} people x {row['days']} days: {row['wall_s']:7.2f} s, "
              f"{row['person_days_per_s']:>12,} person-days/s, peak {row['peak_mb']:,.0f} MB", flush=True)
    machine = {"platform": platform.platform(), "processor": platform.machine(), "cpus": mp.cpu_count(),
               "python": platform.python_version()}
    Path(args.out).write_text(json.dumps({"scenario": Path(args.scenario).name, "sizes": sizes, "machine": machine}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
