"""Word of mouth over the social graph (MODEL.md §3.7).

Complainers who were served well or badly talk, and so do customers who are
advocates or detractors, whether or not the brand has a page. Messages reach
a share of the teller's ties (negative ones farther) and shift the hearers'
trust; praise can make a non-follower follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .graph import reach

ADVOCATE, DETRACTOR = 0.7, 0.3  # trust thresholds of MODEL.md §6


@dataclass
class Talk:
    positive: int
    negative: int
    new_followers: np.ndarray


def chatter(people, params, rng) -> tuple[np.ndarray, np.ndarray]:
    """Customers who talk about the brand today unprompted: (positive, negative) tellers."""
    talks = people.customer & (rng.random(people.n, dtype=np.float32) < params.chatter_rate)
    return (np.flatnonzero(talks & (people.trust > ADVOCATE)), np.flatnonzero(talks & (people.trust < DETRACTOR)))


def spread(people, graph, positive: np.ndarray, negative: np.ndarray, params, has_page: bool, rng) -> Talk:
    """Tellers (index arrays) speak; hearers update trust; praised non-followers may follow."""
    if positive.size == 0 and negative.size == 0:
        return Talk(0, 0, np.empty(0, np.int64))
    sender = np.zeros(people.n, dtype=np.bool_)
    sender[positive] = True
    heard_pos = reach(graph, sender, params.reach_positive, rng)
    sender[:] = False
    sender[negative] = True
    heard_neg = reach(graph, sender, params.reach_negative, rng)
    hearers = np.flatnonzero(heard_pos + heard_neg)
    net = (heard_pos[hearers] - heard_neg[hearers]).astype(np.float32)
    people.trust[hearers] = np.clip(people.trust[hearers] + params.trust_effect * net, 0.0, 1.0)
    new_followers = np.empty(0, np.int64)
    if has_page:
        praised = np.flatnonzero(heard_pos & ~people.follows)
        p_follow = 1.0 - (1.0 - params.follow_on_positive) ** heard_pos[praised]
        new_followers = praised[rng.random(praised.size) < p_follow]
    return Talk(int(positive.size), int(negative.size), new_followers)
