"""How viewers answer a post (MODEL.md §3.3).

Perceived value V = interest + b_trust*(trust-0.5) - b_annoy*annoyance*promo_weight + noise.
Engagement is logistic in V (plus the type's appeal), negative feedback in V and annoyance; then trust moves toward V at the type's learning rate, annoyance
grows by the type's dose, irrelevance tracks how little the page's posts were
worth, and affinity follows engagement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Reaction:
    """What the viewers of one post did; arrays are aligned with ``viewers``."""

    viewers: np.ndarray
    value: np.ndarray
    engaged: np.ndarray
    shared: np.ndarray
    negative: np.ndarray


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def react(people, viewers: np.ndarray, k: int, content, rx, rng, extra_distrust: float = 0.0, share_scale: float = 1.0) -> Reaction:
    """Viewers of a post of type ``k`` react; their state is updated in place.

    ``extra_distrust`` is trust lost on top (promotion seen while complaints
    on the page stay open); ``share_scale`` damps sharing in later hops of a cascade.
    """
    trust = people.trust[viewers]
    annoyance = people.annoyance_promo[viewers] + people.annoyance_overposting[viewers]
    value = (
        people.interest[viewers, k]
        + rx.trust_weight * (trust - 0.5)
        - rx.annoyance_weight * annoyance * content.promo_weight[k]
        + rx.value_noise * rng.standard_normal(viewers.size, dtype=np.float32)
    )
    u = rng.random((3, viewers.size), dtype=np.float32)
    engaged = u[0] < _sigmoid(rx.engage_intercept + content.appeal[k] + rx.engage_slope * value)
    shared = engaged & (u[1] < content.share_propensity[k] * share_scale)
    negative = u[2] < _sigmoid(rx.negative_intercept + rx.negative_annoyance * annoyance - rx.negative_value * value)

    worth = np.clip(value, 0.0, 1.0)
    people.trust[viewers] = np.clip(trust + content.trust_learning[k] * (worth - trust) - extra_distrust, 0.0, 1.0)
    people.annoyance_promo[viewers] += content.annoyance[k]
    m = rx.irrelevance_memory
    people.irrelevance[viewers] = (1 - m) * people.irrelevance[viewers] + m * np.maximum(0.0, 0.5 - value)
    eng = viewers[engaged]
    people.affinity[eng] += rx.affinity_gain * (1.0 - people.affinity[eng])
    return Reaction(viewers, value, engaged, shared, negative)
