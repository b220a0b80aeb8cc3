"""Sweep files: which scenario(s), which parameters over which levels or ranges, which design.

A sweep file is validated like a scenario file: one line naming the file, the
key, the value and what is allowed.
"""

from __future__ import annotations

import itertools
import math
import shlex
import warnings
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from .. import outputs, runner
from ..model.measures import unit
from ..scenario import (
    MAX_REPS,
    SEED_MAX,
    Flag,
    Lack,
    Name,
    Scenario,
    ScenarioError,
    SizeAlone,
    Table,
    Whole,
    _describe,
    _FieldError,
    leaves,
    name_from_file,
    one_line,
    read_toml,
    shown,
)

DESIGNS = ("grid", "random", "lhs", "sobol", "morris")
UNITS = {name: unit(name) for name in (  # the outcomes a sweep may analyse, each with its unit (Morris mu* and sigma carry it)
    "long_term_trust", "unfollow_rate_per_30d", "followers_change", "followers_end", "trust_followers_end", "interaction_rate",
    "organic_reach", "engagement_per_impression", "revenue", "gross_profit", "cost", "interaction_rate_first_30d",
    "interaction_rate_last_30d", "net_advocates_end", "purchase_index_end", "net_profit", "customer_equity_change", "value",
    "value_undiscounted")}
OUTCOMES = tuple(UNITS)


class Vary(Table):
    """How one parameter varies: a list of levels, or a [low, high] range."""

    levels: list[bool | int | float | str] | None = Field(None, min_length=1, description="values to try (grid, random); "
                                                    "words (service.staff = \"auto\") in a grid")
    range: tuple[float, float] | None = Field(None, description="[low, high] for random, lhs, sobol and morris designs")

    @field_validator("levels", mode="before")
    @classmethod
    def _plain_levels(cls, levels):
        if isinstance(levels, list):
            for v in levels:
                if not isinstance(v, (bool, int, float, str)) or isinstance(v, float) and not math.isfinite(v):
                    raise _FieldError(("levels",), levels, "a list of numbers, true/false or words, e.g. [0.5, 1, 2] or [\"auto\", 1]")
        return levels

    @model_validator(mode="after")
    def _one_of(self):
        if self.levels is not None and self.range is not None:
            raise _FieldError(("range",), list(self.range), "exactly one of levels = [...] or range = [low, high] (levels is set too)")
        if self.levels is not None:
            seen = set()
            for v in self.levels:  # a level given twice ran twice as often and was analysed as one
                key = (isinstance(v, bool), float(v) if isinstance(v, (int, float)) else v)
                if key in seen:
                    raise _FieldError(("levels",), self.levels, f"distinct levels ({v!r} is there twice)")
                seen.add(key)
        if self.levels is None and self.range is None:
            raise _FieldError((), Lack("neither levels nor range"), "exactly one of levels = [...] or range = [low, high]")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise _FieldError(("range",), list(self.range), "low < high")
        return self

    @property
    def worded(self) -> bool:
        """Levels that include a word (``"auto"``): recorded as text, analysed as categories."""
        return self.levels is not None and any(isinstance(v, str) for v in self.levels)


