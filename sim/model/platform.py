"""The platform: a page's quality score, its organic reach and the feed.

Reach feedback (MODEL.md §3.2, §3.8): the page's quality score ``Q`` is a
moving average of engagement minus weighted negative feedback per impression;
organic reach ``R`` follows ``Q`` and shrinks with competition ``C``. Low
interaction lowers the next days' visibility.
"""

from __future__ import annotations

from collections import deque

import mesa
import numba
import numpy as np


class Platform(mesa.Agent):
    """The feed that decides who sees the page's posts."""

    def __init__(self, model, params):
        super().__init__(model)
        self.params = params
        self.quality = params.quality_ref  # Q
        self.competition = 1.0  # C
        self.reach = self._reach()  # R
        self.posted = deque(maxlen=params.post_split_days - 1)  # the page's posts on each of the previous days

    def posting_rate(self, n_today: int) -> float:
        """The page's posts a day over the last ``post_split_days`` days, today included."""
        return (sum(self.posted) + n_today) / (len(self.posted) + 1)

    def _reach(self) -> float:
        p = self.params
        relative = max(self.quality, 0.0) / p.quality_ref
        return float(np.clip(p.reach_base * relative**p.reach_elasticity / self.competition, p.reach_min, p.reach_max))

    def organic_viewers(self, n_posts: int, followers: np.ndarray, activity, affinity, rng) -> list[np.ndarray]:
        """For each post, the followers it is shown to.

        Each post's expected audience is R * followers / r^post_split at a
        posting rate of r posts a day over the last days: a page's posts
        compete with each other in the feed for as long as they stay there,
        so posting more splits reach and posting less concentrates it. A
        follower's chance is proportional to activity * (eps + affinity),
        capped at 1.
        """
        if n_posts == 0 or followers.size == 0:
            return [np.empty(0, np.int64) for _ in range(n_posts)]
        weight = _feed_weight(followers, activity, affinity, float(self.params.affinity_floor))
        target = self.reach * followers.size / self.posting_rate(n_posts) ** self.params.post_split
        scale = float(target / weight.sum())
        return [_shown(followers, weight, scale, rng.random(followers.size, dtype=np.float32)) for _ in range(n_posts)]

    def paid_viewers(self, budget: float, n_posts: int, activity, rng) -> tuple[list[np.ndarray], float]:
        """Impressions bought with ``budget``, spread over the day's posts, anyone in the market.

        The price per impression rises as Q falls: a page nobody likes pays more.
        Returns the viewers per post and the money spent.
        """
        p = self.params
        if budget <= 0 or n_posts == 0 or p.cpm <= 0:
            return [np.empty(0, np.int64) for _ in range(n_posts)], 0.0
        price = p.cpm / 1000.0 * p.quality_ref / max(self.quality, p.quality_ref * 0.05)
        per_post = budget / price / n_posts
        chance = np.minimum(1.0, per_post * activity / activity.sum())
        return [np.flatnonzero(rng.random(activity.size) < chance) for _ in range(n_posts)], budget

    def update(self, posts: int, engagements: int, negatives: int, impressions: int) -> None:
        """Step 8: remember today's posts; move Q toward today's score, then R from Q; competition grows.

        Today's score is shrunk toward Q by ``quality_prior`` pseudo-impressions,
        so a page is not judged on a handful of views.
        """
        p = self.params
        self.posted.append(posts)
        if impressions > 0:
            score = (engagements - p.negative_weight * negatives + p.quality_prior * self.quality) / (impressions + p.quality_prior)
            self.quality += (score - self.quality) / p.quality_memory
        self.competition *= 1.0 + p.competition_growth
        self.reach = self._reach()


@numba.njit(cache=True)
def _feed_weight(followers, activity, affinity, floor):
    """A follower's weight in the feed: activity * (floor + affinity)."""
    weight = np.empty(followers.size, np.float64)
    for i in range(followers.size):  # one column per loop: scattered reads overlap best in simple loops
        weight[i] = floor + affinity[followers[i]]
    for i in range(followers.size):
        weight[i] *= activity[followers[i]]
    return weight


@numba.njit(cache=True)
def _shown(followers, weight, scale, u):
    """The followers for whom u_i < min(1, scale * weight_i), in order."""
    out = np.empty(followers.size, followers.dtype)
    k = 0
    for i in range(followers.size):
        if u[i] < scale * weight[i]:
            out[k] = followers[i]
            k += 1
    return out[:k].copy()
