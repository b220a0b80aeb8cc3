"""The brand: what it posts each day (MODEL.md §3.1)."""

from __future__ import annotations

import mesa
import numpy as np


class Brand(mesa.Agent):
    """Posts drawn from the content mix, a weekly calendar, or one-off events."""

    def __init__(self, model, strategy, content):
        super().__init__(model)
        self.strategy = strategy
        self.content = content
        names = list(strategy.mix)
        self._mix_types = np.array([content.index[n] for n in names], dtype=np.int64)
        self._mix_p = np.array([strategy.mix[n] for n in names], dtype=np.float64)
        self.last_prize_draw = -10**6  # day of the last post that needs follow + share

    def posts(self, day: int, rng: np.random.Generator) -> np.ndarray:
        """Content-type numbers of today's posts."""
        s = self.strategy
        if not s.has_page:
            return np.empty(0, np.int64)
        if s.calendar is not None:
            todays = np.array([self.content.index[t] for t in s.calendar[day % 7]], dtype=np.int64)
        else:
            n = int(s.posts_per_day) + int(rng.random() < s.posts_per_day % 1)
            todays = self._mix_types[rng.choice(self._mix_p.size, size=n, p=self._mix_p)] if n else np.empty(0, np.int64)
        extra = [self.content.index[e.type] for e in s.events if e.day == day]
        todays = np.concatenate([todays, np.array(extra, dtype=np.int64)])
        if self.content.requires_follow[todays].any():
            self.last_prize_draw = day
        return todays
