"""The brand: what it posts each day (MODEL.md §3.1)."""

from __future__ import annotations

import mesa
import numpy as np


class Brand(mesa.Agent):
    """Posts drawn from the content mix, a weekly calendar, or one-off events."""

    def __init__(self, model, strategy, content):
        super().__init__(model)
        self.adopt(strategy, content)
        self.last_prize_draw = -10**6  # day of the last post that needs follow + share

    def adopt(self, strategy, content) -> None:
        """Take up a strategy (at the start, or when the scenario's timeline switches it)."""
        self.strategy = strategy
        self.content = content
        names = list(strategy.mix)
        self._mix_types = np.array([content.index[n] for n in names], dtype=np.int64)
        cdf = np.array([strategy.mix[n] for n in names], dtype=np.float64).cumsum()
        self._mix_cdf = cdf / cdf[-1] if cdf.size else cdf  # as numpy's Generator.choice makes it

    def posts_per_day(self, day: int) -> float:
        """The posting rate on ``day``: it may grow (or shrink) over time, up to a ceiling."""
        s = self.strategy
        return min(s.posts_per_day * float(np.exp(s.posts_growth * day)), s.posts_per_day_max)

    def acquire_fans(self, people, followers: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Campaign followers: about fan_acquisition * followers non-followers, chosen by activity."""
        s = self.strategy
        if not s.has_page or s.fan_acquisition <= 0:
            return np.empty(0, np.int64)
        k = rng.poisson(s.fan_acquisition * max(followers.size, 1))
        outside = np.flatnonzero(~people.follows)
        if k == 0 or outside.size == 0:
            return np.empty(0, np.int64)
        weight = people.activity[outside].astype(np.float64)
        return rng.choice(outside, size=min(k, outside.size), replace=False, p=weight / weight.sum())

    def posts(self, day: int, rng: np.random.Generator) -> np.ndarray:
        """Content-type numbers of today's posts."""
        s = self.strategy
        if not s.has_page:
            return np.empty(0, np.int64)
        if s.calendar is not None:
            todays = np.array([self.content.index[t] for t in s.calendar[day % 7]], dtype=np.int64)
        else:
            rate = self.posts_per_day(day)
            n = int(rate) + int(rng.random() < rate % 1)
            # rng.choice(types, n, p=mix)'s draws without its checks of p, a fifth of the day's Python
            todays = self._mix_types[self._mix_cdf.searchsorted(rng.random(n), side="right")] if n else np.empty(0, np.int64)
        extra = [self.content.index[e.type] for e in s.events if e.day == day]
        todays = np.concatenate([todays, np.array(extra, dtype=np.int64)])
        if self.content.requires_follow[todays].any():
            self.last_prize_draw = day
        return todays
