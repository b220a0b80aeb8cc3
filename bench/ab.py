"""Two versions of the model side by side: the same run, alternated, each in a fresh process.

    python bench/ab.py BEFORE [AFTER] [--scenario stammtisch] [--people 1000000] [--days 365] [--rounds 3]

BEFORE and AFTER are git revisions (AFTER: the working tree as it is). Each is
checked out into a temporary worktree; every round runs BEFORE, then AFTER,
each in its own process that first warms the compiled kernels (a small run),
then times one run of the scenario with seed 1. This machine's speed swings
by 10-30% within an hour, so only versions measured this way, alternated, are
compared; the ratio is of the medians of the run's CPU time. The number of
impressions is printed too: two versions of the model may do different work.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import json, sys, time
sys.path.insert(0, {tree!r})
import sim
sc = sim.load({scenario!r})
sim.run(sc, people=2000, days=20, seed=1)  # the kernels loaded (or compiled) before the clock starts
wall, cpu = time.perf_counter(), time.process_time()
r = sim.run(sc, people={people}, days={days}, seed=1)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({{"cpu_s": cpu, "wall_s": wall, "impressions": int(r.daily["impressions"].sum()), "module": sim.__file__}}))
"""


def measure(tree: Path, scenario: str, people: int, days: int) -> dict:
    """One run of ``scenario`` from the model in ``tree``, in a fresh process."""
    code = RUN.format(tree=str(tree), scenario=str(tree / "scenarios" / f"{scenario}.toml"), people=people, days=days)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tree)
    if out.returncode != 0:
        raise SystemExit(f"bench/ab.py: the run in {tree} failed: {(out.stderr.strip().splitlines() or ['?'])[-1]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(result.pop("module")).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"bench/ab.py: the run in {tree} imported sim from elsewhere")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after", nargs="?", help="a revision (default: the working tree)")
    ap.add_argument("--scenario", default="stammtisch")
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="audsim-ab-") as tmp:
        trees, made = {}, []
        for label, rev in (("before", args.before), ("after", args.after)):
            if rev is None:
                trees[label] = ROOT
                continue
            path = Path(tmp) / label
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(path), rev], check=True)
            trees[label], made = path, [*made, path]
        try:
            runs = {label: [] for label in trees}
            for i in range(args.rounds):
                for label, tree in trees.items():
                    runs[label].append(measure(tree, args.scenario, args.people, args.days))
                    r = runs[label][-1]
                    print(f"round {i + 1} {label:6s} {r['cpu_s']:6.2f} s CPU {r['wall_s']:6.2f} s wall, "
                          f"{r['impressions']:,} impressions", flush=True)
        finally:
            for path in made:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False)
    median = {label: statistics.median(r["cpu_s"] for r in rs) for label, rs in runs.items()}
    per = {label: median[label] / max(rs[0]["impressions"], 1) * 1e9 for label, rs in runs.items()}
    print(f"{args.scenario}, {args.people:,} people x {args.days} days, median CPU of the run: before {median['before']:.2f} s, "
          f"after {median['after']:.2f} s, after/before {median['after'] / median['before']:.2f}; "
          f"the run's CPU per impression {per['before']:.0f} -> {per['after']:.0f} ns")


if __name__ == "__main__":
    main()
