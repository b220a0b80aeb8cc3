"""People as columns: every per-person state declared once, allocated once.

Followers and non-followers of the brand's market are rows; each state is a
numpy array (structure of arrays), never one Python object per person.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from .sales import steady_share

# name, dtype, meaning (unit)
COLUMNS: tuple[tuple[str, type, str], ...] = (
    ("follows", np.bool_, "follows the brand's page"),
    ("trust", np.float32, "trust in the brand, 0-1, 0.5 neutral"),
    ("trust_prior", np.float32, "the trust a person holds without news of the brand, to which trust slowly returns"),
    ("annoyance_promo", np.float32, "annoyance built by promotion (>= 0)"),
    ("annoyance_overposting", np.float32, "annoyance built by posts beyond tolerance (>= 0)"),
    ("irrelevance", np.float32, "running average of how far below 0.5 the posts seen were worth (>= 0)"),
    ("grievance", np.float32, "left by an ignored or deleted complaint, fades like annoyance (>= 0)"),
    ("affinity", np.float32, "recent interaction with the page, 0-1 (the feed ranks on it)"),
    ("activity", np.float32, "chance of being online on a day, 0-1"),
    ("tolerance", np.float32, "posts of the page a day before more annoy"),
    ("customer", np.bool_, "a current customer: has bought and not lapsed since"),
    ("complaint_open", np.bool_, "has an unsolved problem raised"),
    ("complaint_on_page", np.bool_, "the open problem was raised on the page (else elsewhere)"),
    ("complaint_repost", np.bool_, "the open complaint repeats one the brand deleted (its onlookers judge the deletion)"),
    ("complaint_opened", np.float64, "hour the open problem was raised (hours since day 0)"),
    ("complaint_due", np.float64, "hour the open problem will be resolved (answer, or giving up)"),
    ("complaint_outcome", np.int8, "what will happen to it: 0 none, 1 answer, 2 ignore, 3 delete, 4 unheard (service)"),
    ("entrant", np.bool_, "enters prize draws (market.contest_share of people)"),
    ("hunter", np.bool_, "followed for prizes (joined through a giveaway)"),
    ("followed_on", np.int32, "day of the latest follow, -1 before day 0"),
    ("unfollowed_on", np.int32, "day of the latest unfollow, -1 if never"),
    ("last_engaged", np.int32, "day of the latest engagement with a post, -1 if never"),
    ("unfollow_clock", np.float32, "while following: the unfollow hazard still to accumulate before leaving (Exp(1) at the follow)"),
    ("trust_change", np.float32, "trust change requested today, applied once after word of mouth (trust.TrustLedger)"),
    ("threads_seen", np.int16, "open complaint threads on the page this person has seen"),
)


class People:
    """The market's columns, plus ``interest`` (people x content types)."""

    def __init__(self, n: int, n_types: int):
        self.n = n
        for name, dtype, _ in COLUMNS:
            setattr(self, name, np.zeros(n, dtype=dtype))
        self.interest = np.zeros((n, n_types), dtype=np.float32, order="F")  # by type: a post reads one contiguous column

    @classmethod
    def create(cls, scenario, rng: np.random.Generator, entrants_rng: np.random.Generator | None = None) -> People:
        """Draw the market at day 0 from the scenario's [market] and [content] tables (who enters prize draws
        from ``entrants_rng``, its own stream, so the rest of the market is drawn as before it existed)."""
        m = scenario.market
        types = list(scenario.content.values())
        p = cls(m.people, len(types))
        p.interest[:] = draw_interests(
            rng, m.people, [t.valued_by for t in types], [t.interest_spread for t in types], m.interest_correlation
        )
        p.trust[:] = np.clip(rng.normal(m.trust_mean, m.trust_sd, m.people), 0, 1)
        p.trust_prior[:] = p.trust
        # Beta(a, b) with the requested mean: with a = 2, most people are online some days, few daily.
        a = m.activity_shape
        p.activity[:] = rng.beta(a, a * (1 - m.activity_mean) / m.activity_mean, m.people)
        p.tolerance[:] = rng.gamma(m.tolerance_shape, m.tolerance_mean / m.tolerance_shape, m.people)
        share = steady_share(p.trust, scenario.economy) if m.customer_share == "steady" else m.customer_share
        p.customer[:] = rng.random(m.people) < share
        # Those who value the brand's content most are likelier to follow already: weighted sampling
        # without replacement as the k earliest of exponential clocks with rates = mean interest.
        k = int(round(m.initial_follower_share * m.people))
        clocks = rng.standard_exponential(m.people) / p.interest.mean(axis=1)
        p.follows[np.argpartition(clocks, k)[:k] if 0 < k < m.people else np.arange(k)] = True
        p.affinity[p.follows] = m.initial_follower_affinity
        p.followed_on[:] = -1
        p.unfollowed_on[:] = -1
        p.last_engaged[:] = -1
        p.complaint_due[:] = np.inf
        p.entrant[_entrants(p.interest, [t.requires_follow for t in types], m.contest_share,
                            entrants_rng if entrants_rng is not None else rng)] = True
        p.validate()
        return p

    def validate(self) -> None:
        for name, dtype, _ in COLUMNS:
            col = getattr(self, name)
            assert col.shape == (self.n,) and col.dtype == dtype, name

    def columns(self) -> dict[str, np.ndarray]:
        """Per-person state as a dict of columns (interests one column per type)."""
        return {name: getattr(self, name) for name, _, _ in COLUMNS}


def _entrants(interest, is_draw, share, rng) -> np.ndarray:
    """The ``share`` of people who enter prize draws, drawn with weights by their interest in the draw types
    (those who like giveaways most are likeliest to enter): the k earliest of exponential clocks."""
    n = interest.shape[0]
    k = int(round(share * n))
    draws = np.flatnonzero(is_draw)
    pull = interest[:, draws].mean(axis=1) if draws.size else np.ones(n, np.float32)
    clocks = rng.standard_exponential(n) / pull
    return np.argpartition(clocks, k)[:k] if 0 < k < n else np.arange(k)


def draw_interests(rng, n, valued_by, spread, correlation) -> np.ndarray:
    """Interests as logit-normals whose share above 0.5 is ``valued_by`` per type.

    interest = sigmoid(mu_k + s_k * z), z standard normal with a common
    per-person factor; P(interest > 0.5) = P(z > -mu_k/s_k) = valued_by_k,
    so mu_k = s_k * Phi^-1(valued_by_k) (the panel in seed 002 sets valued_by).
    """
    spread = np.asarray(spread, dtype=np.float32)
    mu = spread * ndtri(np.asarray(valued_by, dtype=np.float64)).astype(np.float32)
    common = rng.standard_normal((n, 1), dtype=np.float32)
    own = rng.standard_normal((n, len(spread)), dtype=np.float32)
    z = own
    z *= np.float32(np.sqrt(1 - correlation))
    z += np.float32(np.sqrt(correlation)) * common
    z *= -spread
    z -= mu  # now -(mu + s z)
    np.exp(z, out=z)
    z += 1
    return np.reciprocal(z, out=z)
