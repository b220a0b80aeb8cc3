"""Sensitivity of the outcomes to the swept parameters.

Sobol designs give first-order and total indices (S1, ST), Morris designs
mu* and sigma (SALib's analysers, with their bootstrap intervals). Grid and
random designs give main effects: for each parameter the share of the
runs' variance in the outcome explained by its levels (eta squared, grid;
the runs' own noise counts in the whole) or the Spearman rank correlation
(random, lhs). A grid's points are fixed, so the
interval of eta squared is a bootstrap over the replications at each point
(the noise is in the runs, not in the choice of levels); random and lhs
designs get Fisher-z intervals. The ``note`` says what a reader must know:
points or runs missing (not yet run: resume; failed: the error column), a
design too small for its indices to be read, a Sobol index outside [0, 1]
beyond its interval. Sobol, Morris and grid designs need every point: with
one missing their indices read "incomplete"; random and lhs designs are
analysed on the points that ran, and say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from ..interrupt import between_days
from ..scenario import ScenarioError
from .spec import UNITS, SweepSpec, resume_command

COLUMNS = ["outcome", "parameter", "method", "index", "value", "ci_low", "ci_high", "points", "runs", "unit", "note"]
SHARE = {"S1": "share of variance", "ST": "share of variance", "eta_squared": "share of variance",
         "spearman_rho": "rank correlation (-1 to 1)"}  # Morris mu* and sigma are in the outcome's own unit
NEEDS_EVERY_POINT = ("grid", "sobol", "morris")  # SALib's estimators read the design whole; a grid's levels overlap without it
# Below these sizes an index is noted as too small to be read and given no interval (a bootstrap or Fisher's z over so
# few has no footing). Morris screening is run with 10 or more trajectories (the common advice since Campolongo,
# Cariboni and Saltelli 2007, whose method SALib's morris follows). A rank correlation of fewer than 10 points takes
# few values: at 5 a perfect one happens by chance 1 in 120. Sobol estimates need far more: scipy's sobol_indices
# advises at least 2**12 base samples even for 3 parameters, more than most simulation budgets, so below 16 Sobol
# indices are not read at all, and above it each index whose own interval spans more than 0-1 says so.
MIN_TRAJECTORIES, MIN_POINTS, MIN_SOBOL_SAMPLES = 10, 10, 16
# A grid's eta squared is bootstrapped over its replications: with r of them a point's resample takes at most
# r**r values (2 replications: the estimate, or one replication's value twice), so below 5 the interval is noted rough.
MIN_BOOTSTRAP_REPS = 5


class NoSuccessfulRun(ScenarioError):
    """A sweep none of whose runs succeeded: its rows hold no outcome, so there is nothing to analyse."""


def successful(runs: pd.DataFrame, strategy: str | None = None) -> pd.DataFrame:
    """The runs without an error (of ``strategy``)."""
    if runs.empty:
        return runs  # no run finished (a sweep stopped before its first): no error column either
    ok = runs[runs["error"].isna() | (runs["error"] == "")]  # null (or "" in sweeps written before) is no error
    return ok if strategy is None else ok[ok["strategy"] == strategy]


def point_means(runs: pd.DataFrame, spec: SweepSpec, strategy: str | None = None) -> pd.DataFrame:
    """Outcomes averaged over replications, one row per design point (failed runs left out); NoSuccessfulRun if
    no run (of ``strategy``) succeeded."""
    ok = successful(runs, strategy)
    if ok.empty:
        runs.attrs.setdefault("resume", resume_command(spec, runs.attrs.get("folder") or "OUT"))
        raise NoSuccessfulRun(_none_succeeded(runs, strategy))
    groups = ok.groupby("point")
    params = groups[[f"param:{k}" for k in spec.parameters]].first()  # the same at every replication (text for "auto")
    return params.join(groups[list(spec.outcomes)].mean()).sort_index()


def _none_succeeded(runs: pd.DataFrame, strategy: str | None = None) -> str:
    """One line: no run succeeded, the first error and where every run's error is (the folder if ``collect`` or
    ``analyze`` named it)."""
    folder = runs.attrs.get("folder")
    prefix = f"{folder}: " if folder else ""
    if runs.empty:
        resume = runs.attrs.get("resume") or f"audsim sweep SWEEP.toml --out {folder or 'OUT'} --resume"
        return f"{prefix}no run has finished yet; finish the sweep with {resume}"
    mine = runs if strategy is None else runs[runs["strategy"] == strategy]
    of = f" of {strategy}" if strategy is not None else ""
    if mine.empty:
        return f"{prefix}no run{of} has finished yet"
    table = Path(folder) / "runs.parquet" if folder else "runs.parquet"
    return (f"{prefix}none of the {len(mine)} runs{of} succeeded, so there is nothing to analyse; each run's error is in "
            f"the error column of {table} (the first: {mine['error'].dropna().iloc[0]})")


def analyze(out: str | Path, plot: bool = True) -> pd.DataFrame:
    """Write sensitivity.csv (and sensitivity.png) for the sweep in ``out``; NoSuccessfulRun if no run succeeded."""
    out = Path(out)
    try:
        manifest = json.loads((out / "sweep.json").read_text())
        spec = SweepSpec.model_validate(manifest["sweep"], context={"recorded": True})
    except (OSError, ValueError, KeyError, TypeError) as e:  # ValueError: bad JSON, or a sweep that does not validate
        raise ScenarioError(f"{out / 'sweep.json'}: cannot be read as a sweep ({e.__class__.__name__}); expected the "
                            "sweep.json audsim sweep wrote") from None
    try:
        runs = pd.read_parquet(out / "runs.parquet")
    except Exception as e:  # damaged, or not a table: its parts (if any are left) are what the sweep made
        raise ScenarioError(f"{out / 'runs.parquet'}: cannot be read ({e.__class__.__name__}); expected the table audsim sweep "
                            "wrote (delete it to analyse the runs in parts/, or --resume the sweep to make it again)") from None
    runs.attrs["folder"] = str(out)
    runs.attrs["resume"] = resume_command(spec, out, manifest.get("command"))
    if successful(runs).empty:
        raise NoSuccessfulRun(_none_succeeded(runs))
    rows = []
    for strategy in manifest.get("scenarios") or runs["strategy"].unique():  # a strategy none of whose runs finished too
        mine = runs[runs["strategy"] == strategy]
        coverage = _coverage(spec, mine, out, runs.attrs["resume"])
        means = point_means(mine, spec) if not successful(mine).empty else None
        ok = successful(mine)
        for outcome in spec.outcomes:
            # what each index rests on: the points with a value of the outcome, and the runs behind them
            behind = {"points": int(means[outcome].notna().sum()) if means is not None else 0, "runs": int(ok[outcome].notna().sum())}
            for r in _indices(spec, means, outcome, ok, coverage):
                rows.append({"strategy": strategy, **r, **behind,
                             "unit": SHARE.get(r["index"], UNITS.get(outcome, "") if r["index"] in ("mu_star", "sigma") else "")})
    table = pd.DataFrame(rows, columns=["strategy", *COLUMNS])
    _write(table, out, plot and table["value"].notna().any())
    return table


def _write(table: pd.DataFrame, out: Path, plot: bool) -> None:
    """sensitivity.csv and its picture, both new or neither: written aside, then moved in with Ctrl-C held off; an
    earlier analysis's picture does not outlive its table."""
    csv, png = out / ".sensitivity.csv.tmp", out / ".sensitivity.png.tmp"
    try:
        table.to_csv(csv, index=False)
        if plot:
            _plot(table, png)
        with between_days():
            csv.replace(out / "sensitivity.csv")
            if plot:
                png.replace(out / "sensitivity.png")
            else:
                (out / "sensitivity.png").unlink(missing_ok=True)
    finally:
        csv.unlink(missing_ok=True)
        png.unlink(missing_ok=True)


