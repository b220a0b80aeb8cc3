"""The break-even market: from which market size one strategy's value overtakes another's.

Both strategies run at each market size, paired (replication r of both uses
the same seed), each scaled to the size with :meth:`Scenario.scaled` (what a
brand spends per person grows with the market) and with its desk sized to its
load (``service.staff = "auto"``). What does not scale is what makes size
matter: a desk staffs its hours however few complain (at least a step of a
person, ``service.staff_step``), a bigger desk's pooled queue answers more per
staff-hour at the same target, and organic reach per post falls with the
page's size. The value difference B - A is
interpolated linearly in the number of people between the two sizes where it
changes sign (exact when the difference is a per-person gain less a fixed
cost); the interval is where the 95% interval of the difference crosses zero.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import outputs, runner
from ..model.sales import FADING_VALUE, OTHER_VALUES
from ..parallel import map_tasks, side_by_side
from ..scenario import MAX_REPS, Scenario
from . import stats
from .compare import replication_seeds

PEOPLE = (10_000, 30_000, 100_000, 300_000, 1_000_000)
COSTS_CONTINUE = "value_costs_continue"  # the value with the strategy's last-year cost kept up after the end (``measures``)


def at_size(scenario: Scenario, people: int, days: int) -> Scenario:
    """The scenario in a market of ``people``, its desk on "auto", over ``days``."""
    sized = scenario.scaled(people / scenario.market.people)
    return sized.with_overrides(source=f"{scenario.name} at {people:,} people",
                                **{"market.people": people, "simulation.days": days, "service.staff": "auto"})


def same_strategy(a: Scenario, b: Scenario, people: list[int], days: int) -> bool:
    """Whether A and B are the same scenario in every market of the break-even, their names aside (a run's manifest
    is its strategy at another size; scaled to the same market, their settings differ only by rounding)."""
    def alike(x, y) -> bool:
        if isinstance(x, dict) and isinstance(y, dict):
            return x.keys() == y.keys() and all(alike(x[k], y[k]) for k in x)
        if isinstance(x, list) and isinstance(y, list):
            return len(x) == len(y) and all(map(alike, x, y))
        if isinstance(x, float | int) and isinstance(y, float | int) and not isinstance(x, bool) and not isinstance(y, bool):
            return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)
        return x == y

    def settings(sc: Scenario, n: int) -> dict:
        return {k: v for k, v in at_size(sc, n, days).model_dump(mode="json").items() if k not in ("name", "description")}

    return all(alike(settings(a, n), settings(b, n)) for n in people)


def _value(task):
    label, people, rep, seed, sc = task
    s = runner.run(sc, seed=seed).summary
    return {"strategy": label, "people": people, "replication": rep, "seed": seed,
            **{k: s[k] for k in ("value", *OTHER_VALUES, FADING_VALUE, COSTS_CONTINUE, "cost_per_year_end", "customer_equity_start",
                                 "customer_equity_end_present", "value_undiscounted", "net_profit", "net_profit_present", "customer_equity_change",
                                 "followers_end", "long_term_trust",
                                 "staff_hours")}}


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

    def write_into(self, folder: Path, lang: str = "en", labels: dict | None = None, currency: str = "") -> None:
        """The CSV and JSON files and the plot (in ``lang``, the strategies named by ``labels``)."""
        from ..report import plots

        runs = self.runs.copy()
        runs.insert(1, "scenario", runs["strategy"].map({"a": self.manifest["a"], "b": self.manifest["b"]}))  # a or b, by name
        runs.to_csv(folder / "breakeven_runs.csv", index=False)
        table = self.table
        if (kept := self.costs_continue()) is not None:
            table = table.merge(kept[["people", "diff", "ci_low", "ci_high"]].add_suffix("_costs_continue")
                                .rename(columns={"people_costs_continue": "people"}), on="people")
        table.to_csv(folder / "breakeven.csv", index=False)
        (folder / "breakeven.json").write_text(json.dumps({**self.point, "manifest": self.manifest}, indent=2, default=str))
        plots.save_breakeven(self, folder, lang, labels, currency)

    def costs_continue(self) -> pd.DataFrame | None:
        """B - A by market size with each strategy's last-year cost kept up after the end (``difference_by_size``), or
        None for runs recorded before the summary had it."""
        return difference_by_size(self.runs, COSTS_CONTINUE) if COSTS_CONTINUE in self.runs else None

    def labels(self, story, lang: str) -> dict:
        """A's and B's scenario names -> a report's words for them (``story.label``)."""
        return {n: story.label(n, lang) for n in (self.manifest["a"], self.manifest["b"])}

    def names(self, labels: dict | None = None) -> tuple[str, str]:
        """A's and B's names: their scenario names, or ``labels`` for them (a report's words)."""
        labels = labels or {}
        return labels.get(self.manifest["a"], self.manifest["a"]), labels.get(self.manifest["b"], self.manifest["b"])

    def sentences(self, lang: str = "en", labels: dict | None = None, market: int | None = None) -> list[str]:
        """Paragraphs: where B overtakes A, where the client's ``market`` (people) lies against that, and where both
        leave the brand worth less than at the start; the same with each strategy's cost of its last year kept up
        after the end (what holding the market's trust where it ends costs); and, where both ran with the same
        range, where B would overtake A with the market revalued with a weaker and a stronger link of trust to
        money. ``labels``: scenario name -> the words for it."""
        from ..report.i18n import TEXT
        from ..report.story import cost_span, valuation_pct

        a, b = self.names(labels)
        t, other, pct = TEXT[lang], self.point.get("other_valuations") or {}, valuation_pct(self.manifest)
        capital = b != self.manifest["b"]  # words for it, not its scenario's name
        out = [describe(self.point, a, b, lang, capital)]
        if market is not None and (yours := your_market(self.point, market, a, b, lang)):
            out[0] += " " + yours
        if below := self.both_below("value", lang):
            out[0] += " " + t["be_both_below"].format(sizes=below)
        if COSTS_CONTINUE in other:
            span = cost_span(self.manifest["days"], lang, "its_")
            out.append(f"{t['be_costs'].format(span=span)} {describe(other[COSTS_CONTINUE], a, b, lang, capital)}")
            if market is not None and (yours := your_market(other[COSTS_CONTINUE], market, a, b, lang)):
                out[-1] += " " + yours  # the answer may turn with the costs: the client's market placed in both views
            if below := self.both_below(COSTS_CONTINUE, lang):
                out[-1] += " " + t["be_both_below_costs"].format(sizes=below)
        if pct and all(name in other for name in OTHER_VALUES):
            weak, strong = (_where(other[name], lang, a, b) for name in OTHER_VALUES)
            out.append(t["be_links"].format(a=a, b=b, pct=round(pct), weak=weak, strong=strong))
        return out

    def sentence(self, lang: str = "en", labels: dict | None = None) -> str:
        """``sentences`` as one paragraph."""
        return " ".join(self.sentences(lang, labels))

    def both_below(self, column: str, lang: str) -> str:
        """The market sizes at which both strategies' mean ``column`` is below zero (both leave the brand worth less
        than at the start), as a phrase ("at every size tested", "at 1,000 and 2,000 people"), or ""."""
        from ..report.i18n import TEXT
        from ..report.story import listed

        if column not in self.runs:
            return ""
        means = self.runs.groupby(["people", "strategy"])[column].mean().unstack()
        below = [int(n) for n, row in means.iterrows() if (row < 0).all()]
        t = TEXT[lang]
        if not below:
            return ""
        if len(below) == len(means):
            return t["be_every_size"]
        return t["be_at_sizes"].format(sizes=listed([_people(lang)(n) for n in below], t, ", "))


