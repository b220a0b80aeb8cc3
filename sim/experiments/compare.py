"""Compare strategies over paired replications (common random numbers).

Replication r of every scenario runs with the same seed, so the differences
between strategies are paired: both face the same market, graph and problems.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from .. import outputs, runner
from ..model.measures import COST_PARTS, TRUST, unit
from ..model.sales import FADING_VALUE, OTHER_VALUES
from ..parallel import map_tasks, side_by_side
from ..scenario import MAX_REPS, Scenario, ScenarioError
from . import stats

METRICS = ("net_advocates_end", "purchase_index_start", "purchase_index_end", "purchase_index_change", "long_term_trust", "unfollow_rate_per_30d", "followers_change", "followers_end",
           "trust_followers_end", "interaction_rate", "organic_reach", "engagement_per_impression", "customers_start", "customers_end",
           "revenue", "gross_profit", "cost", *COST_PARTS, "net_profit", "customer_equity_change", "value", "value_undiscounted", "net_profit_present", "customer_equity_start", "customer_equity_end_present",
           "customer_equity_change_present",
           *OTHER_VALUES, FADING_VALUE, "value_costs_continue", "cost_per_year_end", "staff_hours", "content_hours", "full_time_staff",
           "cost_per_answer")
TRAJECTORIES = {"followers": "followers", "trust_market": TRUST, "trust_followers": TRUST,  # daily columns: their units
                "organic_reach": unit("organic_reach"), "interaction_rate": unit("interaction_rate"), "open_complaints": "complaints"}
MIN_REPS = 10


def with_units(table: pd.DataFrame, units=unit) -> pd.DataFrame:
    """A table of figures by ``metric`` with each figure's unit beside it (a difference has its figure's unit)."""
    at = list(table.columns).index("metric") + 1
    return table.assign(unit=table["metric"].map(units))[[*table.columns[:at], "unit", *table.columns[at:]]]


def replication_seeds(seed: int, reps: int) -> list[int]:
    """One seed per replication, spawned from ``seed`` (SeedSequence), shared by every scenario."""
    return [int(s.generate_state(1)[0]) for s in np.random.SeedSequence(seed).spawn(reps)]


def _replicate(task):
    """One run in a worker: returns its summary and the daily series the comparison plots."""
    name, sc, rep, seed = task
    result = runner.run(sc, seed=seed)
    traj = result.daily[["day", *TRAJECTORIES]].assign(scenario=name, replication=rep)
    return {"scenario": name, "replication": rep, "seed": seed, **result.summary}, traj


@dataclass
class Comparison:
    """The outputs of :func:`compare`, as DataFrames, with their manifest."""

    runs: pd.DataFrame
    table: pd.DataFrame
    differences: pd.DataFrame
    trajectories: pd.DataFrame
    manifest: dict

    @property
    def reps(self) -> int:
        return int(self.runs["replication"].nunique())

    def write(self, out: str | Path, plots: bool = True, overwrite: bool = False) -> Path:
        """Write the CSV files, the plots and manifest.json into ``out`` (atomically; see :mod:`sim.outputs`)."""
        return outputs.write_folder(out, lambda tmp: self.write_into(tmp, plots), overwrite)

    def write_into(self, folder: Path, plots: bool = True, lang: str = "en", story=None) -> None:
        """The CSV files, manifest.json and (with ``plots``) the plots, in ``lang`` and the ``story``'s words."""
        self.runs.to_csv(folder / "runs.csv", index=False)
        with_units(self.table).to_csv(folder / "compare.csv", index=False)
        with_units(self.differences).to_csv(folder / "differences.csv", index=False)
        with_units(self.trajectories, TRAJECTORIES).to_csv(folder / "trajectories.csv", index=False)
        (folder / "manifest.json").write_text(json.dumps(self.manifest, indent=2, default=str))
        if plots:
            from ..report import plots as _plots

            _plots.save_all(self, folder, lang, story)


def one_market(scenarios: dict[str, Scenario]) -> None:
    """Paired replications compare strategies in one market over one horizon: runs of another market size (its
    people, its money) or another horizon would differ by that, not by the strategy."""
    for key, option, why in (("simulation.days", "--days", "one horizon, to compare day by day"),
                             ("market.people", "--people", "one market, for paired runs")):
        values = {name: sc.value(key) for name, sc in scenarios.items()}
        if len(set(values.values())) > 1:
            shown = ", ".join(f"{name}: {v:,}" for name, v in values.items())
            raise ScenarioError(f"{key} differs ({shown}): expected {why}; set it with {option}")