@dataclass
class _Coverage:
    """What of a strategy's design has run: points without a successful run, told apart as not yet run (to resume)
    or failed (their errors in runs.parquet), and runs missing at the other points."""

    points: int
    unrun_points: int
    failed_points: int
    unrun_runs: int
    failed_runs: int
    out: Path
    resume: str  # the command that finishes this sweep (``resume_command``)

    @property
    def missing(self) -> int:
        return self.unrun_points + self.failed_points

    def what(self) -> str:
        parts = [f"{self.unrun_points} of {self.points} points not yet run" if self.unrun_points else "",
                 f"{self.failed_points} of {self.points} points failed in every run" if self.failed_points else ""]
        if self.unrun_runs or self.failed_runs:
            parts.append(" and ".join(p for p in (_runs(self.unrun_runs, "not yet run"), _runs(self.failed_runs, "failed")) if p)
                         + " (those points' means are over fewer replications)")
        return _joined(*parts)

    def action(self) -> str:
        return _joined(f"finish it with {self.resume}" if self.unrun_points or self.unrun_runs else "",
                       f"see the error column of {self.out / 'runs.parquet'}" if self.failed_points or self.failed_runs else "")


def _runs(n: int, what: str) -> str:
    return f"{n} more {'run' if n == 1 else 'runs'} {what}" if n else ""