def check_fits(a: Scenario, b: Scenario, people: list[int], days: int, reps: int, workers: int | None = None) -> None:
    """Refuse, in one line and before any run, a largest market that cannot fit in memory as many times as runs go
    side by side."""
    at_once = side_by_side(2 * reps * len(people), workers)
    for sc in (a, b):
        runner.check_memory(at_size(sc, max(people), days), at_once)


def breakeven(a: Scenario, b: Scenario, people=PEOPLE, years: float = 3, reps: int = 10, seed: int = 7,
              workers: int | None = None, progress=None, days: int | None = None) -> BreakEven:
    """Run A and B at each market size for ``years`` (or ``days``) and find where B's value overtakes A's."""
    given = [people] if isinstance(people, (str, int, float, np.integer)) else list(people)
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in given) or len(set(given)) < len(given):
        raise ValueError(f"people = {people!r}: expected whole numbers of people, each once, e.g. [10000, 100000]")
    people = sorted(int(n) for n in given)
    if len(people) < 2 or people[0] < 10:
        raise ValueError(f"people = {people}: expected at least two different market sizes of at least 10")
    if not isinstance(reps, (int, np.integer)) or isinstance(reps, bool) or not 2 <= reps <= MAX_REPS:  # one: no width
        raise ValueError(f"reps = {reps!r}: expected a whole number of 2 to {MAX_REPS:,} replications (an interval needs two)")
    if days is not None and (not isinstance(days, (int, np.integer)) or days < 1):  # 0 ran the default three years
        raise ValueError(f"days = {days!r}: expected a whole number of days, at least 1")
    if a.name == b.name:
        b = b.model_copy(update={"name": f"{b.name}-b"})
    days = days if days is not None else int(round(years * 365))
    seeds = replication_seeds(seed, reps)
    tasks = [(label, n, r, s, at_size(sc, n, days)) for n in people for r, s in enumerate(seeds) for label, sc in (("a", a), ("b", b))]
    check_fits(a, b, people, days, reps, workers)
    rows = []
    for row in map_tasks(_value, tasks, workers):
        rows.append(row)
        if progress:
            progress(1)
    runs = pd.DataFrame(rows)
    table = difference_by_size(runs)
    point = crossing(table)
    point["other_valuations"] = {name: crossing(difference_by_size(runs, name)) for name in (*OTHER_VALUES, FADING_VALUE, COSTS_CONTINUE)
                                if name in runs}
    return BreakEven(runs, table, point, {
        "a": a.name, "b": b.name, "people": people, "days": days, "reps": reps, "seed": seed, "replication_seeds": seeds,
        "scenarios": {"a": a.model_dump(mode="json"), "b": b.model_dump(mode="json")},
        "scenario_hashes": {"a": a.hash(), "b": b.hash()}, "versions": runner.versions(),
        "command": runner.command_line()})