class SweepSpec(Table):
    """A sweep: scenarios x design points x replications."""

    name: Name = Field("sweep", max_length=200, description="label of the sweep (its default folder is results/sweep-NAME)")
    base: str | None = Field(None, description="scenario file the sweep varies (relative to the sweep file)")
    strategies: list[str] | None = Field(None, min_length=1, description="several scenario files run at every point")
    design: Literal["grid", "random", "lhs", "sobol", "morris"] = Field("grid", description="how points are chosen")
    samples: Whole = Field(16, ge=1, le=1_000_000, description="N: points (random, lhs), base samples (sobol), trajectories (morris)")
    morris_levels: Whole = Field(4, ge=2, le=20, description="grid levels of the Morris design (even: SALib's trajectories "
                                 "are balanced only then)")
    reps: Whole = Field(2, ge=1, le=MAX_REPS, description="replications per point (common random numbers across points)")
    common_random_numbers: Flag = Field(True, description="every point runs the same seeds (false: each point its own, as ABC needs)")
    seed: Whole = Field(7, ge=0, le=SEED_MAX, description="seed of the design and of the replications")
    days: Whole | None = Field(None, ge=1, le=100_000, description="override the scenarios' horizon")
    people: Whole | None = Field(None, ge=10, le=50_000_000, description="the scenarios' market size, their extensive settings scaled with it (the swept values then as written)")
    outcomes: list[Literal[OUTCOMES]] = Field(["long_term_trust", "unfollow_rate_per_30d"], min_length=1)
    parameters: dict[str, Vary] = Field(..., min_length=1, description="dotted scenario key -> levels or range")

    @model_validator(mode="after")
    def _scenarios_named(self):
        if (self.base is None) == (self.strategies is None):
            raise _FieldError(("base",), Lack("neither base nor strategies" if self.base is None else "both base and strategies"),
                              "exactly one of base = \"file.toml\" or strategies = [\"a.toml\", \"b.toml\"]")
        return self

    @model_validator(mode="after")
    def _design_fits_parameters(self, info: ValidationInfo):
        for key, vary in self.parameters.items():
            if self.design == "grid" and vary.levels is None:
                raise _FieldError(("parameters", key), "range", "levels = [...] for a grid design")
            if self.design in ("lhs", "sobol", "morris") and vary.range is None:
                raise _FieldError(("parameters", key), "levels", f"range = [low, high] for a {self.design} design")
            if self.design != "grid" and vary.worded:
                raise _FieldError(("parameters", key, "levels"), vary.levels,
                                  "numbers or true/false in a random design (a word such as \"auto\" has no rank; use design = \"grid\")")
        recorded = (info.context or {}).get("recorded")  # a sweep.json written before this rule is read as it ran
        if self.design == "morris" and self.morris_levels % 2 and not recorded:
            raise _FieldError(("morris_levels",), self.morris_levels, "an even number (SALib's Morris trajectories are balanced only then)")
        if "simulation.seed" in self.parameters and not recorded:
            vary = self.parameters["simulation.seed"]
            raise _FieldError(("parameters", "simulation.seed"), vary.levels or list(vary.range or ()), "a scenario setting other than the seed: "
                              "the sweep's seed and reps set every run's seed (more replications: reps)")
        if self.design == "grid" and "samples" in self.model_fields_set and not recorded:
            raise _FieldError(("samples",), self.samples, "no samples for a grid design (it runs every combination of the "
                              "levels; samples is read by random, lhs, sobol and morris)")
        if self.strategies is not None and len(set(self.strategies)) < len(self.strategies) and not recorded:
            twice = next(f for f in self.strategies if self.strategies.count(f) > 1)
            raise _FieldError(("strategies",), self.strategies, f"distinct scenario files ({twice!r} is there twice)")
        if self.design == "sobol" and self.samples & (self.samples - 1) and not recorded:
            raise _FieldError(("samples",), self.samples, "a power of 2 for a sobol design (its sequence is balanced only then), "
                              f"e.g. {1 << (self.samples.bit_length() - 1)} or {1 << self.samples.bit_length()}")
        return self

    def points(self) -> list[dict]:
        """The design's points, one dict of parameter -> value each."""
        keys = list(self.parameters)
        if self.design == "grid":
            return [dict(zip(keys, combo)) for combo in itertools.product(*(self.parameters[k].levels for k in keys))]
        if self.design == "random":
            rng = np.random.default_rng(self.seed)
            cols = {k: (np.asarray(v.levels)[rng.integers(0, len(v.levels), self.samples)] if v.levels is not None
                        else rng.uniform(*v.range, self.samples))
                    for k, v in self.parameters.items()}
            return [{k: _plain(cols[k][i]) for k in keys} for i in range(self.samples)]
        X = self.sample_matrix()
        return [{k: float(x) for k, x in zip(keys, row)} for row in X]

    def problem(self) -> dict:
        """SALib's problem dict."""
        return {"num_vars": len(self.parameters), "names": list(self.parameters),
                "bounds": [list(v.range) for v in self.parameters.values()]}

    def sample_matrix(self) -> np.ndarray:
        from SALib.sample import latin, morris, sobol

        problem = self.problem()
        if self.design == "lhs":
            return latin.sample(problem, self.samples, seed=self.seed)
        if self.design == "sobol":
            return sobol.sample(problem, self.samples, calc_second_order=False, seed=self.seed)
        return morris.sample(problem, self.samples, num_levels=self.morris_levels, seed=self.seed)


def swept_ranges(folder: str | Path) -> dict[str, str]:
    """For each parameter a shipped sweep varies: its levels or range, with the sweep's name."""
    out: dict[str, list[str]] = {}
    for path in sorted(Path(folder).glob("*.toml")):
        raw = read_toml(path, "sweep")
        for key, vary in raw.get("parameters", {}).items():
            values = vary.get("range") or vary.get("levels")
            out.setdefault(key, []).append(f"{values} ({path.stem})")
    return {k: "; ".join(v) for k, v in out.items()}


def _plain(x):
    return x.item() if hasattr(x, "item") else x