def _coverage(spec: SweepSpec, runs: pd.DataFrame, out: Path, resume: str) -> _Coverage:
    """How much of the design ``runs`` (one strategy's) covers."""
    n = len(spec.points())
    per = pd.DataFrame(0, index=range(n), columns=["ok", "failed"])
    if not runs.empty:
        failed = runs["error"].notna() & (runs["error"] != "")
        per = per.add(pd.DataFrame({"ok": ~failed, "failed": failed}).groupby(runs["point"]).sum(), fill_value=0)
    none = per["ok"] == 0
    return _Coverage(n, int((none & (per["failed"] == 0)).sum()), int((none & (per["failed"] > 0)).sum()),
                     int((spec.reps - per["ok"] - per["failed"])[~none].sum()), int(per["failed"][~none].sum()), out, resume)



def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _indices(spec: SweepSpec, means: pd.DataFrame | None, outcome: str, runs: pd.DataFrame, coverage: _Coverage) -> list[dict]:
    """The indices of each parameter for one outcome, from the point means (and, for a grid's intervals, the
    successful ``runs`` at each point), each with its note."""
    names = list(spec.parameters)
    y = (means[outcome].reindex(range(coverage.points)) if means is not None else pd.Series(np.nan, index=range(coverage.points)))
    y = y.to_numpy(dtype=float)
    keep = ~np.isnan(y)
    valueless = int(np.count_nonzero(~keep)) - coverage.missing  # points that ran but give no value of this outcome (NaN)
    what = _joined(coverage.what(), f"{valueless} of {coverage.points} points give no value of {outcome}" if valueless else "")
    if spec.design in NEEDS_EVERY_POINT and not keep.all():
        fails = f": narrow the {'levels' if spec.design == 'grid' else 'ranges'} that fail" if coverage.failed_points else ""
        note = _joined(what, f"a {spec.design} design needs every point{fails}", coverage.action())
        return [{"outcome": outcome, "parameter": p, "method": spec.design, "index": "incomplete", "value": np.nan,
                 "ci_low": np.nan, "ci_high": np.nan, "note": note} for p in names]
    if spec.design not in NEEDS_EVERY_POINT and not keep.any():
        return [{"outcome": outcome, "parameter": p, "method": spec.design, "index": "incomplete", "value": np.nan,
                 "ci_low": np.nan, "ci_high": np.nan, "note": _joined(what, coverage.action())} for p in names]
    if spec.design == "sobol":
        return _sobol(spec, y, outcome, _joined(what, coverage.action()))
    if spec.design == "morris":
        return _morris(spec, y, outcome, _joined(what, coverage.action()))
    rows = []
    if spec.design == "grid":
        replications = runs.groupby("point")[outcome].apply(lambda v: v.dropna().to_numpy(dtype=float))
        values = [replications[pt] for pt in means.index]
        at = np.repeat(np.arange(len(values)), [v.size for v in values])  # each run's point
        outcomes = np.concatenate(values)[None, :]
        draws = _replication_draws(values, spec.seed, paired=spec.common_random_numbers)
        for p in names:  # levels as categories: a word ("auto") is a level like any number
            x = pd.factorize(means[f"param:{p}"])[0][at]
            value = float(_eta_squared(x, outcomes)[0])
            lo, hi = _eta_interval(value, _eta_squared(x, draws)) if draws is not None else (np.nan, np.nan)
            fewest = min(v.size for v in values)
            rough = (f"a rough interval: bootstrapped over {fewest} replications a point (at least {MIN_BOOTSTRAP_REPS} "
                     "to be read)") if fewest < MIN_BOOTSTRAP_REPS else ""
            note = _joined(what, rough if draws is not None else "no interval: it needs at least 2 replications at every point",
                           coverage.action())
            if np.ptp(outcomes) == 0 or np.isnan(value):  # no variance to share out (0/0 read as "explains nothing")
                value, lo, hi, note = np.nan, np.nan, np.nan, _joined(what, f"{outcome} was the same in every run")
            elif value == 0:  # the levels gave the same runs, seed for seed: no effect, not a share too small to see
                note = _joined(what, f"no effect: {p}'s levels gave the same {outcome} run for run", coverage.action())
            elif np.unique(x).size == x.size:  # one run a level: all variation lies between the levels, 1 whatever the effect
                value, lo, hi = np.nan, np.nan, np.nan
                note = _joined(what, "one run a level: eta squared would be 1 whatever the effect; run 2 or more "
                                     "replications a point", coverage.action())
            rows.append({"outcome": outcome, "parameter": p, "method": "grid", "index": "eta_squared", "value": value,
                         "ci_low": float(lo), "ci_high": float(hi), "note": note})
        return rows
    ran = (f"rho from {int(keep.sum())} of the {coverage.points} points" + (" (the failed points' region left out)" if coverage.failed_points else "")
           if coverage.missing or valueless else "")
    xs = means[[f"param:{p}" for p in names]].reindex(range(coverage.points)).to_numpy(dtype=float)[keep]
    y = y[keep]
    combos, inverse = np.unique(xs, axis=0, return_inverse=True)  # a random draw of levels can repeat a point
    if len(combos) < len(xs):  # one point per combination, its runs' mean: the copies ran the same seeds, and are no data
        y = np.bincount(inverse.ravel(), weights=y) / np.bincount(inverse.ravel())
        xs = combos
        ran = _joined(ran, f"{len(combos)} distinct of {int(keep.sum())} points (the design drew some twice; each counted once)")
    for i, p in enumerate(names):
        rho, lo, hi = _spearman(xs[:, i], y)
        n = len(y)
        if n < MIN_POINTS:
            size = f"{n} points: too few for a rank correlation to be read (at least {MIN_POINTS}; no interval)"
        elif np.isfinite(rho) and np.isnan(lo):
            size = "a rank correlation of exactly -1 or 1: Fisher's z gives it no interval"
        else:
            size = ""
        rows.append({"outcome": outcome, "parameter": p, "method": spec.design, "index": "spearman_rho", "value": rho,
                     "ci_low": lo, "ci_high": hi,
                     "note": _joined(what, ran, size, coverage.action())})
    return rows


