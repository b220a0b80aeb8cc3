"""Two strategies side by side, stepped together with the same seed.

Each side is a preset scaled to the live market, with the dashboard's
settings (knobs) for that side applied; a side's knobs start from its own
preset's values (:func:`preset_knobs`), so no strategy's values live in code.
Bad settings never raise: the pair falls back to the preset's value and keeps
a message to show.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass

import mesa
import numpy as np

from .. import runner
from ..experiments.demo import load_story, scenarios_dir, tool_defaults
from ..model import AudienceModel, sales
from ..model.measures import summarize
from ..model.service import fixed_staff
from ..report.numbers import capital, count, decimal, percent
from ..scenario import ScenarioError


@dataclass(frozen=True)
class Knob:
    """A setting of one side: the scenario key it sets, its range and step, its unit, and how a value reads."""

    key: str
    lo: float
    hi: float
    step: float
    unit: str
    percent: bool = False
    whole: bool = False

    def shown(self, value, lang: str = "en") -> str:
        """The value as the page's language writes it: 80% (de: 80 %), 1.5 (de: 1,5)."""
        if value == "auto":
            return "auto"
        return percent(value, 0, lang) if self.percent else decimal(value, ".0f" if self.whole else "g", lang)


KNOBS = {
    "promo_share": Knob("strategy.mix.promo", 0.0, 1.0, 0.05, "of posts", percent=True),
    "posts_per_day": Knob("strategy.posts_per_day", 0.0, 8.0, 0.1, "posts/day"),
    "staff": Knob("service.staff", 0, 20, 1, "people", whole=True),  # or "auto": sized to the load (the desk's queue rehearsed)
    "hours_per_day": Knob("service.hours_per_day", 0.0, 24.0, 1.0, "h/day", whole=True),
    "days_per_week": Knob("service.days_per_week", 0, 7, 1, "days/week", whole=True),
    "answer_share": Knob("service.answer_share", 0.0, 1.0, 0.05, "of complaints", percent=True),
    "delete_share": Knob("service.delete_share", 0.0, 1.0, 0.05, "of unanswered", percent=True),
    "paid_boost": Knob("strategy.paid_boost_per_day", 0.0, 200.0, 5.0, "EUR/day"),
}
LIVE_PEOPLE = 20_000  # the live view's market unless set: both strategies step a day at a time and stay fluid
SERIES = ("followers", "trust_market", "organic_reach", "interaction_rate", "open_complaints")


def presets() -> list[str]:
    return sorted(p.stem for p in scenarios_dir().glob("*.toml"))


def live(name: str, people: int = LIVE_PEOPLE):
    """A preset scaled to the live market (its desk and budgets with it)."""
    sc = runner.resolve(scenarios_dir() / f"{name}.toml")
    return sc.scaled(people / sc.market.people).with_overrides(**{"market.people": people})


def preset_knobs(name: str, people: int = LIVE_PEOPLE) -> dict:
    """The knobs' values as the preset sets them, in the live market."""
    sc = live(name, people)
    return {k: _read(sc, knob) for k, knob in KNOBS.items()}


def _read(sc, knob: Knob):
    value = sc.strategy.mix.get("promo", 0.0) if knob.key == "strategy.mix.promo" else sc.value(knob.key)
    if knob.key == "service.staff" and value != "auto":
        return fixed_staff(value, sc.service.min_staff)  # the desk as it works (a desk scaled to the live market keeps one person)
    return value if value == "auto" else float(value)


# 20,000 (de: 20.000) or 20 000: one separator throughout; the decimal mark of the page's language is none (a German
# "20,000" is twenty)
THOUSANDS = {lang: re.compile(rf"\d{{1,3}}(?:([{mark}\s\u00a0\u202f'_])\d{{3}})(?:\1\d{{3}})*") for lang, mark in (("en", ","), ("de", "."))}
MESSAGES = {  # the pair's own messages, in the page's language (the scenario's own errors stay as the CLI writes them)
    "en": {"whole": "{name}: \u201c{text}\u201d is not a whole number from {lo} to {hi}; {kept} is used",
           "preset": "Preset: \u201c{text}\u201d is not one of {allowed}",
           "crisis": "Product crisis: day {text} is not before the horizon, day {hi}", "people": "People in the market",
           "seed": "Random seed", "kept_seed": "the preset's seed, {n},", "adjusted": "adjusted", "crisis_label": "product crisis"},
    "de": {"whole": "{name}: \u201e{text}\u201c ist keine ganze Zahl von {lo} bis {hi}; es gilt {kept}",
           "preset": "Vorlage: \u201e{text}\u201c ist keine von {allowed}",
           "crisis": "Produktkrise: Tag {text} liegt nicht vor dem Ende, Tag {hi}", "people": "Personen im Markt",
           "seed": "Zufallsstartwert", "kept_seed": "der Startwert der Vorlage, {n}", "adjusted": "angepasst", "crisis_label": "Produktkrise"},
}