def load_sweep(path: str | Path, **counts) -> tuple[SweepSpec, dict[str, Scenario]]:
    """Validate a sweep file and the scenarios it names; check every varied key on them. ``counts`` (reps, samples;
    ``None``: the file's) are the command line's: a file whose own count is wrong (a Sobol design's samples not a
    power of 2) is read with them, as the command asks (they were checked after the file, which refused first)."""
    path = Path(path)
    raw = read_toml(path, "sweep")
    raw.setdefault("name", name_from_file(path))
    given = {k: v for k, v in counts.items() if v is not None}
    try:
        spec = SweepSpec.model_validate(raw)
    except ValidationError as e:
        if not given:
            raise one_line(e, str(path), SweepSpec) from None
        try:
            spec = SweepSpec.model_validate({**raw, **given})
        except ValidationError as again:  # an option's value wrong too: named as typed, as with_counts names it
            err = again.errors(include_url=False)[0]
            key = next((k for k in map(str, err["loc"][:1]) if k in given), None)
            key = key or ("samples" if not err["loc"] and "samples" in given else None)  # the design's check is of samples
            if key is None:
                raise one_line(again, str(path), SweepSpec) from None
            raise ScenarioError(f"--{key} = {given[key]}: {_describe(SweepSpec, err)[1]}") from None
    files = [spec.base] if spec.base else spec.strategies
    scenarios = {}
    for f in files:
        try:
            sc = runner.resolve(path.parent / f, spec.days, spec.people)
        except ScenarioError as e:  # the sweep file the user named, then the scenario it points to
            raise ScenarioError(f"{path} -> {e}") from None
        if sc.name in scenarios:  # two files of one name: the runs and the analysis name scenarios by it
            raise ScenarioError(f"{path}: strategies: {f} and another file are both named {sc.name!r}; expected scenarios "
                                "with distinct names (set name = \"...\" in one of them)")
        scenarios[sc.name] = sc
    check_keys(spec, scenarios, path)
    warn_size_alone(spec, scenarios, path)
    return spec, scenarios


def spends(sc: Scenario, key: str) -> bool:
    """Whether a market-sized setting ``key`` costs ``sc`` anything: a type's prize only where the strategy posts
    the type (its mix, calendar, one-off posts, a timeline's mix), listening only where it listens."""
    parts = key.split(".")
    if parts[0] == "content":
        s = sc.strategy
        planned = {t for day in s.calendar for t in day} if s.calendar else {t for t, share in s.mix.items() if share > 0}  # a calendar replaces the mix
        posted = planned | {e.type for e in s.events}
        posted |= {t for change in sc.timeline for t in ((getattr(change, "strategy", None) or {}).get("mix") or {})}
        return parts[1] in posted
    if key == "service.listening_cost_per_day":
        return sc.service.monitors_elsewhere > 0 or any("monitors_elsewhere" in (getattr(c, "service", None) or {}) for c in sc.timeline)
    return True


def warn_size_alone(spec: SweepSpec, scenarios: dict[str, Scenario], path) -> None:
    """A swept ``market.people`` sets the size alone (as any override of it does): where a scenario spends money that
    grows with the market (listening, prizes, paid reach, a fixed desk), say that it stays as written at every size,
    so per-person money moves with the size for that reason too; the sweep's ``people`` scales it."""
    if "market.people" not in spec.parameters:
        return
    for sc in scenarios.values():
        scaled = dict(leaves(sc.scaled(2.0).model_dump(mode="json")))
        fixed = [k for k, v in leaves(sc.model_dump(mode="json")) if k != "market.people" and scaled.get(k) != v and spends(sc, k)]
        if fixed:
            warnings.warn(SizeAlone(
                f"{path}: parameters.market.people sets the market's size alone: {sc.name}'s {', '.join(fixed[:4])}"
                f"{' and more' if len(fixed) > 4 else ''} stay as written at every size, so per-person money moves with the size "
                "through them too; for the same brand at each size, run the sweep once per size with its people (or --people)"))
            return


_COMBINATIONS_TRIED = 4096  # a level refused alone is tried with every combination of the other keys' levels or ends, up to this many


def check_keys(spec: SweepSpec, scenarios: dict[str, Scenario], path) -> None:
    """Every varied key exists and takes every level (or both ends of its range) in every scenario, before any run;
    else one line. A scenario's bounds are intervals, so a range whose ends are allowed is allowed throughout. A
    value refused beside the scenario's own settings (``reach_min`` above its ``reach_base``) passes if it fits with
    every combination of the other swept keys' levels or ends, since it never runs beside the scenario's own."""
    probes = {key: vary.levels if vary.levels is not None else vary.range for key, vary in spec.parameters.items()}
    for key, vary in spec.parameters.items():
        for sc in scenarios.values():
            for probe in probes[key]:
                try:
                    runner.warn_late(with_value(sc, key, probe, f"{path}: parameters"))  # a shorter swept horizon leaves planned changes out: say so once
                except ScenarioError as e:
                    fits = _fits_with_others(sc, key, probe, probes, f"{path}: parameters")
                    if fits is None:
                        which = "a level" if vary.levels is not None else "an end of the range"
                        raise ScenarioError(f"{path}: parameters.{key} = {shown(probe)} ({which}): {e}") from None
                    runner.warn_late(fits)


