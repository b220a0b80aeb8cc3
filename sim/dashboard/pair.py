"""Two strategies side by side, stepped together with the same seed.

The left strategy is a preset with the dashboard's settings applied; the
right one is a preset as it stands. Bad settings never raise: the pair falls
back to the preset's value and keeps a message to show.
"""

from __future__ import annotations

import mesa

from .. import runner
from ..experiments.demo import scenarios_dir, tool_defaults
from ..model import AudienceModel
from ..scenario import ScenarioError

REPLY_POLICIES = {
    "answer all": {"service.answer_share": 1.0, "service.delete_share": 0.0},
    "answer half, ignore the rest": {"service.answer_share": 0.5, "service.delete_share": 0.0},
    "ignore all": {"service.answer_share": 0.0, "service.delete_share": 0.0},
    "ignore, delete 30%": {"service.answer_share": 0.0, "service.delete_share": 0.3},
}
LIVE_PEOPLE = 20_000  # the live view's market unless set: both strategies step a day at a time and stay fluid
SERIES = ("followers", "trust_market", "organic_reach", "interaction_rate", "open_complaints")


def presets() -> list[str]:
    return sorted(p.stem for p in scenarios_dir().glob("*.toml"))


def _whole(text, name: str, lo: int, hi: int, errors: list[str]):
    try:
        value = int(str(text).strip().replace(",", "").replace("_", ""))
        if not lo <= value <= hi:
            raise ValueError
        return value
    except ValueError:
        errors.append(f"{name} = {text!r}: expected a whole number from {lo:,} to {hi:,}")
        return None


class StrategyPair(mesa.Model):
    """Holds two AudienceModels; one step is one day of both."""

    def __init__(self, left: str | None = None, right: str | None = None, promo_share: float = 0.8, posts_per_day: float = 3.0,
                 staff: int = 0, hours_per_day: float = 8.0, days_per_week: int = 5, reply: str = "ignore, delete 30%",
                 paid_boost: float = 0.0, people: str = "20000", seed: str = "7", rng=None):
        super().__init__(rng=rng)
        self.errors: list[str] = []
        defaults = tool_defaults()["dashboard"]
        left, right = left or defaults["left"], right or defaults["right"]
        n = _whole(people, "people", 100, 200_000, self.errors) or LIVE_PEOPLE
        s = _whole(seed, "seed", 0, 2**31 - 1, self.errors)
        base = {"market.people": n, "simulation.seed": s}
        knobs = {"strategy.mix.promo": promo_share, "strategy.posts_per_day": posts_per_day, "service.staff": staff,
                 "service.hours_per_day": hours_per_day, "service.days_per_week": days_per_week,
                 "strategy.paid_boost_per_day": paid_boost, **REPLY_POLICIES.get(reply, {})}
        if reply not in REPLY_POLICIES:
            self.errors.append(f"reply = {reply!r}: expected one of {', '.join(REPLY_POLICIES)}")
        self.left_scenario = self._preset(left, base, knobs)
        self.right_scenario = self._preset(right, base, {})
        # names are file-safe (they name the exported report's scenarios); labels are what the page shows
        self.left = AudienceModel(self.left_scenario.with_overrides(name=f"A-{self.left_scenario.name}"))
        self.right = AudienceModel(self.right_scenario.with_overrides(name=f"B-{self.right_scenario.name}"))
        self.labels = {"left": f"A: {self.left_scenario.name}", "right": f"B: {self.right_scenario.name}"}

    def _preset(self, name: str, base: dict, knobs: dict):
        if name not in presets():
            self.errors.append(f"preset = {name!r}: expected one of {', '.join(presets())}")
            name = tool_defaults()["dashboard"]["right"]
        sc = runner.resolve(scenarios_dir() / f"{name}.toml").with_overrides(**base)
        for key, value in knobs.items():  # one at a time, so one bad value does not discard the others
            try:
                sc = sc.with_overrides(**{key: value})
            except ScenarioError as e:
                self.errors.append(str(e).removeprefix("command line: "))
        return sc

    def step(self) -> None:
        if self.left.day < self.left.config.simulation.days:
            self.left.step()
            self.right.step()
        self.running = self.left.day < self.left.config.simulation.days

    def series(self, side: str, name: str) -> list:
        model = self.left if side == "left" else self.right
        return model.datacollector.model_vars.get(name, [])

    def headline(self, side: str) -> dict:
        """Figures so far for the card: net advocates, purchase index (last measured), trust, followers, unfollows per
        30 days (organic reach has its chart beside the card)."""
        model = self.left if side == "left" else self.right
        mv = model.datacollector.model_vars
        if not mv.get("day"):
            return {"days": 0}
        followers = mv["followers"]
        start = followers[0] - mv["follows"][0] + mv["unfollows"][0]
        mean_f = sum(followers) / len(followers)
        index = [x for x in mv["purchase_index"] if x == x] or [model.equity_at_start[1]]
        return {"days": len(followers), "trust": mv["trust_market"][-1], "followers": followers[-1], "followers_start": start,
                "unfollow_rate_per_30d": sum(mv["unfollows"]) / mean_f / len(followers) * 30 if mean_f else None,
                "net_advocates": 100 * (mv["advocates"][-1] - mv["detractors"][-1]), "purchase_index": index[-1]}