def difference_by_size(runs: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """people, value of A and of B (means), B - A (paired mean and 95% interval), per person too; ``column``: which
    value (another valuation of the same runs)."""
    rows = []
    for n, sub in runs.groupby("people"):
        wide = sub.pivot(index="replication", columns="strategy", values=column)
        d = stats.paired_difference(wide["b"], wide["a"])
        rows.append({"people": n, "value_a": wide["a"].mean(), "value_b": wide["b"].mean(), "diff": d["diff"],
                     "ci_low": d["ci_low"], "ci_high": d["ci_high"], "diff_per_person": d["diff"] / n, "n": d["n"]})
    return pd.DataFrame(rows)


def crossing(table: pd.DataFrame) -> dict:
    """Where B - A turns from negative to positive, with its interval: from where the upper bound of the 95%
    interval turns positive (the earliest plausible break-even) to where the lower bound does for good (beyond it,
    B is surely ahead). ``status`` names the case: b_overtakes, b_ahead_everywhere, a_ahead_everywhere,
    b_falls_behind, mixed (more than one change of sign) or no_difference."""
    n = table["people"].to_numpy(float)
    d, lo, hi = (table[c].to_numpy(float) for c in ("diff", "ci_low", "ci_high"))
    point = {"people": None, "low": None, "high": None, "smallest": int(n[0]), "largest": int(n[-1]), "sizes": int(n.size),
             "b_surely_ahead_at": [int(x) for x in n[lo > 0]], "a_surely_ahead_at": [int(x) for x in n[hi < 0]]}
    changes = int(np.count_nonzero(np.diff(np.sign(d)) != 0))
    if np.all(d == 0) and np.all(lo == hi):
        return {"status": "no_difference", **point}
    if (d > 0).all():
        return {"status": "b_ahead_everywhere", **point}
    if (d <= 0).all():
        return {"status": "a_ahead_everywhere", **point}
    if changes > 1:
        return {"status": "mixed", **point}
    if d[0] > 0:
        return {"status": "b_falls_behind", **point}
    at = _rise(n, d)
    low = _rise(n, hi) if hi[0] <= 0 else None  # None: the interval allows a break-even below the smallest size
    high = _rise(n, lo, last=True) if lo[-1] > 0 else None  # None: beyond the largest size
    return {"status": "b_overtakes", **point, "people": at, "low": min(low, at) if low is not None else None,
            "high": max(high, at) if high is not None else None}


def _rise(n: np.ndarray, y: np.ndarray, last: bool = False) -> float | None:
    """The first (or last) market size at which ``y`` crosses from <= 0 to > 0, linear in people between sizes."""
    found = None
    for i in range(1, len(n)):
        if y[i - 1] <= 0 < y[i]:
            found = float(n[i - 1] + (n[i] - n[i - 1]) * (0 - y[i - 1]) / (y[i] - y[i - 1]))
            if not last:
                return found
    return found


def describe(point: dict, a: str, b: str, lang: str = "en", capital: bool = True) -> str:
    """The break-even in one sentence, for every case, in English or German; ``capital``: B's words take a capital
    at the start of a sentence (a report's label does, a scenario's name is written as it is named)."""
    from ..report.i18n import TEXT

    t, num = TEXT[lang], _people(lang)
    s = point["status"]
    if s != "b_overtakes":
        text = t[f"be_{s}"].format(a=a, B=b[:1].upper() + b[1:] if capital else b, smallest=num(point["smallest"]), largest=num(point["largest"]))
        chance = _beyond_chance(point, lang, a, b)
        if not chance:
            return text
        return f"{text[:-2]}; {chance})." if text.endswith(").") else f"{text[:-1]} ({chance})."
    lo = num(two_figures(point["low"])) if point["low"] is not None else t["be_below"].format(n=num(point["smallest"]))
    hi = num(two_figures(point["high"])) if point["high"] is not None else t["be_beyond"].format(n=num(point["largest"]))
    return t["be_overtakes"].format(a=a, b=b, n=num(two_figures(point["people"])), lo=lo, hi=hi)


def your_market(point: dict, people: int, a: str, b: str, lang: str = "en") -> str:
    """Where a market of ``people`` (the client's, as the report ran it) lies against the break-even: beyond its
    interval (B worth more there), below it (A), within it (too close to call); or outside the sizes tested. ""
    where there is nothing to add (a lead at every size, and the market among the sizes)."""
    from ..report.i18n import TEXT

    t, n = TEXT[lang], _people(lang)(people)
    if not point["smallest"] <= people <= point["largest"]:  # nothing was run there: no claim about it
        return t["be_yours_outside"].format(n=n)
    if point["status"] != "b_overtakes":
        return ""
    low = point["low"] if point["low"] is not None else -math.inf  # an interval open at an end reaches past the sizes
    high = point["high"] if point["high"] is not None else math.inf
    where = "beyond" if people > high else "below" if people < low else "within"
    return t[f"be_yours_{where}"].format(n=n, a=a, b=b)


def _beyond_chance(point: dict, lang: str, a: str, b: str) -> str:
    """Where a lead at every size tested (by the means) is beyond chance: at each size, at some (naming who leads
    there), or at none; "" for a point of another status (or one recorded before the sizes were)."""
    from ..report.i18n import TEXT
    from ..report.story import listed

    ahead = {"b_ahead_everywhere": "b_surely_ahead_at", "a_ahead_everywhere": "a_surely_ahead_at"}.get(point["status"])
    if ahead is None or ahead not in point:
        return ""
    t, sure = TEXT[lang], point[ahead]
    if len(sure) == point["sizes"]:
        return t["be_sure_all"]
    if not sure:
        return t["be_sure_none"]
    leader = b if ahead == "b_surely_ahead_at" else a
    return t["be_sure_some"].format(sizes=listed([_people(lang)(n) for n in sure], t, ", "), leader=leader)


def _people(lang: str):
    """A whole number of people with its thousands separator (a point in German)."""
    return (lambda x: f"{x:,}".replace(",", ".")) if lang == "de" else (lambda x: f"{x:,}")


def _where(point: dict, lang: str, a: str, b: str) -> str:
    """Where B overtakes A under another valuation, as a phrase for ``be_links``."""
    from ..report.i18n import TEXT

    t, num = TEXT[lang], _people(lang)
    s = point["status"]
    if s == "b_overtakes":
        return t["be_from"].format(n=num(two_figures(point["people"])))
    phrase = t[f"be_where_{s}"].format(smallest=num(point["smallest"]), largest=num(point["largest"]))
    chance = _beyond_chance(point, lang, a, b)
    if not chance:
        return phrase
    return f"{phrase[:-1]}; {chance})" if phrase.endswith(")") else f"{phrase} ({chance})"


def two_figures(x: float) -> int:
    """Two significant figures: a break-even is not known to the person."""
    if x <= 0:
        return 0
    digits = max(0, int(math.floor(math.log10(x))) - 1)
    return int(round(x / 10**digits) * 10**digits)
