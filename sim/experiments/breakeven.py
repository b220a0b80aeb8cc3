"""The break-even market: from which market size one strategy's value overtakes another's.

Both strategies run at each market size, paired (replication r of both uses
the same seed), each scaled to the size with :meth:`Scenario.scaled` (what a
brand spends per person grows with the market) and with its desk sized to its
load (``service.staff = "auto"``). What does not scale is what makes size
matter: a desk has at least one person for its covered hours, and organic
reach per post falls with the page's size. The value difference B - A is
interpolated linearly in the number of people between the two sizes where it
changes sign (exact when the difference is a per-person gain less a fixed
cost); the interval is where the 95% interval of the difference crosses zero.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import outputs, runner
from ..parallel import process_pool
from ..scenario import Scenario
from . import stats
from .compare import replication_seeds

PEOPLE = (10_000, 30_000, 100_000, 300_000, 1_000_000)


def at_size(scenario: Scenario, people: int, days: int) -> Scenario:
    """The scenario in a market of ``people``, its desk on "auto", over ``days``."""
    sized = scenario.scaled(people / scenario.market.people)
    return sized.with_overrides(source=f"{scenario.name} at {people:,} people",
                                **{"market.people": people, "simulation.days": days, "service.staff": "auto"})


def _value(task):
    label, people, rep, seed, sc = task
    s = runner.run(sc, seed=seed).summary
    return {"strategy": label, "people": people, "replication": rep, "seed": seed,
            **{k: s[k] for k in ("value", "net_profit", "customer_equity_change", "followers_end", "long_term_trust", "staff_hours")}}


@dataclass
class BreakEven:
    """Runs, the table by market size, and where B overtakes A (None when it does not in the range)."""

    runs: pd.DataFrame
    table: pd.DataFrame
    point: dict
    manifest: dict

    def write(self, out: str | Path, overwrite: bool = False) -> Path:
        """breakeven.csv, breakeven_runs.csv, the plot and manifest.json, atomically into ``out``."""
        def fill(tmp: Path):
            self.write_into(tmp)
            (tmp / "manifest.json").write_text(json.dumps({**self.manifest, "breakeven": self.point}, indent=2, default=str))

        return outputs.write_folder(out, fill, overwrite)

    def write_into(self, folder: Path) -> None:
        from ..report import plots

        self.runs.to_csv(folder / "breakeven_runs.csv", index=False)
        self.table.to_csv(folder / "breakeven.csv", index=False)
        (folder / "breakeven.json").write_text(json.dumps({**self.point, "manifest": self.manifest}, indent=2, default=str))
        plots.save_breakeven(self, folder)

    @staticmethod
    def rounded(x: float) -> int:
        return _round(x)

    def sentence(self) -> str:
        return describe(self.point, self.manifest["a"], self.manifest["b"])


def breakeven(a: Scenario, b: Scenario, people=PEOPLE, years: float = 3, reps: int = 10, seed: int = 7,
              workers: int | None = None, progress=None, days: int | None = None) -> BreakEven:
    """Run A and B at each market size for ``years`` (or ``days``) and find where B's value overtakes A's."""
    people = sorted(set(int(n) for n in people))
    if not people or people[0] < 10:
        raise ValueError(f"people = {people}: expected market sizes of at least 10")
    if a.name == b.name:
        b = b.model_copy(update={"name": f"{b.name}-b"})
    days = days or int(round(years * 365))
    seeds = replication_seeds(seed, reps)
    tasks = [(label, n, r, s, at_size(sc, n, days)) for n in people for r, s in enumerate(seeds) for label, sc in (("a", a), ("b", b))]
    workers = workers or os.cpu_count() or 1
    rows = []
    if workers == 1:
        for t in tasks:
            rows.append(_value(t))
            progress and progress(1)
    else:
        with process_pool(workers) as pool:
            for row in pool.map(_value, tasks, chunksize=1):
                rows.append(row)
                progress and progress(1)
    runs = pd.DataFrame(rows)
    table = difference_by_size(runs)
    return BreakEven(runs, table, crossing(table), {
        "a": a.name, "b": b.name, "people": people, "days": days, "reps": reps, "seed": seed, "replication_seeds": seeds,
        "scenarios": {"a": a.model_dump(mode="json"), "b": b.model_dump(mode="json")},
        "scenario_hashes": {"a": a.hash(), "b": b.hash()}, "versions": runner.versions(),
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0] else None})


def difference_by_size(runs: pd.DataFrame) -> pd.DataFrame:
    """people, value of A and of B (means), B - A (paired mean and 95% interval), per person too."""
    rows = []
    for n, sub in runs.groupby("people"):
        wide = sub.pivot(index="replication", columns="strategy", values="value")
        d = stats.paired_difference(wide["b"], wide["a"])
        rows.append({"people": n, "value_a": wide["a"].mean(), "value_b": wide["b"].mean(), "diff": d["diff"],
                     "ci_low": d["ci_low"], "ci_high": d["ci_high"], "diff_per_person": d["diff"] / n, "n": d["n"]})
    return pd.DataFrame(rows)


def crossing(table: pd.DataFrame) -> dict:
    """Where B - A turns from negative to positive: the market size, with the sizes where its interval's upper and
    lower bounds cross (the earliest and latest plausible break-even). ``status`` says which case holds."""
    n = table["people"].to_numpy(float)
    at = {col: _first_rise(n, table[col].to_numpy(float)) for col in ("diff", "ci_high", "ci_low")}
    d = table["diff"].to_numpy(float)
    if (d > 0).all():
        status = "b_ahead_everywhere"
    elif (d <= 0).all():
        status = "a_ahead_everywhere"
    elif at["diff"] is None:
        status = "b_falls_behind"  # B ahead at small markets and behind at large ones
    else:
        status = "b_overtakes"
    return {"status": status, "people": at["diff"], "low": at["ci_high"], "high": at["ci_low"],
            "smallest": int(n[0]), "largest": int(n[-1])}


def _first_rise(n: np.ndarray, y: np.ndarray) -> float | None:
    """The first market size at which ``y`` crosses from <= 0 to > 0, linear in people between grid points."""
    for i in range(1, len(n)):
        if y[i - 1] <= 0 < y[i]:
            return float(n[i - 1] + (n[i] - n[i - 1]) * (0 - y[i - 1]) / (y[i] - y[i - 1]))
    return None


def describe(point: dict, a: str, b: str) -> str:
    """The break-even in one sentence, for every case."""
    s, lo, hi = point["status"], point["low"], point["high"]
    if s == "b_ahead_everywhere":
        return f"{b}'s value is above {a}'s at every market size tested, from {point['smallest']:,} people."
    if s == "a_ahead_everywhere":
        return f"{b}'s value does not overtake {a}'s at any market size tested, up to {point['largest']:,} people."
    if s == "b_falls_behind":
        return f"{b}'s value is above {a}'s in small markets but falls behind in larger ones (see the table)."
    span = (f"{_round(lo):,}" if lo is not None else f"below {point['smallest']:,}") + " to " + \
           (f"{_round(hi):,}" if hi is not None else f"beyond {point['largest']:,}")
    return f"{b}'s value overtakes {a}'s from a market of about {_round(point['people']):,} people (95% interval {span})."


def _round(x: float) -> int:
    """Two significant figures: a break-even is not known to the person."""
    if x <= 0:
        return 0
    digits = max(0, int(math.floor(math.log10(x))) - 1)
    return int(round(x / 10**digits) * 10**digits)
