"""Sensitivity of the outcomes to the swept parameters.

Sobol designs give first-order and total indices (S1, ST), Morris designs
mu* and sigma (SALib's analysers, with their bootstrap intervals). Grid and
random designs give main effects: for each parameter the share of the
outcome's variance explained by its levels (eta squared, grid) or the
Spearman rank correlation (random, lhs). A grid's points are fixed, so the
interval of eta squared is a bootstrap over the replications at each point
(the noise is in the runs, not in the choice of levels); random and lhs
designs get Fisher-z intervals. A Sobol or Morris design needs every point:
where a point has no successful run its indices are "incomplete", and the
``note`` says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .spec import UNITS, SweepSpec

COLUMNS = ["outcome", "parameter", "method", "index", "value", "ci_low", "ci_high", "unit", "note"]
SHARE = {"S1": "share of variance", "ST": "share of variance", "eta_squared": "share of variance",
         "spearman_rho": "rank correlation (-1 to 1)"}  # Morris mu* and sigma are in the outcome's own unit


def successful(runs: pd.DataFrame, strategy: str | None = None) -> pd.DataFrame:
    """The runs without an error (of ``strategy``)."""
    ok = runs[runs["error"].isna() | (runs["error"] == "")]  # null (or "" in sweeps written before) is no error
    return ok if strategy is None else ok[ok["strategy"] == strategy]


def point_means(runs: pd.DataFrame, spec: SweepSpec, strategy: str | None = None) -> pd.DataFrame:
    """Outcomes averaged over replications, one row per design point (failed runs left out)."""
    groups = successful(runs, strategy).groupby("point")
    params = groups[[f"param:{k}" for k in spec.parameters]].first()  # the same at every replication (text for "auto")
    return params.join(groups[list(spec.outcomes)].mean()).sort_index()


def analyze(out: str | Path, plot: bool = True) -> pd.DataFrame:
    """Write sensitivity.csv (and sensitivity.png) for the sweep in ``out``."""
    out = Path(out)
    spec = SweepSpec.model_validate(json.loads((out / "sweep.json").read_text())["sweep"], context={"recorded": True})
    runs = pd.read_parquet(out / "runs.parquet")
    rows = []
    for strategy in runs["strategy"].unique():
        means = point_means(runs, spec, strategy)
        ok = successful(runs, strategy)
        for outcome in spec.outcomes:
            for r in _indices(spec, means, outcome, ok):
                rows.append({"strategy": strategy, "note": "", **r,
                             "unit": SHARE.get(r["index"], UNITS.get(outcome, "") if r["index"] in ("mu_star", "sigma") else "")})
    table = pd.DataFrame(rows, columns=["strategy", *COLUMNS])
    table.to_csv(out / "sensitivity.csv", index=False)
    picture = out / "sensitivity.png"
    picture.unlink(missing_ok=True)  # an earlier analysis's picture must not outlive its table
    if plot and table["value"].notna().any():
        _plot(table, picture)
    return table


def _indices(spec: SweepSpec, means: pd.DataFrame, outcome: str, runs: pd.DataFrame) -> list[dict]:
    """The indices of each parameter for one outcome, from the point means (and, for a grid's intervals, the
    successful ``runs`` at each point)."""
    names = list(spec.parameters)
    y = means[outcome].to_numpy(dtype=float)
    if spec.design in ("sobol", "morris"):
        n_expected = len(spec.sample_matrix())
        missing = n_expected - int(np.count_nonzero(~np.isnan(y)))
        if missing:
            note = (f"{missing} of {n_expected} design points have no successful run (see the error column of runs.parquet); "
                    f"{spec.design} needs every point: narrow the ranges that fail")
            return [{"outcome": outcome, "parameter": p, "method": spec.design, "index": "incomplete", "value": np.nan,
                     "ci_low": np.nan, "ci_high": np.nan, "note": note} for p in names]
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
                         "ci_low": max(0.0, s["mu_star"][i] - s["mu_star_conf"][i]),  # a mean of absolute effects
                         "ci_high": s["mu_star"][i] + s["mu_star_conf"][i]})
            rows.append({"outcome": outcome, "parameter": p, "method": "morris", "index": "sigma", "value": s["sigma"][i],
                         "ci_low": np.nan, "ci_high": np.nan})
        return rows
    rows = []
    keep = ~np.isnan(y)
    if spec.design == "grid":
        replications = runs.groupby("point")[outcome].apply(lambda v: v.dropna().to_numpy(dtype=float))
        draws = _replication_draws([replications[pt] for pt in means.index[keep]], spec.seed)
    for p in names:
        if spec.design == "grid":  # levels as categories: a word ("auto") is a level like any number
            x = pd.factorize(means[f"param:{p}"])[0][keep]
            value = float(_eta_squared(x, y[keep][None, :])[0])
            lo, hi = np.percentile(_eta_squared(x, draws), [2.5, 97.5]) if draws is not None else (np.nan, np.nan)
            note = "" if draws is not None else "no interval: it needs at least 2 replications at every point"
            rows.append({"outcome": outcome, "parameter": p, "method": "grid", "index": "eta_squared", "value": value,
                         "ci_low": float(lo), "ci_high": float(hi), "note": note})
        else:
            x = means[f"param:{p}"].to_numpy(dtype=float)
            rho, lo, hi = _spearman(x[keep], y[keep])
            rows.append({"outcome": outcome, "parameter": p, "method": spec.design, "index": "spearman_rho", "value": rho, "ci_low": lo, "ci_high": hi})
    return rows


def _eta_squared(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Share of the variance between the levels ``x`` (integer codes) of each row of ``y`` (rows x points)."""
    onehot = np.eye(x.max() + 1 if x.size else 0)[x]  # points x levels
    n = onehot.sum(axis=0)
    centred = y - y.mean(axis=1, keepdims=True)
    total = (centred ** 2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        between = ((centred @ onehot) ** 2 / np.where(n > 0, n, 1)).sum(axis=1)
        return np.where(total > 0, between / np.where(total > 0, total, 1), 0.0)


def _replication_draws(values: list[np.ndarray], seed: int, resamples: int = 500) -> np.ndarray | None:
    """Point means of ``resamples`` bootstrap draws of each point's replications (resamples x points); None where
    a point has fewer than two (its noise cannot be told)."""
    counts = np.array([v.size for v in values])
    if counts.size == 0 or counts.min() < 2:
        return None
    rng = np.random.default_rng(seed)
    flat = np.concatenate(values)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    most = counts.max()
    pick = (rng.random((resamples, counts.size, most)) * counts[None, :, None]).astype(np.int64)
    drawn = np.where(np.arange(most)[None, None, :] < counts[None, :, None], flat[start[None, :, None] + pick], 0.0)
    return drawn.sum(axis=2) / counts


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

    main = table[table["index"].isin(["ST", "mu_star", "eta_squared", "spearman_rho"]) & table["value"].notna()]
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