def _fits_with_others(sc: Scenario, key: str, value, probes: dict, source: str) -> Scenario | None:
    """``sc`` with ``key`` = ``value`` and the other keys' first probes, if that value fits with every combination of
    the other keys' levels (or range ends: a linear bound that holds at the corners holds inside), so that no point
    of the design fails for it; else None (also beyond _COMBINATIONS_TRIED combinations: refused, as checked alone)."""
    others = [k for k in probes if k != key]
    if math.prod(len(probes[k]) for k in others) > _COMBINATIONS_TRIED:
        return None
    first = None
    for combination in itertools.product(*(probes[k] for k in others)):
        try:
            made = sc.with_overrides(source=source, **{k: _typed(sc, k, v) for k, v in zip([key, *others], [value, *combination])})
        except ScenarioError:
            return None
        first = made if first is None else first
    return first


def with_value(sc: Scenario, key: str, value, source: str) -> Scenario:
    """``sc`` with ``key`` set to a design's ``value`` (rounded for an integer parameter); a refusal says only what
    the scenario allows (the caller names its own file, key and value)."""
    try:
        return sc.with_overrides(source=source, **{key: _typed(sc, key, value)})
    except ScenarioError as e:
        raise ScenarioError(str(e).split(": ", 2)[-1]) from None


def _typed(sc: Scenario, key: str, value):
    """Round values for integer parameters (a design draws floats)."""
    node = sc.value(key)
    if isinstance(node, bool):
        return value  # true/false as written: the scenario refuses 0.5 or "maybe" (bool(0.5) would be True)
    if isinstance(node, int) and not isinstance(value, bool):
        return int(round(value))
    return value


def with_counts(spec, **counts):
    """A sweep (or a calibration) with its replications and samples set from the command line (``None``: as the
    file has them), checked as the file's are (a Sobol design's samples a power of 2; a calibration took 20,000
    replications unchecked, and failed later with a traceback); an error names the option."""
    given = {k: v for k, v in counts.items() if v is not None}
    if not given:
        return spec
    if "samples" in given and getattr(spec, "design", None) == "grid":  # a grid's points are its levels': no samples
        raise ScenarioError(f"--samples = {given['samples']}: a grid design has no samples (its points are every combination "
                            "of its levels); expected --samples with a random, lhs, sobol or morris design")
    model = type(spec)
    try:
        return model.model_validate({**spec.model_dump(exclude_unset=True), **given})
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        key = next((k for k in map(str, err["loc"][:1]) if k in given), None)
        if key is None:  # a check of the whole design (a Sobol design's samples): the option that fails it alone
            key = next((k for k in given if not _valid(model, {**spec.model_dump(exclude_unset=True), k: given[k]})), next(iter(given)))
        raise ScenarioError(f"--{key} = {given[key]}: {_describe(model, err)[1]}") from None


def _valid(model, data: dict) -> bool:
    try:
        model.model_validate(data)
        return True
    except ValidationError:
        return False


def resume_command(spec: SweepSpec, out, command: str | None = None) -> str:
    """The command that finishes this sweep: the file its ``command`` named (SWEEP.toml for a sweep begun from
    Python), its folder, its market and horizon as it ran, the replications and samples where they were typed, then
    --resume (a sweep resumes only as it began); a robustness study's or a calibration's runs, their own command
    with --resume."""
    if outputs.subcommand(command) in ("robustness", "calibrate"):  # their runs are a sweep, begun by their own command
        try:
            again = [w for w in shlex.split(command) if w not in ("--overwrite", "--resume")]
            return shlex.join([*again, "--resume"])
        except ValueError:  # a command line that does not split: said as it was recorded
            return f"{command} --resume"
    words = _sweep_words(command)
    sweep_file = next((w for w in words if w.lower().endswith(".toml")), "SWEEP.toml")
    size = [f"--{k} {v}" for k, v in (("people", spec.people), ("days", spec.days)) if v is not None]
    size += [f"--{k} {getattr(spec, k)}" for k in ("reps", "samples") if any(w == f"--{k}" or w.startswith(f"--{k}=") for w in words)]
    return " ".join(["audsim sweep", shlex.quote(sweep_file), "--out", shlex.quote(str(out)), *size, "--resume"])


def _sweep_words(command: str | None) -> list[str]:
    """The words after ``audsim sweep`` of a command line ([] for any other command, or none)."""
    try:
        words = shlex.split(command or "")
    except ValueError:
        return []
    return words[2:] if words[:2] == ["audsim", "sweep"] else []
