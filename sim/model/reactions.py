"""How viewers answer a post (MODEL.md §3.3).

Perceived value V = interest + b_trust*(trust-0.5) - b_annoy*annoyance*promo_weight + noise.
Engagement is logistic in V (plus the type's appeal; a prize draw's only for people who enter draws), negative feedback in V and annoyance; then trust moves toward the post's worth
(V without the trust term) at the type's learning rate, annoyance
grows by the type's dose, irrelevance tracks how little the page's posts were
worth, and affinity follows engagement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np


@dataclass
class Reaction:
    """What the viewers of one post did; arrays are aligned with ``viewers``."""

    viewers: np.ndarray
    value: np.ndarray
    engaged: np.ndarray
    shared: np.ndarray
    negative: np.ndarray

    @classmethod
    def none(cls) -> Reaction:
        """No viewers, no reactions."""
        return cls(np.empty(0, np.int64), np.empty(0, np.float32), *(np.empty(0, np.bool_) for _ in range(3)))

    def __add__(self, other: Reaction) -> Reaction:
        return Reaction(*(np.concatenate([a, b]) for a, b in zip(
            (self.viewers, self.value, self.engaged, self.shared, self.negative),
            (other.viewers, other.value, other.engaged, other.shared, other.negative))))


def react(people, viewers: np.ndarray, k: int, content, rx, rng, extra_distrust: float = 0.0, share_scale: float = 1.0,
          learning_scale: float = 1.0) -> Reaction:
    """Viewers (unique) of a post of type ``k`` react; their state is updated in place.

    ``extra_distrust`` is trust lost on top by viewers who saw a complaint
    thread on the page that is still open (promotion while a customer waits);
    ``share_scale`` damps sharing in later hops of a cascade; ``learning_scale`` scales the type's trust
    learning (a paid impression is recognised as an ad). Trust changes are
    requested (``people.trust_change``); the caller notes the viewers with the ledger.
    """
    noise = rng.standard_normal(viewers.size, dtype=np.float32)
    u = rng.random((3, viewers.size), dtype=np.float32)
    weights = tuple(map(float, (
        rx.trust_weight, rx.annoyance_weight * content.promo_weight[k], rx.value_noise,
        rx.engage_intercept + content.appeal[k], rx.engage_intercept, rx.engage_slope, content.share_propensity[k] * share_scale,
        rx.negative_intercept, rx.negative_annoyance, rx.negative_value,
        content.trust_learning[k] * learning_scale, extra_distrust, content.annoyance[k], rx.irrelevance_memory, rx.affinity_gain,
    )))
    value, engaged, shared, negative = _react(viewers, people.interest[:, k], people.trust, people.trust_change, people.threads_seen,
                                              people.annoyance_promo, people.annoyance_overposting, people.irrelevance,
                                              people.affinity, people.entrant, bool(content.requires_follow[k]), noise, u, *weights)
    return Reaction(viewers, value, engaged, shared, negative)


@numba.njit(cache=True)
def _react(viewers, interest, trust, trust_change, threads_seen, annoyance_promo, annoyance_overposting, irrelevance, affinity,
           entrant, draw, noise, u, w_trust, w_annoyance, value_noise, engage_intercept, plain_intercept, engage_slope, share_chance,
           negative_intercept, negative_annoyance, negative_value,
           learning, extra_distrust, dose, memory, affinity_gain):
    """Value, engagement, share, hide; then trust changes are requested and annoyance, irrelevance and affinity
    move (the viewers' columns gathered first, written back after).

    Trust learns from what the post was worth without the trust already held (else trust would count itself
    twice); viewers who saw a complaint thread on the page that is still open lose ``extra_distrust`` more.
    A prize draw (``draw``) pulls only those who enter draws: the others engage at ``plain_intercept`` (no
    appeal of the prize) and do not share to enter."""
    n = viewers.size
    value = np.empty(n, np.float32)
    engaged = np.empty(n, np.bool_)
    shared = np.empty(n, np.bool_)
    negative = np.empty(n, np.bool_)
    # Gather column by column first: scattered reads overlap best in simple loops.
    t, a, o, r = trust[viewers], annoyance_promo[viewers], annoyance_overposting[viewers], irrelevance[viewers]
    for i in range(n):
        value[i] = interest[viewers[i]]
    for i in range(n):
        annoyance = a[i] + o[i]
        v = value[i] + w_trust * (t[i] - 0.5) - w_annoyance * annoyance + value_noise * noise[i]
        value[i] = v
        if draw and not entrant[viewers[i]]:
            engaged[i] = u[0, i] < 1.0 / (1.0 + np.exp(-(plain_intercept + engage_slope * v)))
            shared[i] = False
        else:
            engaged[i] = u[0, i] < 1.0 / (1.0 + np.exp(-(engage_intercept + engage_slope * v)))
            shared[i] = engaged[i] and u[1, i] < share_chance
        negative[i] = u[2, i] < 1.0 / (1.0 + np.exp(-(negative_intercept + negative_annoyance * annoyance - negative_value * v)))
        evidence = v - w_trust * (t[i] - 0.5)
        t[i] = learning * (min(max(evidence, 0.0), 1.0) - t[i])
        r[i] = (1.0 - memory) * r[i] + memory * max(0.0, 0.5 - v)
    for i in range(n):
        j = viewers[i]
        trust_change[j] += t[i] - (extra_distrust if threads_seen[j] > 0 else 0.0)
        annoyance_promo[j] = a[i] + dose
        irrelevance[j] = r[i]
    for i in range(n):
        if engaged[i]:
            j = viewers[i]
            affinity[j] += affinity_gain * (1.0 - affinity[j])
    return value, engaged, shared, negative
