"""The platform: a page's quality score, its organic reach and the feed.

Reach feedback (MODEL.md §3.2, §3.8): the page's quality score ``Q`` is a
moving average of engagement minus weighted negative feedback per impression;
organic reach ``R`` follows ``Q``, saturating toward a ceiling, and shrinks with
competition ``C``. Low interaction lowers the next days' visibility. A post's
audience among followers also shrinks with the page's size (more feeds compete
for the same attention), and the platform recommends posts to non-followers in
proportion to ``R``: how pages people value are found.
"""

from __future__ import annotations

from collections import deque

import mesa
import numpy as np

from .draws import _bernoulli, log_q
from .indices import joined
from .kernel_cache import kernel


class Platform(mesa.Agent):
    """The feed that decides who sees the page's posts."""

    def __init__(self, model, params, start_quality: float | None = None):
        super().__init__(model)
        self.params = params
        self.quality = params.quality_ref if start_quality is None else start_quality  # Q
        self.competition = 1.0  # C
        self.reach = self._reach()  # R
        self.posted = deque(maxlen=params.post_split_days - 1)  # the page's posts on each of the previous days

    def adopt(self, params) -> None:
        """Take up new platform settings (the scenario's timeline); the page's score and history stay."""
        self.params = params
        self.posted = deque(self.posted, maxlen=params.post_split_days - 1)
        self.reach = self._reach()

    def posting_rate(self, n_today: int) -> float:
        """The page's posts a day over the last ``post_split_days`` days, today included."""
        return (sum(self.posted) + n_today) / (len(self.posted) + 1)

    def _reach(self) -> float:
        """R = base * h * x^e / (h - 1 + x^e) / C, x = Q / quality_ref: base at the reference, at most h * base."""
        p = self.params
        x = (max(self.quality, 0.0) / p.quality_ref) ** p.reach_elasticity
        h = p.reach_headroom
        return float(np.clip(p.reach_base * h * x / (h - 1.0 + x) / self.competition, p.reach_min, p.reach_max))

    def size_factor(self, n_followers: int) -> float:
        """Organic reach per post relative to a page of ``size_ref`` followers (Locowise 2015: about F^-0.2)."""
        return (max(n_followers, 1) / self.params.size_ref) ** -self.params.size_elasticity

    def organic_viewers(self, n_posts: int, followers: np.ndarray, activity, affinity, rng) -> tuple[np.ndarray, np.ndarray]:
        """The followers each post is shown to: all posts' audiences in one array, post i's at ``[at[i]:at[i+1]]``.

        Each post's expected audience is clip(R * s(F), reach_min, reach_max)
        * F / r^post_split for F followers, s(F) the page-size factor, at a
        posting rate of r posts a day over the last days: a page's posts
        compete with each other in the feed for as long as they stay there,
        so posting more splits reach and posting less concentrates it. A
        follower's chance is proportional to activity * (eps + affinity),
        capped at 1.
        """
        if n_posts == 0 or followers.size == 0:
            return np.empty(0, np.int64), np.zeros(n_posts + 1, np.int64)
        weight = _feed_weight(followers, activity, affinity, float(self.params.affinity_floor))
        share = float(np.clip(self.reach * self.size_factor(followers.size), self.params.reach_min, self.params.reach_max))
        target = share * followers.size / self.posting_rate(n_posts) ** self.params.post_split
        scale = float(target / weight.sum())
        return _organic_posts(n_posts, followers, weight, scale, rng)

    def recommended_viewers(self, n_posts: int, follows, activity, rng) -> tuple[np.ndarray, np.ndarray]:
        """The non-followers the platform recommends each post to, as ``organic_viewers`` returns them.

        An online non-follower is shown a post with chance recommend_rate * R / reach_base
        (split like followers' reach by the posting rate): the platform shows
        pages people engage with to more people. Drawn by thinning, so the
        work is proportional to the recommendations, not to the market.
        """
        p = self.params
        chance = p.recommend_rate * self.reach / p.reach_base / self.posting_rate(n_posts) ** p.post_split
        if n_posts == 0 or chance <= 0:
            return np.empty(0, np.int64), np.zeros(n_posts + 1, np.int64)
        chance = min(chance, 1.0)
        return _recommended_posts(n_posts, activity.size, chance, log_q(chance), activity, follows, rng)

    def paid_viewers(self, budget: float, n_posts: int, activity, rng) -> tuple[np.ndarray, np.ndarray, float]:
        """Impressions bought with ``budget``, spread over the day's posts, anyone in the market.

        The price per impression rises as Q falls: a page nobody likes pays more.
        Returns the viewers as ``organic_viewers`` does, and the money spent.
        """
        p = self.params
        if budget <= 0 or n_posts == 0 or p.cpm <= 0:
            return np.empty(0, np.int64), np.zeros(n_posts + 1, np.int64), 0.0
        price = p.cpm / 1000.0 * p.quality_ref / max(self.quality, p.quality_ref * p.cpm_quality_floor)
        per_post = budget / price / n_posts
        chance = np.minimum(1.0, per_post * activity / activity.sum())
        bought = [np.flatnonzero(rng.random(activity.size) < chance) for _ in range(n_posts)]
        return np.concatenate(bought), np.cumsum([0] + [b.size for b in bought]), budget

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


