"""The validation suite: each target file names its source, conditions, metric and tolerance.

Every target is measured over replications (common random numbers across its
conditions) and each of its checks is reported as expected, measured (mean
and 95% interval) and pass or fail. Measures follow the source's own
definition (see each file's ``metric``).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import Field, ValidationError

from .. import outputs, runner
from ..experiments.compare import replication_seeds
from ..experiments.stats import mean_interval
from ..model import AudienceModel
from ..model.follows import CAUSES
from ..model.measures import summarize
from ..model.people import People
from ..model.service import ANSWER, DELETE, IGNORE
from ..parallel import map_tasks
from ..scenario import ScenarioError, Table, one_line, read_toml

ROOT = Path(__file__).resolve().parents[2] / "validation"


@dataclass
class Check:
    """One row of the report: a check (``checked``) passes on its mean, and ``firm`` says whether its whole 95%
    interval is within the tolerance too; a reported row (``checked`` False) is measured, not judged."""

    target: str
    check: str
    source: str
    expected: str
    mean: float
    low: float
    high: float
    passed: bool
    checked: bool = True
    firm: bool = True

    def measured(self) -> str:
        return f"{self.mean:.3g} [{self.low:.3g}, {self.high:.3g}]"

    def result(self) -> str:
        if not self.checked:
            return "reported"
        if not self.passed:
            return "FAIL"
        return "pass" if self.firm else "pass on the mean (its interval reaches beyond)"


Interval = tuple[float, float]


class Size(Table):
    """How large a target's runs are: the market (or, for page sizes, the followers of each page), replications,
    days."""

    people: int | None = Field(None, ge=10, le=50_000_000, description="people in the market")
    followers: list[Annotated[int, Field(ge=1)]] | None = Field(None, min_length=2, description="page sizes to compare")
    reps: int = Field(..., ge=2, le=10_000, description="replications")
    days: int | None = Field(None, ge=1, le=100_000, description="days of each run")


class TargetFile(Table):
    """A validation target file (validation/*.toml): checked before any run, so a typo is one line, not a default
    silently used or a traceback after the runs."""

    id: str
    title: str
    kind: str
    source: str
    metric: str
    observed: str
    caveat: str = ""
    row_sources: dict[str, str] = Field(default_factory=dict, description="a check's own source, by how its name begins "
                                        "(a check none matches is credited to every source of the target)")
    scenario: str = Field(..., description="the scenario file, relative to the target file")
    years: int | None = Field(None, ge=1, le=50, description="years to simulate")
    sample_weeks: tuple[Annotated[int, Field(ge=1, le=52)], Annotated[int, Field(ge=1, le=52)]] | None = None
    days_after: int | None = Field(None, ge=1, le=10_000, description="days after the outcome")
    settle_days: int | None = Field(None, ge=0, le=10_000, description="days left out at the start")
    expected: dict[str, float] | None = None
    tolerance: dict[str, float | Interval | dict[str, Interval]]
    conditions: dict[str, Any] = Field(default_factory=dict)
    crisis: dict[str, Any] | None = None
    quick: Size
    full: Size


def _tolerances(spec: dict) -> set[str]:
    """The tolerance keys a target of its kind reads."""
    return {"interest_panel": {"absolute"},
            "interaction_decline": {"year2_over_year1", "year3_over_year1", "service_above_industry_in_year"},
            "complaint_outcomes": {"ignored_unfollow_or_stop_buying", "ignored_tell", "answered_in_time_tell", "minutes_over_hour_gain"},
            "unfollow_causes": set(spec.get("expected") or ()),
            "page_growth": {c for c, v in spec.get("conditions", {}).items() if isinstance(v, dict)} | {"days_with_follows"},
            "reach_by_size": {"small_over_large"},
            "recovery": {"answered_well_vs_no_problem"}}.get(spec.get("kind"), set())


def load_targets(folder: Path = ROOT) -> list[tuple[Path, dict]]:
    """Every target file in ``folder``, each checked (:class:`TargetFile`, its kind, the tolerances its kind reads);
    :class:`ScenarioError` if there is none or one is wrong."""
    paths = sorted(Path(folder).glob("*.toml"))
    if not paths:
        raise ScenarioError(f"--folder = {str(folder)!r}: no target files (*.toml); expected a folder like validation/")
    targets = []
    for path in paths:
        spec = read_toml(path, "validation target")
        if spec.get("kind") not in KINDS:  # first: the kind decides what else the file needs
            raise ScenarioError(f"{path}: kind = {spec.get('kind')!r}: expected one of {', '.join(KINDS)}")
        try:
            TargetFile.model_validate(spec)
        except ValidationError as e:
            raise one_line(e, str(path), TargetFile) from None
        missing = sorted(_tolerances(spec) - set(spec["tolerance"]))
        if missing:
            raise ScenarioError(f"{path}: tolerance.{missing[0]}: missing; a target of kind {spec['kind']} reads "
                                f"{', '.join(sorted(_tolerances(spec)))}")
        targets.append((path, spec))
    return targets


def _scenario(path: Path, spec: dict, size: dict, extra: dict):
    overrides = {k: v for k, v in spec.get("conditions", {}).items() if not isinstance(v, dict) or k.startswith("strategy.mix")}
    sc = runner.resolve(path.parent / spec["scenario"]).with_overrides(source=str(path), **{**overrides, **extra})
    days = size.get("days", spec.get("years", 1) * 365)
    return sc.with_overrides(source=str(path), **{"market.people": size["people"], "simulation.days": days})


def _within(x: float, bounds) -> bool:
    return bounds[0] <= x <= bounds[1]


def _check(spec, name, expected, values, test) -> Check:
    """A check of the mean against ``test`` (None: reported only)."""
    m, lo, hi, _ = mean_interval(values)
    return _judged(spec, name, expected, m, lo, hi, test)


def _judged(spec, name, expected, m, lo, hi, test) -> Check:
    # the row's own source where the file names it (``row_sources``), else every source of the target, without their
    # details in brackets: the first alone credited a row to a study that measured something else (V3's 6-minute
    # reply is Twitter / Applied Marketing Science's, not Sprout's)
    source = next((own for start, own in spec.get("row_sources", {}).items() if name.startswith(start)), None)
    source = source or "; ".join(re.sub(r"\s*\([^)]*\)", "", part).strip() for part in spec["source"].split(";"))
    if test is None:
        return Check(spec["id"], name, source, expected, m, lo, hi, True, checked=False)
    firm = bool(test(lo) and test(hi)) if np.isfinite(lo) and np.isfinite(hi) else False
    return Check(spec["id"], name, source, expected, m, lo, hi, bool(test(m)), firm=firm)


def _ratio_check(spec, name, expected, num, den, test) -> Check:
    """A ratio of means over replications (a mean of per-run ratios is biased when the denominator is noisy), with
    Fieller's interval: the ratios r for which the t-interval of the mean of num - r * den, the interval the other
    checks use, holds 0. It is exact for normal replications however few (a bootstrap of 2 is only their range) and
    unbounded when the denominator's mean cannot be told from 0."""
    from ..experiments.stats import ratio_interval

    return _judged(spec, name, expected, *ratio_interval(num, den), test)


def interest_panel(path, spec, size) -> list[Check]:
    sc = _scenario(path, spec, size, {})
    names = list(sc.content)
    shares = {k: [] for k in spec["expected"]}
    for seed in replication_seeds(7, size["reps"]):
        people = People.create(sc, np.random.default_rng(seed))
        above = (people.interest > 0.5).mean(axis=0)
        for k in shares:
            shares[k].append(above[names.index(k)])
    tol = spec["tolerance"]["absolute"]
    return [_check(spec, f"valued: {k}", f"{spec['expected'][k]:.2f} ± {tol}", v, lambda m, e=spec["expected"][k]: abs(m - e) <= tol)
            for k, v in shares.items()]


def interaction_decline(path, spec, size) -> list[Check]:
    years, tol = spec.get("years", 3), spec["tolerance"]
    first, last = spec.get("sample_weeks", [1, 52])
    window = slice((first - 1) * 7, last * 7)
    conditions = ("industry", "service")
    tasks = [(_scenario(path, spec, size, spec["conditions"][cond]), seed, window, years)
             for cond in conditions for seed in replication_seeds(7, size["reps"])]
    rows = np.array(list(map_tasks(_sample_weeks, tasks)))
    yearly = dict(zip(conditions, rows.reshape(len(conditions), size["reps"], years)))
    ind = yearly["industry"]
    y = tol["service_above_industry_in_year"] - 1
    checks = [_check(spec, f"industry, year {i + 1}: weekly share of fans interacting", "(reported; level not checked)", ind[:, i], None)
              for i in range(years)]
    checks += [
        *(_ratio_check(spec, f"decline, year {i + 2} / year {i + 1}", "< 1", ind[:, i + 1], ind[:, i], lambda m: m < 1)
          for i in range(years - 1)),
        _ratio_check(spec, "year 2 / year 1 (ratio of means)", f"{tol['year2_over_year1']} (observed 0.35)", ind[:, 1], ind[:, 0],
                     lambda m: _within(m, tol["year2_over_year1"])),
        _ratio_check(spec, "year 3 / year 1 (ratio of means)", f"{tol['year3_over_year1']} (observed 0.14)", ind[:, 2], ind[:, 0],
                     lambda m: _within(m, tol["year3_over_year1"])),
        _check(spec, f"service-led minus industry, year {y + 1}", "> 0 (observed 2.0% vs 1.5%)", yearly["service"][:, y] - ind[:, y],
               lambda m: m > 0),
    ]
    return checks


def _sample_weeks(task) -> list[float]:
    """One replication of V1 (in a worker process): each year's mean weekly share of fans interacting in the sample weeks."""
    sc, seed, window, years = task
    weekly = runner.run(sc, seed=seed).daily["fans_engaged_week"].to_numpy()
    return [float(np.nanmean(weekly[y * 365:(y + 1) * 365][window])) for y in range(years)]


def complaint_outcomes(path, spec, size) -> list[Check]:
    """Follow every resolved complaint for 30 days: unfollows, trust, talk, worth of a fast reply."""
    tol = spec["tolerance"]
    ignored_lost, ignored_told, in_time_told, fast, slow = [], [], [], [], []
    for seed in replication_seeds(7, size["reps"]):
        lost, told_i, told_a, fast_gain, slow_gain = [], [], [], [], []
        for cond in ("slow", "fast"):
            sc = _scenario(path, spec, size, spec["conditions"][cond])
            model = AudienceModel(sc, seed=seed, record_complaints=True)
            watched = _IgnoredCohorts(model)
            for _ in range(sc.simulation.days):
                model.step()
                lost.extend(watched.day_passed())
            for log in model.complaint_log:
                told_i.extend(log["told"][log["outcome"] == IGNORE])
                told_a.extend(log["told"][log["in_time"]])
                answered = log["outcome"] == ANSWER
                fast_gain.extend(log["trust_change"][answered & (log["delay_hours"] <= 0.1)])
                slow_gain.extend(log["trust_change"][answered & (log["delay_hours"] > 1.0)])
        ignored_lost.append(np.mean(lost))
        ignored_told.append(np.mean(told_i))
        in_time_told.append(np.mean(told_a))
        fast.append(np.mean(fast_gain))
        slow.append(np.mean(slow_gain))
    return [
        _check(spec, "ignored: unfollow or stop buying within 30 days", f"{tol['ignored_unfollow_or_stop_buying']} (observed 0.35)",
               ignored_lost, lambda m: _within(m, tol["ignored_unfollow_or_stop_buying"])),
        _check(spec, "ignored: tell their ties", f"{tol['ignored_tell']} (observed 0.31)", ignored_told,
               lambda m: _within(m, tol["ignored_tell"])),
        _check(spec, "answered in time: tell their ties", f"{tol['answered_in_time_tell']} (observed 0.45)", in_time_told,
               lambda m: _within(m, tol["answered_in_time_tell"])),
        _check(spec, "trust gain of a reply within 6 minutes", "(reported)", fast, None),
        _check(spec, "trust gain of a reply after more than an hour", "(reported)", slow, None),
        _check(spec, f"within 6 minutes minus {tol['minutes_over_hour_gain']:g} x after an hour", "> 0 (observed ratio 8.6)",
               np.array(fast) - tol["minutes_over_hour_gain"] * np.array(slow), lambda m: m > 0),
    ]


class _IgnoredCohorts:
    """The ignored complainers of each day, followed for 30 days from the day their complaint was resolved: lost if
    they unfollowed the page they complained on, or if their trust fell below ``word_of_mouth.detractor_trust`` (the model's detractor,
    buying at most a third as often as a neutral customer: V3's "stop buying") on any of those
    days having been at or above it before the silence (a detractor already is not one the silence made; one who
    fell and recovered within the 30 days did stop buying for a while)."""

    def __init__(self, model):
        self.model, self.logged, self.cohorts = model, 0, []

    def day_passed(self) -> list[bool]:
        """Take up today's resolved complaints, note who is a detractor now, and close the cohorts 30 days old."""
        people, day = self.model.people, self.model.day - 1
        detractor = self.model.config.word_of_mouth.detractor_trust
        for log in self.model.complaint_log[self.logged:]:
            ignored = log["outcome"] == IGNORE
            who = log["who"][ignored]
            before = people.trust[who] - log["trust_change"][ignored]  # trust before the silence's own change landed today
            self.cohorts.append((log["day"], who, log["on_page"][ignored], before >= detractor, np.zeros(who.size, bool)))
        self.logged = len(self.model.complaint_log)
        for _, who, _, _, fell in self.cohorts:
            fell |= people.trust[who] < detractor
        closed = []
        while self.cohorts and day - self.cohorts[0][0] >= 30:
            since, who, on_page, was_not, fell = self.cohorts.pop(0)
            closed.extend(on_page & (people.unfollowed_on[who] > since) | (was_not & fell))
        return closed


def _daily_runs(tasks: list) -> list:
    """Run (scenario, seed) pairs on all cores; their daily tables, in order."""
    return list(map_tasks(_daily, tasks))


def _daily(task):
    sc, seed = task
    return runner.run(sc, seed=seed).daily


def unfollow_causes(path, spec, size) -> list[Check]:
    """V4: the share of unfollowers citing each cause (several causes per unfollow, as in a survey)."""
    sc = _scenario(path, spec, size, {})
    runs = _daily_runs([(sc, seed) for seed in replication_seeds(7, size["reps"])])
    shares = {c: [d[f"unfollows_{c}"].sum() / max(d["unfollows"].sum(), 1) for d in runs] for c in CAUSES}
    exp, tol = spec["expected"], spec["tolerance"]
    checks = [_check(spec, f"unfollowers citing {c}", f"{exp[c]:.2f} ± {tol[c]}", shares[c], lambda m, c=c: abs(m - exp[c]) <= tol[c])
              for c in exp]
    others = [c for c in CAUSES if c not in ("promo", "irrelevant")]
    gap = [min(shares["promo"][i], shares["irrelevant"][i]) - max(shares[c][i] for c in others) for i in range(len(runs))]
    checks.append(_check(spec, "promotion and irrelevance lead: min of the two minus the largest other", "> 0", gap, lambda m: m > 0))
    checks += [_check(spec, f"unfollowers citing {c}", "(reported)", shares[c], None) for c in others if c not in exp]
    return checks


def page_growth(path, spec, size) -> list[Check]:
    """V6: followers over a year for each condition; follows on most days (organic discovery)."""
    seeds = replication_seeds(7, size["reps"])
    conditions = list(spec["conditions"])
    tasks = [(_scenario(path, spec, size, spec["conditions"][c]), seed) for c in conditions for seed in seeds]
    daily = _daily_runs(tasks)
    runs = {c: daily[i * len(seeds):(i + 1) * len(seeds)] for i, c in enumerate(conditions)}
    checks = []
    for cond in conditions:
        growth = [summarize(d)["followers_change"] for d in runs[cond]]
        lo, hi = spec["tolerance"][cond]["growth"]
        checks.append(_check(spec, f"{cond}: follower growth over the year", f"[{lo:+.2f}, {hi:+.2f}]", growth, lambda m, lo=lo, hi=hi: lo <= m <= hi))
        days = [(d["follows"] > 0).mean() for d in runs[cond]]
        least = spec["tolerance"]["days_with_follows"]
        checks.append(_check(spec, f"{cond}: share of days with follows", f">= {least}", days, lambda m: m >= least))
    return checks


def reach_by_size(path, spec, size) -> list[Check]:
    """V7: organic reach per post (share of followers) at several page sizes, same per-capita settings."""
    sizes = size["followers"]
    share = spec["conditions"]["market.initial_follower_share"]
    seeds = replication_seeds(7, size["reps"])
    tasks = [(_scenario(path, spec, {**size, "people": int(f / share)}, {}), seed) for f in sizes for seed in seeds]
    settle = spec.get("settle_days", 30)
    reach = np.array([d["organic_reach"].iloc[settle:].mean() for d in _daily_runs(tasks)]).reshape(len(sizes), len(seeds))
    checks = [_check(spec, f"reach per post at {f:,} followers", "(reported)", reach[i], None) for i, f in enumerate(sizes)]
    checks += [_check(spec, f"reach at {sizes[i]:,} minus at {sizes[i + 1]:,} followers", "> 0", reach[i] - reach[i + 1], lambda m: m > 0)
               for i in range(len(sizes) - 1)]
    lo, hi = spec["tolerance"]["small_over_large"]
    checks.append(_ratio_check(spec, f"reach at {sizes[0]:,} / at {sizes[-1]:,} followers", f"[{lo}, {hi}] (Locowise 2015: 11% / 5%)",
                               reach[0], reach[-1], lambda m: lo <= m <= hi))
    return checks


def recovery(path, spec, size) -> list[Check]:
    """V5: each complainer's trust some days after the outcome against the same person in the same market without
    problems (common random numbers), less the drift of customers who had no problem (difference in differences);
    and a crisis written as a timeline against no crisis."""
    tol, later = spec["tolerance"], spec.get("days_after", 90)
    groups = ("in_time", "late", "ignored", "deleted")
    gap = {g: [] for g in groups}
    crisis = []
    for seed in replication_seeds(7, size["reps"]):
        sc = _scenario(path, spec, size, spec["conditions"]["policy"])
        with_problems = AudienceModel(sc, seed=seed, record_complaints=True)
        without = AudienceModel(sc.with_overrides(source=str(path), **{"service.problem_rate": 0.0}), seed=seed)
        diff = {g: [] for g in groups}
        first_problem = np.full(sc.market.people, np.inf)
        resolved = {}  # day -> that day's complaint log, and who followed the page as its complaints were resolved
        for day in range(sc.simulation.days):
            following = with_problems.people.follows.copy()  # as the day's complaints are resolved, before its unfollows
            with_problems.step()
            without.step()
            if with_problems.complaint_log and with_problems.complaint_log[-1]["day"] == day:
                log = with_problems.complaint_log[-1]
                resolved[day] = (log, following)
                first_problem[log["who"]] = np.minimum(first_problem[log["who"]], day)
            log, following = resolved.pop(day - later, (None, None))
            if log is not None:
                # the market drifts with everyone's problems (talk, onlookers): measure first-time complainers against
                # the customers who had none by the day the group's complaints were resolved (later problems hit both
                # alike), followers against followers and others against others: a follower reads the page's other
                # threads, so the drift of a control of mostly non-followers would be charged to a follower's recovery
                drift = with_problems.people.trust - without.people.trust
                control = with_problems.people.customer & (first_problem > log["day"])
                overall = drift[control].mean() if control.any() else np.nan
                baseline = np.array([drift[group].mean() if group.any() else overall  # no such customer: all of them
                                     for group in (control & ~following, control & following)])
                out = log["outcome"]
                who = {"in_time": log["in_time"], "late": (out == ANSWER) & ~log["in_time"],
                       "ignored": out == IGNORE, "deleted": out == DELETE}
                first = first_problem[log["who"]] == log["day"]  # first-time complainers, like the control
                for g in groups:
                    members = log["who"][who[g] & first]
                    diff[g].extend(drift[members] - baseline[following[members].astype(np.int64)])
        for g in groups:
            gap[g].append(np.mean(diff[g]) if diff[g] else np.nan)
        base = _scenario(path, spec, size, spec["conditions"]["crisis_brand"])
        hit = base.with_overrides(source=str(path), timeline=[spec["crisis"]])
        crisis.append(runner.run(hit, seed=seed).summary["long_term_trust"] - runner.run(base, seed=seed).summary["long_term_trust"])
    near = tol["answered_well_vs_no_problem"]
    g = {k: np.array(v) for k, v in gap.items()}
    return [
        _check(spec, f"answered well, in time: trust {later} days later minus without the problem", f"[{-near}, {near}] (no paradox)",
               g["in_time"], lambda m: abs(m) <= near),
        _check(spec, "answered late: minus without the problem", "(reported)", g["late"], None),
        _check(spec, "ignored: minus without the problem", "(reported)", g["ignored"], None),
        _check(spec, "deleted: minus without the problem", "(reported)", g["deleted"], None),
        _check(spec, "answered in time minus late", "> 0", g["in_time"] - g["late"], lambda m: m > 0),
        _check(spec, "late minus ignored", "> 0", g["late"] - g["ignored"], lambda m: m > 0),
        _check(spec, "late minus deleted", "> 0", g["late"] - g["deleted"], lambda m: m > 0),
        _check(spec, "a crisis: market trust at the end minus without the crisis", "<= 0 (never better off)", crisis, lambda m: m <= 0),
    ]


KINDS = {"interest_panel": interest_panel, "interaction_decline": interaction_decline, "complaint_outcomes": complaint_outcomes,
         "unfollow_causes": unfollow_causes, "page_growth": page_growth, "reach_by_size": reach_by_size, "recovery": recovery}


def run_suite(quick: bool = False, folder: Path = ROOT, progress=None) -> tuple[list[Check], float]:
    """Measure every target; return the checks and the wall time."""
    started = time.perf_counter()
    checks = []
    for path, spec in load_targets(folder):
        size = spec["quick" if quick else "full"]
        checks += KINDS[spec["kind"]](path, spec, size)
        if progress:
            progress(spec["id"])
    return checks, time.perf_counter() - started


def summary(checks: list[Check]) -> str:
    """How many checks pass, how many of those only on their mean, and how many rows are only reported."""
    judged = [c for c in checks if c.checked]
    passed = [c for c in judged if c.passed]
    loose = sum(not c.firm for c in passed)
    reported = len(checks) - len(judged)
    return (f"{len(passed)} of {len(judged)} checks pass" + (f" ({loose} of them on the mean only: their 95% interval reaches "
                                                               "beyond the tolerance)" if loose else "")
            + (f"; {reported} further {'row is' if reported == 1 else 'rows are'} measured and reported, not checked."
               if reported else "."))


def write_report(checks: list[Check], quick: bool, path: Path, folder: Path = ROOT) -> Path:
    """validation/report.md: one row per check, with its source, and what the checks of the target files in
    ``folder`` (those that were run) cannot show. It replaces only a report audsim wrote."""
    lines = [f"# Validation report ({'quick' if quick else 'full'} suite)", "",
             f"Made by `audsim validate{' --quick' if quick else ''}` (the same figures every time: a run of it leaves the "
             "checkout as it was). Measured: mean [95% interval] over replications.", "",
             "| target | check | source | expected | measured | result |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {c.target} | {c.check} | {c.source} | {c.expected} | {c.measured()} | "
              f"{'**FAIL**' if c.checked and not c.passed else c.result()} |" for c in checks]
    lines += ["", summary(checks) + " What the checks cannot show is listed below."]
    specs = [read_toml(target, "validation target") for target in sorted(Path(folder).glob("*.toml"))]  # the targets run,
    # wherever the report goes (read beside it, a report written elsewhere ended "listed below." with nothing below)
    unmatched = [f"{spec['id']}'s row_sources key {start!r}" for spec in specs for start in spec.get("row_sources", {})
                 if any(c.target == spec["id"] for c in checks) and not any(c.target == spec["id"] and c.check.startswith(start)
                                                                           for c in checks)]
    if unmatched:  # a check renamed: its rows fell back to every source of the target, said rather than silent
        lines += ["", f"Matching no check (those rows list every source of their target): {', '.join(unmatched)}."]
    caveats = [f"- {spec['id']}: {spec['caveat']}" for spec in specs if "caveat" in spec]
    if caveats:
        lines += ["", "## What these checks cannot show", "",
                  "Several parameters were fitted to these targets, one target at a time (docs/ODD.md, \"Validation\"); none "
                  "is held out, so a pass shows that the model can reproduce a pattern, not that it predicts it. No target "
                  "checks the money: the link of trust to purchases and lapses, customer equity and the rate of product "
                  "problems are assumptions (the report says how much its value rests on them).", ""] + caveats
    return outputs.write_file(path, "\n".join(lines) + "\n", overwrite=True)