def _whole(text, name: str, lo: int, hi: int, errors: list[str], lang: str, kept: str):
    """``text`` read as a whole number in [lo, hi]; else None, and a message that ``kept`` is used instead."""
    try:
        written = str(text).strip()
        value = int(re.sub(r"\D", "", written) if THOUSANDS[lang].fullmatch(written) else written)
        if not lo <= value <= hi:
            raise ValueError
        return value
    except ValueError:
        words = MESSAGES[lang]
        errors.append(words["whole"].format(name=words[name], text=text, lo=count(lo, lang), hi=count(hi, lang), kept=kept))
        return None


def crisis_settings() -> dict:
    """The dashboard's product crisis (scenarios/sets/defaults.toml): how long it lasts, how many times the everyday
    problems customers have, and the days a client can start it on."""
    return tool_defaults()["dashboard"]["crisis"]


class StrategyPair(mesa.Model):
    """Holds two AudienceModels; one step is one day of both."""

    def __init__(self, left: str | None = None, right: str | None = None, left_knobs: dict | None = None,
                 right_knobs: dict | None = None, people: str = "20000", seed: str = "7", rng=None, lang: str = "en",
                 crisis: int | None = None, before: tuple[int, int] | None = None):
        """``people`` and ``seed`` as typed; a value that is not one keeps ``before`` (the market size and seed of the
        pair this one replaces), else the live market's default and the preset's seed, with a message."""
        super().__init__(rng=rng)
        self.errors: list[str] = []
        self.lang = lang
        self.crisis = None  # the day the product crisis starts, once it is part of both scenarios
        defaults = tool_defaults()["dashboard"]
        kept_people, kept_seed = before or (LIVE_PEOPLE, None)
        n = _whole(people, "people", 100, 200_000, self.errors, lang, kept=count(kept_people, lang))
        self.people_read = n is not None
        n = n or kept_people
        first = left if left in presets() else defaults["left"]  # a preset that is not one is refused below
        kept = MESSAGES[lang]["kept_seed"].format(n=live(first, n).simulation.seed) if kept_seed is None else str(kept_seed)
        s = _whole(seed, "seed", 0, 2**31 - 1, self.errors, lang, kept=kept)
        s = kept_seed if s is None else s
        self.changed: dict[str, dict] = {}  # side -> knob -> (the preset's value, the value applied): what was adjusted
        self.left_scenario = self._with_crisis(self._preset("left", left or defaults["left"], n, s, left_knobs or {}), crisis)
        self.right_scenario = self._with_crisis(self._preset("right", right or defaults["right"], n, s, right_knobs or {}), crisis)
        # names are file-safe (they name the exported report's scenarios); labels are what the page shows
        self.left = AudienceModel(self.left_scenario.with_overrides(name=f"A-{self.left_scenario.name}"))
        self.right = AudienceModel(self.right_scenario.with_overrides(name=f"B-{self.right_scenario.name}"))
        story = load_story("demo")  # a client reads "A: The sales party", not the preset's file name
        adjusted = f" ({MESSAGES[lang]['adjusted']})"  # a sales party without promotion is no longer the sales party
        self.labels = {side: f"{letter}: {capital(story.label(sc.name, lang))}{adjusted if self.changed[side] else ''}"
                       for side, letter, sc in (("left", "A", self.left_scenario), ("right", "B", self.right_scenario))}
        self.limits: dict[str, float] = {}  # each chart's upper limit: it only grows, so axes do not jump
        self.money_unit = 1.0  # the card's rounding of money: it only grows, so the digits do not flicker
        self.lock = threading.Lock()  # one advance at a time: Play's loop, Step, a loop a quick Pause-Play left behind
        self.player = None  # the one play loop that may advance this pair (``app.Controls``)

    def _preset(self, side: str, name: str, people: int, seed, knobs: dict):
        if name not in presets():
            self.errors.append(MESSAGES[self.lang]["preset"].format(text=name, allowed=", ".join(presets())))
            name = tool_defaults()["dashboard"]["right"]
        sc = preset = live(name, people).with_overrides(**{"simulation.seed": seed})
        self.changed[side] = {}
        for k, value in knobs.items():  # one at a time, so one bad value does not discard the others
            if k in KNOBS and _read(sc, KNOBS[k]) == value:
                continue  # as the preset has it (setting the promotion share again would rescale the mix)
            try:
                sc = sc.with_overrides(**{KNOBS[k].key: value})
                self.changed[side][k] = (_read(preset, KNOBS[k]), value)
            except (ScenarioError, KeyError) as e:
                self.errors.append(str(e).removeprefix("override: "))
        return sc

    def _with_crisis(self, sc, day: int | None):
        """The scenario with the product crisis from ``day`` as one more [[timeline]] entry (the same for both sides:
        it happens to the market's customers, whatever the brand does)."""
        if day is None:
            return sc
        if not 0 <= day < sc.simulation.days:
            message = MESSAGES[self.lang]["crisis"].format(text=day, hi=sc.simulation.days)
            if message not in self.errors:  # said once for the two sides
                self.errors.append(message)
            return sc
        crisis, self.crisis = crisis_settings(), day
        entry = {"from": day, "to": min(day + crisis["days"], sc.simulation.days), "label": MESSAGES[self.lang]["crisis_label"],
                 "service": {"problem_rate": min(1.0, sc.service.problem_rate * crisis["problems_times"])}}
        return sc.with_overrides(timeline=[*sc.model_dump(mode="json")["timeline"], entry], source="dashboard crisis")

    @property
    def horizon(self) -> int:
        return self.left.plan.simulation.days

    def step(self) -> None:
        if self.left.day < self.horizon:
            self.left.step()
            self.right.step()
        self.running = self.left.day < self.horizon

    def advance(self, days: int) -> None:
        """``days`` days for both strategies (fewer at the horizon): a week or a month per redraw lets a client
        watch three years without waiting on a thousand redraws."""
        for _ in range(max(1, days)):
            if not self.running:
                break
            self.step()

    def days_in_step(self, pace: int) -> int:
        """Days of one step at ``pace``: 1, 7, or, for a month (30), to the end of the current calendar month of
        365.25 / 12 days, so that twelve steps make a year (day 365), not day 360."""
        if pace != 30:
            return pace
        month, day = 365.25 / 12, self.left.day
        k = math.floor(day / month) + 1
        while round(k * month) <= day:  # the months' ends fall on whole days: 30, 61, 91, ..., 365
            k += 1
        return round(k * month) - day

    def model(self, side: str) -> AudienceModel:
        return self.left if side == "left" else self.right

    def series(self, side: str, name: str) -> list:
        return self.model(side).datacollector.model_vars.get(name, [])

    def events(self, side: str) -> list[tuple[int, int, str]]:
        """The side's [[timeline]] entries that have started by today, as (first day, day after the last, or today
        while it lasts, its label or "")."""
        model = self.model(side)
        return sorted({(c.first, min(model.day, model.plan.simulation.days if c.to is None else c.to), c.label or "")
                       for c in model.plan.timeline if c.first < model.day})

    def upper(self, name: str, values: list[float]) -> float:
        """The chart's upper limit: the next of 1, 2, 5 x 10^k above everything seen so far (never lower)."""
        top = max([self.limits.get(name, 0.0), *values, 1e-9])
        if top > self.limits.get(name, 0.0):
            k = 10 ** np.floor(np.log10(top))
            self.limits[name] = float(next(m * k for m in (1, 2, 5, 10) if m * k >= top * 1.02))
        return self.limits[name]

    def headline(self, side: str) -> dict:
        """summarize() of the days so far, with customer equity as it stands today: the run measures it every four
        weeks, and a card that carried the last measure forward jumped by the month's change on measuring days."""
        model = self.model(side)
        if not model.datacollector.model_vars.get("day"):
            return {"days": 0}
        daily = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
        start_equity, start_index = model.equity_at_start
        daily.loc[daily.index[-1], ["customer_equity", "purchase_index"]] = sales.equity(model.people, model.config.economy)
        daily["customer_equity"] = daily["customer_equity"].ffill().fillna(start_equity)
        daily["purchase_index"] = daily["purchase_index"].ffill().fillna(start_index)
        return {"days": len(daily), **summarize(daily, start_equity, discount_rate_per_year=model.config.economy.discount_rate_per_year)}