def _sobol(spec: SweepSpec, y: np.ndarray, outcome: str, note: str) -> list[dict]:
    """S1 and ST with SALib's bootstrap intervals; none below MIN_SOBOL_SAMPLES base samples, and each index whose
    interval spans more than 0-1 or lies wholly outside it noted."""
    from SALib.analyze import sobol

    if np.ptp(y) == 0:  # no variance to share out (SALib would warn and give 0 for every index: "no influence")
        return [{"outcome": outcome, "parameter": p, "method": "sobol", "index": idx, "value": np.nan, "ci_low": np.nan,
                 "ci_high": np.nan, "note": _joined(note, "the outcome is the same in every run: no variance to attribute")}
                for p in spec.parameters for idx in ("S1", "ST")]
    s = sobol.analyze(spec.problem(), y, calc_second_order=False, seed=spec.seed)
    small = spec.samples < MIN_SOBOL_SAMPLES
    size = (f"{spec.samples} base samples: too few for Sobol indices to be read (at least {MIN_SOBOL_SAMPLES}; no interval)"
            if small else "")
    rows = []
    for i, p in enumerate(spec.parameters):
        for idx in ("S1", "ST"):
            value, half = float(s[idx][i]), float(s[f"{idx}_conf"][i])
            lo, hi = (np.nan, np.nan) if small else (value - half, value + half)
            flag = ("" if small else
                    "its interval spans more than 0-1: too few samples to read it" if hi - lo > 1 else
                    "below 0 beyond its interval: the estimate has not settled (more samples)" if hi < 0 else
                    "above 1 beyond its interval: the estimate has not settled (more samples)" if lo > 1 else
                    "outside 0-1, which a share of variance cannot be: the estimate has not settled (more samples)"
                    if not 0 <= value <= 1 else "")
            rows.append({"outcome": outcome, "parameter": p, "method": "sobol", "index": idx, "value": value,
                         "ci_low": lo, "ci_high": hi, "note": _joined(note, size, flag)})
    return rows


