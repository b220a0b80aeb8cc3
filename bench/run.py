"""Benchmark: whole runs at several sizes, the per-agent oracle, and the machine's floor.

A benchmark, not a test: ``python bench/run.py [--sizes 10000,100000,1000000]``.
Prints and writes ``bench/results.json``:

- ``sizes``: for each market size, a fresh process runs the scenario for a
  year; ``wall_s`` is the whole process (start, imports, set-up, the run),
  ``run_s`` the run alone, ``peak_mb`` the process's peak resident memory;
- ``oracle_ratio``: person-days per second of the largest run against the
  per-agent oracle (bench/oracle.py) timed at a small size;
- ``floor_ratio``: the largest run's time against the machine's floor for it:
  drawing as many random numbers as the run drew (64-bit words, counted from
  the streams' states) and one pass a day
  over every per-person state array;
- ``events``, ``event_floor_ratio``: what the largest run processed (impressions,
  complaints raised and resolved, word-of-mouth speakers, follows and
  unfollows, sales and lapses, thread sightings), the cheapest cost of one
  event measured here (a compiled loop: draw a uniform, pick a person at
  random, update one of their numbers), and the run's time against the events
  times that cost: the floor of a model whose work is in proportion to what
  happens (issue #17);
- ``warm``: a 20,000-person year in a warm process (the best of five), the size
  research sweeps use;
- ``sweep`` (with ``--sweep``): the shipped tipping-point sweep at 20,000 people
  x 365 days with ``--sweep-reps`` replications per point, runs a minute on all
  cores, for the whole call;
- ``scaling_exponent``: the slope of log(run time) on log(people);
- ``targets``: issue #17's targets, each with what was measured, their ratio
  (above 1: missed by that factor) and whether it was met; a target whose
  figure was not measured (a size not run, no ``--sweep``) is left out.
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
    result = sim.run(sc, people=people, days=days, seed=1)
    run_s = time.perf_counter() - t0
    queue.put({"people": people, "days": days, "run_s": round(run_s, 3), "wall_s": round(time.time() - started, 3),
               "person_days_per_s": round(people * days / run_s),
               "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
               "events": {k: int(result.daily[cols].to_numpy().sum()) for k, cols in EVENTS.items()}})


# What a run processes, by the daily columns that count it.
EVENTS = {
    "impressions": ["impressions"],  # each a reaction (organic, recommended, paid and shared views)
    "complaints": ["complaints_raised", "complaints_answered_in_time", "complaints_answered_late", "complaints_ignored",
                   "complaints_deleted", "complaints_unheard"],
    "word_of_mouth": ["wom_positive", "wom_negative"],
    "follows": ["follows", "unfollows"],
    "purchases": ["sales", "lapses"],
    "thread_sightings": ["thread_sightings", "onlookers"],
}


def measure(people: int, days: int, scenario: str) -> dict:
    """One run in a fresh process (so memory and imports are its own)."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_one, args=(people, days, scenario, time.time(), q))
    p.start()
    out = q.get()
    p.join()
    return out


PCG64_MULTIPLIER = 0x2360ED051FC65DA44385DF649FCCF645
MASK128 = (1 << 128) - 1


def words_drawn(before: dict, after: dict) -> int:
    """The 64-bit words a PCG64 stream gave out between two of its states: the distance its LCG travelled
    (PCG's ``distance``: one bit of the step count at a time). The compiled kernels draw from the streams
    themselves, so the draws are counted from the states, not by wrapping the generator."""
    cur, new, inc = before["state"]["state"], after["state"]["state"], before["state"]["inc"]
    mult, plus, bit, steps = PCG64_MULTIPLIER, inc, 1, 0
    while cur != new:
        if (cur & bit) != (new & bit):
            cur = (cur * mult + plus) & MASK128
            steps |= bit
        bit <<= 1
        plus = ((mult + 1) * plus) & MASK128
        mult = (mult * mult) & MASK128
    return steps


def floor(people: int, days: int, scenario: str) -> dict:
    """The machine's floor for a run: its random numbers (64-bit words), drawn in bulk, and one pass a day over the state."""
    import sim
    from sim.model import AudienceModel

    sc = sim.load(scenario).with_overrides(**{"market.people": people, "simulation.days": days})
    model = AudienceModel(sc, seed=1)
    start = {k: v.bit_generator.state for k, v in model.streams.items()}
    for _ in range(days):
        model.step()
    drawn = sum(words_drawn(start[k], v.bit_generator.state) for k, v in model.streams.items())
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