@kernel
def _feed_weight(followers, activity, affinity, floor):
    """A follower's weight in the feed: activity * (floor + affinity)."""
    weight = np.empty(followers.size, np.float64)
    for i in range(followers.size):  # one column per loop: scattered reads overlap best in simple loops
        weight[i] = floor + affinity[followers[i]]
    for i in range(followers.size):
        weight[i] *= activity[followers[i]]
    return weight


@kernel
def _shown(followers, weight, scale, rng):
    """The followers for whom u_i < min(1, scale * weight_i), in order (u_i a float32 uniform from ``rng``)."""
    out = np.empty(followers.size, followers.dtype)
    k = 0
    for i in range(followers.size):
        if rng.random(dtype=np.float32) < scale * weight[i]:
            out[k] = followers[i]
            k += 1
    return out[:k].copy()


@kernel
def _recommended(candidates, chance, activity, follows, rng):
    """Candidates (drawn at ``chance``) kept with their activity, as ``draws.thinned`` keeps them (one float64
    uniform each, in order, from ``rng``; the kept chance computed in float32 as numpy does), then the
    non-followers among them."""
    out = np.empty(candidates.size, np.int64)
    k = 0
    scaled = np.float32(chance)
    for c in candidates:
        keep = rng.random() * chance < scaled * activity[c]
        if keep and not follows[c]:
            out[k] = c
            k += 1
    return out[:k]


@kernel
def _organic_posts(n_posts, followers, weight, scale, rng):
    """Each post's followers (``_shown``), one post after the other from ``rng``: (viewers, offsets)."""
    return joined([_shown(followers, weight, scale, rng) for _ in range(n_posts)])


@kernel
def _recommended_posts(n_posts, n, chance, log_q, activity, follows, rng):
    """Each post's recommended non-followers (a Bernoulli draw over the market, thinned by activity), one post
    after the other from ``rng``: (viewers, offsets)."""
    return joined([_recommended(_bernoulli(rng, n, chance, log_q), chance, activity, follows, rng) for _ in range(n_posts)])


def audience_quality(people, content, strategy, rx, negative_weight: float) -> float | None:
    """The quality score the page's own posts would earn from its followers on day 0: by the mix (or the calendar's
    types), each follower's chance to engage minus negative_weight times their chance to hide it, at their interest
    and trust and no annoyance yet (the reactions' logits without the noise): where the platform's score of a page
    that has been run as it is before day 0 would be, from 0 up (reach reads a negative score as 0 anyway). None
    without followers (nothing to score: the reference start)."""
    followers = np.flatnonzero(people.follows)
    if followers.size == 0:
        return None
    if strategy.calendar:
        names = [t for day in strategy.calendar for t in day]
        mix = {t: names.count(t) / len(names) for t in dict.fromkeys(names)}  # in calendar order: a set's order changes with
        # the process's string hashing, and the sum below with it (the same seed gave two runs)
    else:
        mix = dict(strategy.mix)
    trust = people.trust[followers].astype(np.float64)
    entrant = people.entrant[followers]
    score = 0.0
    for name, share in mix.items():
        k = content.index[name]
        value = people.interest[followers, k].astype(np.float64) + rx.trust_weight * (trust - 0.5)
        appeal = np.where(entrant | ~content.requires_follow[k], content.appeal[k], 0.0)
        engage = 1.0 / (1.0 + np.exp(-(rx.engage_intercept + appeal + rx.engage_slope * value)))
        hide = 1.0 / (1.0 + np.exp(-(rx.negative_intercept - rx.negative_value * value)))
        score += share * float(np.mean(engage - negative_weight * hide))
    return max(score, 0.0)