def _morris(spec: SweepSpec, y: np.ndarray, outcome: str, note: str) -> list[dict]:
    """mu* (with SALib's bootstrap interval, none below MIN_TRAJECTORIES) and sigma."""
    from SALib.analyze import morris

    s = morris.analyze(spec.problem(), spec.sample_matrix(), y, num_levels=spec.morris_levels, seed=spec.seed)
    small = spec.samples < MIN_TRAJECTORIES
    note = _joined(note, f"{spec.samples} trajectories: too few for mu* and sigma to be read (at least {MIN_TRAJECTORIES}; "
                         "no interval)" if small else "")
    rows = []
    for i, p in enumerate(spec.parameters):
        mu, half = float(s["mu_star"][i]), float(s["mu_star_conf"][i])
        rows.append({"outcome": outcome, "parameter": p, "method": "morris", "index": "mu_star", "value": mu,
                     "ci_low": np.nan if small else max(0.0, mu - half),  # a mean of absolute effects
                     "ci_high": np.nan if small else mu + half, "note": note})
        rows.append({"outcome": outcome, "parameter": p, "method": "morris", "index": "sigma", "value": float(s["sigma"][i]),
                     "ci_low": np.nan, "ci_high": np.nan, "note": note})
    return rows


def _eta_squared(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Share of the variance between the levels ``x`` (integer codes) of each row of ``y`` (rows x runs). Over runs,
    not point means: with one parameter every point is its own level, and the means' share was 1 whatever the effect."""
    onehot = np.eye(x.max() + 1 if x.size else 0)[x]  # runs x levels
    n = onehot.sum(axis=0)
    centred = y - y.mean(axis=1, keepdims=True)
    total = (centred ** 2).sum(axis=1)
    # Rounding leaves about 1e-16 of the values' size in sums that should be 0: a variance below it is none (a
    # resample that drew one replication everywhere), and a share of it below 1e-12 is a level that changed nothing.
    noise = (ROUNDING * np.abs(y).max(axis=1, initial=0.0)) ** 2 * y.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        between = ((centred @ onehot) ** 2 / np.where(n > 0, n, 1)).sum(axis=1)
        share = np.where(total > noise, between / np.where(total > 0, total, 1), np.nan)
    return np.where(share < 1e-12, 0.0, share)


ROUNDING = 1e-12  # relative size of rounding in an outcome's sums (float64's 1e-16, with room for long sums)


def _eta_interval(value: float, draws: np.ndarray) -> tuple[float, float]:
    """The bootstrap's 95% spread around its median, centred on the estimate, within [0, 1]. Resampling a point's
    replications moves eta squared: the draws' own percentiles could leave out the estimate they are about (on point
    means, 0.908 with [0.590, 0.875] in a 3-replication grid)."""
    draws = draws[np.isfinite(draws)]  # a resample without variance has no share to give
    if draws.size == 0:
        return np.nan, np.nan
    lo, mid, hi = np.percentile(draws, [2.5, 50, 97.5])
    return float(np.clip(value - (mid - lo), 0.0, 1.0)), float(np.clip(value + (hi - mid), 0.0, 1.0))


def _replication_draws(values: list[np.ndarray], seed: int, resamples: int = 500, paired: bool = False) -> np.ndarray | None:
    """``resamples`` bootstrap draws of each point's replications (resamples x runs, the runs in the order of
    ``values``); None where a point has fewer than two (its noise cannot be told). ``paired`` (common random
    numbers: replication r ran the same seed at every point): one draw of replications for all points, so that
    levels that change nothing stay alike in every draw (drawn apart, they made an interval up to 0.48 around 0)."""
    counts = np.array([v.size for v in values])
    if counts.size == 0 or counts.min() < 2:
        return None
    rng = np.random.default_rng(seed)
    flat = np.concatenate(values)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    most = counts.max()
    paired = paired and counts.min() == most  # a point that lost a run breaks the pairing
    pick = (rng.random((resamples, 1 if paired else counts.size, most)) * counts[None, :, None]).astype(np.int64)
    drawn = flat[start[None, :, None] + pick]  # paired: the one draw broadcast to every point
    return drawn[:, np.arange(most)[None, :] < counts[:, None]]


def _spearman(x, y):
    """Spearman's rho with a Fisher-z interval of variance (1 + rho**2 / 2) / (n - 3) (Bonett and Wright 2000,
    Psychometrika 65: 23-28; Pearson's 1 / (n - 3) is too narrow for ranks); no interval below MIN_POINTS points, nor at
    rho = -1 or 1, where the transform has none (a clip there gave a near-certain interval from 5 points)."""
    n = len(x)
    if n < 4 or np.all(x == x[0]) or np.all(y == y[0]):
        return np.nan, np.nan, np.nan
    rho = float(stats.spearmanr(x, y).statistic)
    if n < MIN_POINTS or abs(rho) > 1 - 1e-12:
        return rho, np.nan, np.nan
    z, half = np.arctanh(rho), stats.norm.ppf(0.975) * np.sqrt((1 + rho ** 2 / 2) / (n - 3))
    return rho, float(np.tanh(z - half)), float(np.tanh(z + half))


def needs_care(table: pd.DataFrame) -> pd.Series:
    """The indices whose note is a caveat (too few points or replications, a rough or no interval), not "no effect"."""
    note = table["note"].fillna("")
    return note.str.len().gt(0) & ~note.str.startswith("no effect")


AXIS = {"ST": "total-order Sobol index (share of variance)", "eta_squared": "eta squared (share of the runs' variance)",
        "spearman_rho": "Spearman's rank correlation", "mu_star": "mean absolute elementary effect (the outcome's unit)"}


def _plot(table: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    main = table[table["index"].isin(["ST", "mu_star", "eta_squared", "spearman_rho"]) & table["value"].notna()]
    outcomes = main["outcome"].unique()
    fig, axes = plt.subplots(1, len(outcomes), figsize=(5 * len(outcomes), 0.5 * main["parameter"].nunique() + 2.5), squeeze=False)
    unreadable = False
    for ax, outcome in zip(axes[0], outcomes):
        sub = main[main["outcome"] == outcome]
        labels = sub["strategy"] + ": " + sub["parameter"] if sub["strategy"].nunique() > 1 else sub["parameter"]
        noted = needs_care(sub)
        ax.barh(labels, sub["value"], color=np.where(noted, "#bbbbbb", "#1f77b4"))
        ranged = sub["ci_low"].notna() & sub["ci_high"].notna()  # no whisker where there is no interval, not a zero-width one
        if ranged.any():
            err = np.vstack([sub["value"] - sub["ci_low"], sub["ci_high"] - sub["value"]])[:, ranged.to_numpy()].clip(min=0)
            ax.errorbar(sub["value"][ranged], np.flatnonzero(ranged.to_numpy()), xerr=err, fmt="none", ecolor="black", capsize=3)
        unreadable |= bool(noted.any())
        index = sub["index"].iloc[0]
        ax.set_title(outcome)  # the index is the axis's label
        ax.set_xlabel(AXIS.get(index, index))
        ax.grid(axis="x", alpha=0.3)
    if unreadable:
        fig.text(0.01, 0.005, "grey: an index with a caveat (too few points or replications, a rough or no interval): "
                 "see the note column of sensitivity.csv", fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04 if unreadable else 0, 1, 1))
    fig.savefig(path, dpi=110, format="png")
    plt.close(fig)