def compare(scenarios: dict[str, Scenario], reps: int = 30, baseline: str | None = None, seed: int = 7,
            workers: int | None = None, progress=None) -> Comparison:
    """Run every scenario for the same ``reps`` replications and compare them.

    Args:
        scenarios: name -> resolved Scenario (days and people already set).
        baseline: the scenario the others are compared with (default: the first).
        workers: processes (default: all cores; 1 runs in this process).
        progress: optional callable ``progress(runs_done)``.
    """
    if not 2 <= reps <= MAX_REPS:
        raise ValueError(f"reps = {reps}: expected 2 to {MAX_REPS:,} replications (an interval needs two)")
    if reps < MIN_REPS:
        warnings.warn(f"only {reps} replications: intervals and tests are rough below {MIN_REPS}", stacklevel=2)
    one_market(scenarios)
    baseline = baseline or next(iter(scenarios))
    if baseline not in scenarios:
        raise ValueError(f"baseline = {baseline!r}: expected one of {', '.join(scenarios)}")
    seeds = replication_seeds(seed, reps)
    tasks = [(name, sc, r, s) for r, s in enumerate(seeds) for name, sc in scenarios.items()]
    at_once = side_by_side(len(tasks), workers)
    for sc in scenarios.values():  # before any run: a market that cannot fit is refused in one line
        runner.check_memory(sc, at_once)
    rows, trajs = [], []
    for row, traj in map_tasks(_replicate, tasks, workers):
        rows.append(row)
        trajs.append(traj)
        if progress:
            progress(1)
    runs = pd.DataFrame(rows).sort_values(["scenario", "replication"], key=_order(scenarios)).reset_index(drop=True)
    return Comparison(
        runs=runs,
        table=summary_table(runs, list(scenarios)),
        differences=difference_table(runs, list(scenarios), baseline),
        trajectories=trajectory_bands(pd.concat(trajs, ignore_index=True), list(scenarios)),
        manifest={
            "scenarios": {n: sc.model_dump(mode="json") for n, sc in scenarios.items()},
            "scenario_hashes": {n: sc.hash() for n, sc in scenarios.items()},
            "baseline": baseline, "reps": reps, "seed": seed, "replication_seeds": seeds,
            "versions": runner.versions(), "command": runner.command_line(),
        },
    )


def _order(scenarios):
    rank = {n: i for i, n in enumerate(scenarios)}
    return lambda col: col.map(rank) if col.name == "scenario" else col


def summary_table(runs: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """scenario, metric, mean, ci_low, ci_high, n (95% t-interval over replications)."""
    rows = []
    for name in names:
        sub = runs[runs["scenario"] == name]
        for metric in METRICS:
            m, lo, hi, n = stats.mean_interval(pd.to_numeric(sub[metric], errors="coerce"))
            rows.append({"scenario": name, "metric": metric, "mean": m, "ci_low": lo, "ci_high": hi, "n": n})
    return pd.DataFrame(rows)


def difference_table(runs: pd.DataFrame, names: list[str], baseline: str) -> pd.DataFrame:
    """Paired differences to the baseline, with Holm-adjusted p-values over all rows."""
    wide = {n: runs[runs["scenario"] == n].set_index("replication") for n in names}
    rows = []
    for name in names:
        if name == baseline:
            continue
        for metric in METRICS:
            a = pd.to_numeric(wide[name][metric], errors="coerce")
            b = pd.to_numeric(wide[baseline][metric], errors="coerce").reindex(a.index)
            rows.append({"scenario": name, "baseline": baseline, "metric": metric, **stats.paired_difference(a, b)})
    df = pd.DataFrame(rows, columns=["scenario", "baseline", "metric", "diff", "ci_low", "ci_high", "effect_size", "p_value", "n"])
    df["p_adjusted"] = stats.holm(df["p_value"].to_numpy()) if len(df) else []
    return df


def trajectory_bands(daily: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """day, scenario, metric, mean, low, high: the mean over replications and its 95% t-interval."""
    long = daily.melt(id_vars=["scenario", "replication", "day"], value_vars=list(TRAJECTORIES), var_name="metric")
    g = long.groupby(["scenario", "metric", "day"])["value"]
    out = g.agg(mean="mean", sd="std", n="count").reset_index()
    half = scipy_stats.t.ppf(0.975, np.maximum(out["n"] - 1, 1)) * out["sd"].fillna(0) / np.sqrt(out["n"].clip(lower=1))
    out["low"], out["high"] = out["mean"] - half, out["mean"] + half
    out["scenario"] = pd.Categorical(out["scenario"], categories=names, ordered=True)
    return out.sort_values(["scenario", "metric", "day"])[["day", "scenario", "metric", "mean", "low", "high", "n"]].reset_index(drop=True)
