"""Approximate Bayesian computation over Latin hypercubes, in shrinking rounds.

The parameter box is sampled with SALib's Latin hypercube; every point runs
``reps`` replications with its own seeds (the sweep engine: parts on disk,
resumable, any executor): the spread of the posterior has to include the
noise of the data, which common random numbers would hide. Each point's distance to the targets is
sqrt(sum(((simulated - target) / scale)^2)) on the replication means; the
closest ``accept`` share of points decides the next round's box (their span,
widened by half on each side: a simple sequential ABC); the last round's
closest half, regression-adjusted (Beaumont et al. 2002), is the posterior:
its spread is the uncertainty, and its mean the fit, unless the closest point
gives the targets better when both are run again: parameters that trade off
against each other (reach against engagement, say) leave a ridge of good
fits, and the mean of each parameter apart can land off it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import Field, ValidationError

from .. import outputs, runner
from ..experiments.compare import replication_seeds
from ..parallel import side_by_side
from ..scenario import Number, Scenario, ScenarioError, Table, Whole, leaves, load, one_line, read_toml, shown
from ..sweep.analyze import point_means
from ..sweep.run import start_afresh, sweep
from ..sweep.spec import OUTCOMES, SweepSpec, Vary, with_value


class Target(Table):
    value: Number = Field(..., description="the figure to match")
    scale: Number = Field(..., gt=0, description="how far off counts as one unit of distance (same unit as value)")


class CalibrationSpec(Table):
    """A calibration file: base scenario, parameter ranges, target figures, design size."""

    base: str = Field(..., description="scenario file to calibrate (relative to this file)")
    samples: Whole = Field(64, ge=4, le=100_000, description="Latin-hypercube points")
    reps: Whole = Field(2, ge=1, le=1000, description="replications per point, each point its own seeds (1: simulated figures as noisy as one page's data)")
    accept: Number = Field(0.15, gt=0, le=1, description="share of closest points that set the next round's box")
    rounds: Whole = Field(2, ge=1, le=10, description="rounds; each samples the box spanned by the previous round's posterior")
    seed: Whole = Field(7, ge=0)
    people: Whole | None = Field(None, ge=10, le=50_000_000)
    days: Whole | None = Field(None, ge=1, le=100_000)
    ranges: dict[str, tuple[float, float]] = Field(default_factory=dict, description="dotted key -> [low, high]")
    targets: dict[str, Target] = Field(..., min_length=1, description="summary figure -> value and scale")
    fixed: dict[str, float | str | bool] = Field(default_factory=dict, description="dotted key -> value set before fitting")


def load_targets(path: str | Path) -> tuple[CalibrationSpec, Scenario]:
    path = Path(path)
    raw = read_toml(path, "calibration")
    try:
        spec = CalibrationSpec.model_validate(raw)
    except ValidationError as e:
        raise one_line(e, str(path), CalibrationSpec) from None
    for key in spec.fixed:
        if key in spec.ranges:  # the fit wrote its own value over the fixed one
            raise ScenarioError(f"{path}: fixed.{key} and ranges.{key}: a parameter is fixed or fitted; expected it in one of them")
    for metric in spec.targets:
        if metric not in OUTCOMES:
            raise ScenarioError(f"{path}: targets.{metric}: unknown figure; expected one of {', '.join(OUTCOMES)}")
    base = runner.resolve(path.parent / spec.base, spec.days, spec.people)
    base = base.with_overrides(source=f"{path}: fixed", **spec.fixed)
    for key, (low, high) in spec.ranges.items():  # before any run or file: both ends allowed, the low one below
        if not low < high:
            raise ScenarioError(f"{path}: ranges.{key} = [{shown(low)}, {shown(high)}]: expected [low, high] with low < high")
        for end in (low, high):
            try:
                with_value(base, key, end, "calibration")
            except ScenarioError as e:
                raise ScenarioError(f"{path}: ranges.{key} = [{shown(low)}, {shown(high)}] (an end of the range): {e}") from None
    return spec, base


@dataclass
class Fit:
    """The posterior sample, the estimates and the fitted scenario."""

    posterior: pd.DataFrame
    points: pd.DataFrame
    estimates: pd.DataFrame
    scenario: Scenario
    params: list[str]
    closest: dict = field(default_factory=dict)  # the figures at the closest point against the targets, and its distance
    seed: int | None = None  # the calibration's seed (its rounds' replications are spawned from it)

    @property
    def fitted_at(self) -> str:
        """Which values were taken: "posterior mean" or "closest point" (whichever gave the targets better run again)."""
        return self.closest.get("fitted_at", "posterior_mean").replace("_", " ")

    @property
    def warnings(self) -> list[str]:
        """What a reader of the estimates must know: the targets were not reached, or an estimate sits on its range's
        edge or has no width."""
        out = []
        if self.closest and not self.closest["reached"]:
            missed = ", ".join(f"{m} {v['fitted_mean']:.4g} \u00b1 {v['fitted_sd']:.2g} (target {v['target']:.4g}; the points "
                               f"made {v['made'][0]:.4g} to {v['made'][1]:.4g})"
                               for m, v in self.closest["figures"].items() if not v["reproduced"])
            out.append(f"the targets were not reached: runs of the fitted scenario give {missed}; the model with these "
                       "ranges and fixed values does not reproduce them")
        out += [f"{r['parameter']}: {r['note']}" for _, r in self.estimates.iterrows() if r.get("note")]
        return out

    CONTEXT = ("market.people", "market.initial_follower_share", "strategy.posts_per_day", "simulation.days")

    def write(self, path: str | Path, base_file: str | Path, overwrite: bool = False) -> Path:
        """A scenario TOML that extends ``base_file`` with the fitted values; FILE.fit.json beside it.

        An existing file is replaced only with ``overwrite`` and only if audsim wrote it (see :mod:`sim.outputs`).
        """
        path = Path(path)
        at = self.fitted_at
        lines = ["# Fitted by audsim calibrate (approximate Bayesian computation over a Latin hypercube).",
                 f"# parameter: the value set here ({at}: it gives the targets best when run again), posterior mean "
                 "[95% interval]; the posterior sample is in the .fit.json file beside this one."]
        lines += [f"#   {r['parameter']}: {r.get('fitted', r['mean']):.6g}, mean {r['mean']:.6g} [{r['ci_low']:.6g}, {r['ci_high']:.6g}]"
                  for _, r in self.estimates.iterrows()]
        lines += [f"# warning: {w}" for w in self.warnings]
        lines.append(f"# made by: {runner.command_line() or 'sim.calibration.abc.fit'} (seed {self.seed}; the runs and "
                     f"their manifest in {path.stem}.runs)")
        lines.append(f"extends = {_toml(str(Path(base_file).resolve()))}")
        tables: dict[str, dict] = {}
        for key in dict.fromkeys([*self.params, *self.CONTEXT, *_differing(self.scenario, load(base_file))]):
            *table, leaf = key.split(".")
            tables.setdefault(".".join(table), {}).setdefault(leaf, self.scenario.value(key))
        for table, values in tables.items():
            lines.append(f"\n[{table}]")
            lines += [f"{k} = {_toml(v)}" for k, v in values.items()]
        fit = json.dumps({"estimates": self.estimates.to_dict(orient="records"), "closest": self.closest, "warnings": self.warnings,
                          "posterior": self.posterior.to_dict(orient="records"), "seed": self.seed,
                          "command": runner.command_line(), "versions": runner.versions()}, indent=1, default=float)
        with outputs.claim(path, overwrite, "file") as claimed:
            check_out(path, overwrite)
            claimed.write_file("\n".join(lines) + "\n")
            outputs.write_file(claimed.target.with_suffix(".fit.json"), fit, overwrite=True)
        return claimed.target


def check_out(path: str | Path, overwrite: bool = False) -> None:
    """Refuse (:class:`sim.outputs.OutputError`) a fitted-scenario path that is not a .toml name, or whose file,
    .fit.json or .runs folder audsim may not replace."""
    if Path(path).suffix != ".toml":
        raise outputs.OutputError(f"--out = {str(path)!r}: the fitted scenario is a scenario file; expected a name ending in .toml")
    target = outputs.check(path, overwrite, "file")
    outputs.check(target.with_name(target.stem + ".runs"), overwrite, "sweep")
    sidecar = target.with_suffix(".fit.json")
    if sidecar.exists():
        outputs.check(sidecar, overwrite, "file")


def _differing(scenario: Scenario, base: Scenario) -> list[str]:
    """The settings (dotted keys of single values) in which ``scenario`` differs from ``base``: what a file that
    extends the base must write to load as the scenario (a market resized for the fit scales its budgets, prizes
    and listening cost with it, which ``market.people`` written alone would not)."""
    return [k for k, v in leaves(scenario.model_dump(mode="json"))
            if isinstance(v, (bool, int, float, str)) and k != "name" and base.value(k) != v]


def _toml(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)
    return repr(v)


def _widened(accepted: pd.Series, prior: tuple[float, float]) -> tuple[float, float]:
    """The next round's range: the accepted points' span, widened by half of it on each side (within the prior),
    so that a region the few accepted points missed by chance is not cut off for good."""
    low, high = float(accepted.min()), float(accepted.max())
    margin = (high - low) / 2
    return max(prior[0], low - margin), min(prior[1], high + margin)


def _regression_adjusted(points: pd.DataFrame, spec: CalibrationSpec, params: list[str]) -> pd.DataFrame:
    """The last round's posterior with Beaumont's local-linear regression adjustment (Beaumont, Zhang and
    Balding 2002): the closest half of the points, Epanechnikov weights in the distance, each parameter
    moved along the weighted least-squares fit of the parameters on the figures' misfit to where the misfit
    is zero. Rejection alone leaves the tolerance's width and the shape of the box in the interval."""
    near = points.head(max(len(params) + 3, len(points) // 2)).copy()
    bandwidth = float(near["distance"].max()) * 1.0001 or 1.0
    near["weight"] = 1.0 - (near["distance"] / bandwidth) ** 2
    if len(near) < least_posterior(spec):
        return near  # too few points to fit the adjustment: the closest points as they are (the estimates say so)
    misfit = np.column_stack([(near[m] - t.value) / t.scale for m, t in spec.targets.items()])
    design = np.column_stack([np.ones(len(near)), misfit])
    sw = np.sqrt(near["weight"].to_numpy())[:, None]
    coef, *_ = np.linalg.lstsq(design * sw, near[params].to_numpy(dtype=float) * sw, rcond=None)
    adjusted = near[params].to_numpy(dtype=float) - misfit @ coef[1:]
    for i, p in enumerate(params):
        near[p] = np.clip(adjusted[:, i], *spec.ranges[p])
    return near


POINTS_PER_TERM = 5  # the adjustment fits 1 + (number of targets) terms per parameter; with fewer points a term it
# follows the points' noise and the interval shrinks toward nothing (15 times narrower at 20 points a round than at 120)


def least_posterior(spec: CalibrationSpec) -> int:
    """The fewest posterior points (the last round's closest half) the regression adjustment is fitted on."""
    return POINTS_PER_TERM * (1 + len(spec.targets))


def _weighted_quantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    order = np.argsort(x)
    cum = np.cumsum(w[order]) - 0.5 * w[order]
    return float(np.interp(q * w.sum(), cum, x[order]))


def check_params(spec: CalibrationSpec, base: Scenario, params: list[str]) -> None:
    """Each key to fit is a setting of the base scenario and has a range in the calibration file."""
    unknown = [p for p in params if base.value(p) is None]
    if unknown:
        raise ScenarioError(f"--params {unknown[0]}: not a setting of the scenario; expected a dotted key that "
                            "`audsim params` lists, e.g. platform.reach_base")
    missing = [p for p in params if p not in spec.ranges]
    if missing:
        raise ScenarioError(f"--params {','.join(missing)}: no range given; add [ranges] \"{missing[0]}\" = [low, high] to the calibration file")


def fit(spec: CalibrationSpec, base: Scenario, params: list[str], out: str | Path, workers: int | None = None,
        resume: bool = False, progress=None, overwrite: bool = False) -> Fit:
    """Fit ``params`` (each needs a range in ``spec.ranges``) to ``spec.targets``; every run is kept in ``out``."""
    check_params(spec, base, params)
    runs = spec.samples * spec.reps  # a round's, before anything is written: a market too large is refused in one line
    runner.check_memory(base, side_by_side(runs, workers))
    with outputs.claim(out, overwrite, "sweep") as claimed:
        start_afresh(claimed, resume, "calibration")
        claimed.target.mkdir(parents=True, exist_ok=True)
        (claimed.target / "manifest.json").write_text(json.dumps(
            {"calibration": spec.model_dump(mode="json"), "params": params, "scenario": base.model_dump(mode="json"),
             "scenario_hash": base.hash(), "versions": runner.versions(), "command": runner.command_line()},
            indent=2, default=str))
        return _fit(spec, base, params, claimed.target, workers, resume, progress)


def _fit(spec: CalibrationSpec, base: Scenario, params: list[str], out: Path, workers, resume: bool, progress) -> Fit:
    box = {p: tuple(spec.ranges[p]) for p in params}
    made = {m: [np.inf, -np.inf] for m in spec.targets}  # the least and most of each figure any point made
    for r in range(spec.rounds):
        sweep_spec = SweepSpec(name=f"calibration-{r + 1}", base="-", design="lhs", samples=spec.samples, reps=spec.reps,
                               seed=spec.seed + r, common_random_numbers=False, outcomes=list(spec.targets),
                               parameters={p: Vary(range=box[p]) for p in params})
        runs = sweep(sweep_spec, {base.name: base}, Path(out) / f"round{r + 1}", workers=workers, resume=resume, progress=progress)
        means = point_means(runs, sweep_spec, base.name)
        means.columns = [c.removeprefix("param:") for c in means.columns]
        distance = np.sqrt(sum(((means[m] - t.value) / t.scale) ** 2 for m, t in spec.targets.items()))
        for m in made:
            made[m] = [min(made[m][0], float(means[m].min())), max(made[m][1], float(means[m].max()))]
        points = means.assign(distance=distance, round=r + 1).sort_values("distance")
        accepted = points.head(max(2, int(np.ceil(spec.accept * len(points)))))
        box = {p: _widened(accepted[p], spec.ranges[p]) if accepted[p].max() > accepted[p].min() else box[p] for p in params}
    posterior = _regression_adjusted(points, spec, params)
    rows = []
    for p in params:
        x, w = posterior[p].to_numpy(dtype=float), posterior["weight"].to_numpy()
        mean = float(np.clip(np.average(x, weights=w), *spec.ranges[p]))  # a weighted mean of values at a bound can round past it
        rows.append({"parameter": p, "mean": mean, "sd": float(np.sqrt(np.average((x - mean) ** 2, weights=w))),
                     "ci_low": _weighted_quantile(x, w, 0.025), "ci_high": _weighted_quantile(x, w, 0.975),
                     "best": float(points[p].iloc[0]), "range_low": spec.ranges[p][0], "range_high": spec.ranges[p][1]})
        rows[-1]["note"] = _note(rows[-1], len(posterior), least_posterior(spec))
    best = points.iloc[0]
    candidates = {"posterior_mean": {r["parameter"]: float(r["mean"]) for r in rows},
                  "closest_point": {p: float(best[p]) for p in params}}
    checked = {at: _check(base.with_overrides(source="calibration", **values), spec, made, best)
               for at, values in candidates.items()}
    at = min(checked, key=lambda k: (checked[k][1], k != "posterior_mean"))  # the mean where they give the targets as well
    figures, distance = checked[at]
    for r in rows:
        r["fitted"] = candidates[at][r["parameter"]]
    estimates = pd.DataFrame(rows)
    fitted = base.with_overrides(source="calibration", **candidates[at])
    closest = {"distance": float(best["distance"]), "reached": all(f["reproduced"] for f in figures.values()), "figures": figures,
               "fitted_at": at, "fitted_distance": distance,
               "other_distance": checked["closest_point" if at == "posterior_mean" else "posterior_mean"][1]}
    points.to_csv(Path(out) / "points.csv")
    estimates.to_csv(Path(out) / "estimates.csv", index=False)
    return Fit(posterior, points, estimates, fitted, params, closest, spec.seed)


CHECK_RUNS = 4  # the fitted scenario is run again this often (its own seeds) to see whether it gives the targets
CHECK_SCALES = 2.0  # ... and counts as giving one when within two of its scales of it, beyond its runs' noise (2 sd)


def _check(scenario: Scenario, spec: CalibrationSpec, made: dict, best) -> tuple[dict, float]:
    """``scenario`` run again CHECK_RUNS times (seeds of their own): each target's figure against it, whether it is
    reproduced, and the distance of the runs' means to the targets."""
    again = [runner.run(scenario, seed=seed).summary for seed in replication_seeds(spec.seed + 1000, CHECK_RUNS)]
    figures, squares = {}, 0.0
    for m, t in spec.targets.items():
        values = np.array([run[m] for run in again], dtype=float)
        mean, sd = float(np.nanmean(values)), float(np.nanstd(values, ddof=1))
        squares += ((mean - t.value) / t.scale) ** 2
        figures[m] = {"target": t.value, "scale": t.scale, "closest": float(best[m]), "made": made[m], "fitted_mean": mean,
                      # judged by the runs again alone: a target just outside what a few points made, and given
                      # by the fitted scenario within its scales, was called missed
                      "fitted_sd": sd, "reproduced": bool(abs(mean - t.value) <= CHECK_SCALES * t.scale + 2 * sd)}
    return figures, float(np.sqrt(squares)) if np.isfinite(squares) else np.inf



def _note(row: dict, points: int, least: int) -> str:
    """Why an estimate needs care, or "" (estimates.csv's note); ``points`` in the posterior, ``least`` for the
    regression adjustment."""
    if points < least:
        return (f"the posterior rests on {points} points, too few to adjust for the targets' misfit (at least {least}): "
                f"the interval is the closest points' spread and may be much too narrow; raise --samples to {2 * least} or more")
    return {"no_width": "no width: the adjusted posterior piles on one value; widen the range or check that the targets can "
                        "be reached",
            "edge": "at the edge of its range: the data may want a value beyond it", None: ""}[care(row)]


def care(row: dict) -> str | None:
    """What an estimate's interval says needs care: "no_width" (it piles on one value), "edge" (it reaches the end of
    the range searched) or None."""
    low, high, width = row["range_low"], row["range_high"], row["range_high"] - row["range_low"]
    if row["ci_high"] - row["ci_low"] <= 1e-9 * width:
        return "no_width"
    if row["ci_low"] <= low + 1e-9 * width or row["ci_high"] >= high - 1e-9 * width:
        return "edge"
    return None  # the closest point may lie outside the interval: with one run a point it is the noisier estimate
