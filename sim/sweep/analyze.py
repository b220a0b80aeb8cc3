"""Sensitivity of the outcomes to the swept parameters.

Sobol designs give first-order and total indices (S1, ST), Morris designs
mu* and sigma (SALib's analysers, with their bootstrap intervals). Grid and
random designs give main effects: for each parameter the share of the
outcome's variance explained by its levels (eta squared, grid) or the
Spearman rank correlation (random, lhs), with bootstrap or Fisher-z intervals.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .spec import SweepSpec

COLUMNS = ["outcome", "parameter", "method", "index", "value", "ci_low", "ci_high"]


def point_means(runs: pd.DataFrame, spec: SweepSpec, strategy: str | None = None) -> pd.DataFrame:
    """Outcomes averaged over replications, one row per design point (failed runs left out)."""
    ok = runs[runs["error"].isna() | (runs["error"] == "")]  # null (or "" in sweeps written before) is no error
    if strategy is not None:
        ok = ok[ok["strategy"] == strategy]
    groups = ok.groupby("point")
    params = groups[[f"param:{k}" for k in spec.parameters]].first()  # the same at every replication (text for "auto")
    return params.join(groups[list(spec.outcomes)].mean()).sort_index()


def analyze(out: str | Path, plot: bool = True) -> pd.DataFrame:
    """Write sensitivity.csv (and sensitivity.png) for the sweep in ``out``."""
    out = Path(out)
    spec = SweepSpec.model_validate(json.loads((out / "sweep.json").read_text())["sweep"])
    runs = pd.read_parquet(out / "runs.parquet")
    rows = []
    for strategy in runs["strategy"].unique():
        means = point_means(runs, spec, strategy)
        for outcome in spec.outcomes:
            for r in _indices(spec, means, outcome):
                rows.append({"strategy": strategy, **r})
    table = pd.DataFrame(rows, columns=["strategy", *COLUMNS])
    table.to_csv(out / "sensitivity.csv", index=False)
    if plot and len(table):
        _plot(table, out / "sensitivity.png")
    return table


def _indices(spec: SweepSpec, means: pd.DataFrame, outcome: str) -> list[dict]:
    names = list(spec.parameters)
    y = means[outcome].to_numpy(dtype=float)
    if spec.design in ("sobol", "morris"):
        n_expected = len(spec.sample_matrix())
        if len(means) != n_expected or np.isnan(y).any():
            return [{"outcome": outcome, "parameter": p, "method": spec.design, "index": "incomplete", "value": np.nan,
                     "ci_low": np.nan, "ci_high": np.nan} for p in names]
    if spec.design == "sobol":
        from SALib.analyze import sobol

        s = sobol.analyze(spec.problem(), y, calc_second_order=False, seed=spec.seed)
        return [{"outcome": outcome, "parameter": p, "method": "sobol", "index": idx, "value": s[idx][i],
                 "ci_low": s[idx][i] - s[f"{idx}_conf"][i], "ci_high": s[idx][i] + s[f"{idx}_conf"][i]}
                for i, p in enumerate(names) for idx in ("S1", "ST")]
    if spec.design == "morris":
        from SALib.analyze import morris

        X = spec.sample_matrix()
        s = morris.analyze(spec.problem(), X, y, num_levels=spec.morris_levels, seed=spec.seed)
        rows = []
        for i, p in enumerate(names):
            rows.append({"outcome": outcome, "parameter": p, "method": "morris", "index": "mu_star", "value": s["mu_star"][i],
                         "ci_low": s["mu_star"][i] - s["mu_star_conf"][i], "ci_high": s["mu_star"][i] + s["mu_star_conf"][i]})
            rows.append({"outcome": outcome, "parameter": p, "method": "morris", "index": "sigma", "value": s["sigma"][i],
                         "ci_low": np.nan, "ci_high": np.nan})
        return rows
    rows = []
    for p in names:
        keep = ~np.isnan(y)
        if spec.design == "grid":  # levels as categories: a word ("auto") is a level like any number
            x = pd.factorize(means[f"param:{p}"])[0]
            value, lo, hi = _eta_squared(x[keep], y[keep], spec.seed)
            rows.append({"outcome": outcome, "parameter": p, "method": "grid", "index": "eta_squared", "value": value, "ci_low": lo, "ci_high": hi})
        else:
            x = means[f"param:{p}"].to_numpy(dtype=float)
            rho, lo, hi = _spearman(x[keep], y[keep])
            rows.append({"outcome": outcome, "parameter": p, "method": spec.design, "index": "spearman_rho", "value": rho, "ci_low": lo, "ci_high": hi})
    return rows


def _eta_squared(x, y, seed, resamples: int = 500):
    """Share of y's variance between the levels of x, with a bootstrap percentile interval."""
    def eta(xx, yy):
        total = ((yy - yy.mean()) ** 2).sum()
        if total == 0:
            return 0.0
        frame = pd.DataFrame({"x": xx, "y": yy})
        g = frame.groupby("x")["y"]
        return float((g.count() * (g.mean() - yy.mean()) ** 2).sum() / total)

    value = eta(x, y)
    if len(y) < 3:
        return value, np.nan, np.nan
    res = stats.bootstrap((x, y), eta, paired=True, vectorized=False, n_resamples=resamples, method="percentile",
                          random_state=np.random.default_rng(seed))
    return value, float(res.confidence_interval.low), float(res.confidence_interval.high)


def _spearman(x, y):
    n = len(x)
    if n < 4 or np.all(x == x[0]) or np.all(y == y[0]):
        return np.nan, np.nan, np.nan
    rho = stats.spearmanr(x, y).statistic
    z, half = np.arctanh(np.clip(rho, -0.999999, 0.999999)), 1.96 / np.sqrt(n - 3)
    return float(rho), float(np.tanh(z - half)), float(np.tanh(z + half))


def _plot(table: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    main = table[table["index"].isin(["ST", "mu_star", "eta_squared", "spearman_rho"])]
    outcomes = main["outcome"].unique()
    fig, axes = plt.subplots(1, len(outcomes), figsize=(5 * len(outcomes), 0.5 * main["parameter"].nunique() + 2.5), squeeze=False)
    for ax, outcome in zip(axes[0], outcomes):
        sub = main[main["outcome"] == outcome]
        labels = sub["strategy"] + ": " + sub["parameter"] if sub["strategy"].nunique() > 1 else sub["parameter"]
        err = np.vstack([(sub["value"] - sub["ci_low"]).fillna(0), (sub["ci_high"] - sub["value"]).fillna(0)]).clip(min=0)
        ax.barh(labels, sub["value"], xerr=err, capsize=3)
        ax.set_title(f"{outcome} ({sub['index'].iloc[0]})")
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