def event_cost(people: int, events: int = 2_000_000) -> float:
    """Seconds per event at its cheapest on this machine: in a compiled loop, draw a uniform, pick a person of
    ``people`` at random and update one of their numbers (the least an event does)."""
    import numba

    @numba.njit
    def touch(state, rng, n):
        for _ in range(n):
            state[int(rng.random() * state.size)] += np.float32(rng.random())

    state = np.zeros(people, np.float32)
    rng = np.random.default_rng(0)
    touch(state, rng, 10)
    t0 = time.perf_counter()
    touch(state, rng, events)
    return (time.perf_counter() - t0) / events


def _warm(people: int, days: int, scenario: str, queue) -> None:
    import sim

    sc = sim.load(scenario)
    sim.run(sc, people=people, days=days, seed=0)
    times = []
    for seed in range(1, 6):
        t0 = time.perf_counter()
        sim.run(sc, people=people, days=days, seed=seed)
        times.append(time.perf_counter() - t0)
    queue.put({"people": people, "days": days, "best_s": round(min(times), 3), "median_s": round(float(np.median(times)), 3)})


def warm(people: int, days: int, scenario: str) -> dict:
    """Runs in a warm process (compiled kernels loaded, imports done): the best and the median of five."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_warm, args=(people, days, scenario, q))
    p.start()
    out = q.get()
    p.join()
    return out


def sweep_rate(reps: int, people: int = 20_000, days: int = 365) -> dict:
    """The shipped tipping-point sweep at ``people`` x ``days``, ``reps`` replications a point, on all cores."""
    import tempfile

    from sim.sweep import load_sweep
    from sim.sweep.run import sweep

    spec, scenarios = load_sweep(HERE.parent / "scenarios" / "sweeps" / "tipping-point.toml")
    spec = spec.model_copy(update={"people": people, "days": days, "reps": reps})
    scenarios = {n: sc.with_overrides(**{"market.people": people, "simulation.days": days}) for n, sc in scenarios.items()}
    with tempfile.TemporaryDirectory(prefix="audsim-bench-") as folder:
        t0 = time.perf_counter()
        rows = sweep(spec, scenarios, Path(folder) / "sweep")
        took = time.perf_counter() - t0
    return {"runs": len(rows), "people": people, "days": days, "seconds": round(took, 1),
            "runs_per_minute": round(len(rows) / took * 60), "cpus": mp.cpu_count()}


def oracle_speed(scenario: str, people: int = 2000, days: int = 60) -> float:
    import oracle

    import sim

    sc = sim.load(scenario).with_overrides(**{"market.people": people, "simulation.days": days})
    t0 = time.perf_counter()
    oracle.run(sc, seed=1)
    return people * days / (time.perf_counter() - t0)


# Issue #17's targets: (name, figure, the target, "max" or "min", unit).
TARGETS = (("1,000,000 x 365 run", ("size", 1_000_000, "run_s"), 1.0, "max", "s"),
           ("1,000,000 x 365 peak memory", ("size", 1_000_000, "peak_mb"), 600, "max", "MB"),
           ("10,000,000 x 365 run", ("size", 10_000_000, "run_s"), 15.0, "max", "s"),
           ("10,000,000 x 365 peak memory", ("size", 10_000_000, "peak_mb"), 6000, "max", "MB"),
           ("20,000 x 365 in a warm process", ("warm", "best_s"), 0.050, "max", "s"),
           ("sweep at 20,000 people", ("sweep", "runs_per_minute"), 2000, "min", "runs a minute"))


def targets(results: dict) -> list[dict]:
    """Each of issue #17's targets measured in ``results``, with the ratio to it (above 1: missed by that factor)."""
    out = []
    for name, where, target, sense, unit in TARGETS:
        if where[0] == "size":
            found = [s[where[2]] for s in results["sizes"] if s["people"] == where[1] and s["days"] == 365]
            value = found[0] if found else None
        else:  # the warm year and the sweep run --days: a target is a year's
            measured = results.get(where[0]) or {}
            value = measured.get(where[1]) if measured.get("days") == 365 else None
        if value is None:
            continue
        ratio = value / target if sense == "max" else target / value
        out.append({"target": name, "measured": value, "limit": target, "sense": sense, "unit": unit, "ratio": round(ratio, 2),
                    "met": ratio <= 1})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--scenario", default=str(HERE.parent / "scenarios" / "stammtisch.toml"))
    ap.add_argument("--out", default=str(HERE / "results.json"))
    ap.add_argument("--sweep", action="store_true", help="also time the tipping-point sweep at 20,000 people")
    ap.add_argument("--sweep-reps", type=int, default=10, help="replications per point of that sweep (30 points)")
    args = ap.parse_args()
    sizes = []
    for n in map(int, args.sizes.split(",")):
        row = measure(n, args.days, args.scenario)
        sizes.append(row)
        print(f"{row['people']:>9,} people x {row['days']} days: whole process {row['wall_s']:6.2f} s, run {row['run_s']:6.2f} s, "
              f"{row['person_days_per_s']:>12,} person-days/s, peak {row['peak_mb']:,.0f} MB", flush=True)
    largest = sizes[-1]
    events = sum(largest["events"].values())
    per_event = event_cost(largest["people"])
    event_floor = events * per_event
    warm_row = warm(20_000, args.days, args.scenario)
    print(f"   20,000 people x {args.days} days in a warm process: best {warm_row['best_s']:.3f} s, median {warm_row['median_s']:.3f} s",
          flush=True)
    swept = sweep_rate(args.sweep_reps, days=args.days) if args.sweep else None
    if swept:
        print(f"tipping-point sweep, {swept['runs']} runs of 20,000 people x {args.days} days: {swept['seconds']} s, "
              f"{swept['runs_per_minute']:,} runs a minute on {swept['cpus']} cores", flush=True)
    oracle_pds = oracle_speed(args.scenario)
    f = floor(largest["people"], args.days, args.scenario)
    exponent = float(np.polyfit(np.log([s["people"] for s in sizes]), np.log([s["run_s"] for s in sizes]), 1)[0]) if len(sizes) > 1 else None
    results = {
        "scenario": Path(args.scenario).name, "sizes": sizes,
        "oracle_person_days_per_s": round(oracle_pds), "oracle_ratio": round(largest["person_days_per_s"] / oracle_pds, 1),
        "floor": f, "floor_ratio": round(largest["run_s"] / f["floor_s"], 2),
        "events": largest["events"], "event_ns": round(per_event * 1e9, 2), "event_floor_s": round(event_floor, 3),
        "event_floor_ratio": round(largest["run_s"] / event_floor, 1), "warm": warm_row, "sweep": swept,
        "scaling_exponent": None if exponent is None else round(exponent, 3),
        "machine": {"platform": platform.platform(), "processor": platform.machine(), "cpus": mp.cpu_count(),
                    "python": platform.python_version(), "numpy": np.__version__},
    }
    print(f"oracle (per-agent Mesa, 2,000 people x 60 days): {oracle_pds:,.0f} person-days/s; "
          f"audsim at {largest['people']:,}: {results['oracle_ratio']}x")
    print(f"floor at {largest['people']:,}: {f['random_numbers']:,} random numbers {f['draw_s']} s + one pass a day over the state "
          f"{f['pass_s']} s = {f['floor_s']} s; the run took {results['floor_ratio']}x that")
    print(f"events at {largest['people']:,}: {events:,} ({', '.join(f'{k} {v:,}' for k, v in largest['events'].items())}) "
          f"x {per_event * 1e9:.1f} ns at their cheapest = {event_floor:.3f} s; the run took {results['event_floor_ratio']}x that")
    if exponent is not None:
        print(f"scaling exponent (run time ~ people^k): k = {exponent:.3f}")
    results["targets"] = targets(results)
    for t in results["targets"]:
        bound = "at most" if t["sense"] == "max" else "at least"
        verdict = "met" if t["met"] else f"missed by {t['ratio']}x"
        print(f"target, {t['target']}: {t['measured']:,} {t['unit']} against {bound} {t['limit']:,}: {verdict}")
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
