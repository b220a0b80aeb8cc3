"""Word of mouth over the social graph (MODEL.md §3.7).

Complainers who were served well or badly, or not heard at all, talk, and so do customers who are
advocates or detractors, whether or not the brand has a page. Messages reach
a share of the teller's ties (negative ones farther) and shift the hearers'
trust; praise can make a non-follower follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .draws import bernoulli_indices
from .graph import reach
from .indices import union


@dataclass
class Talk:
    positive: int
    negative: int
    new_followers: np.ndarray


def chatter(people, params, rng) -> tuple[np.ndarray, np.ndarray]:
    """Customers who talk about the brand today unprompted: (positive, negative) tellers."""
    talks = bernoulli_indices(rng, people.n, params.chatter_rate)
    talks = talks[people.customer[talks]]
    trust = people.trust[talks]
    return talks[trust > params.advocate_trust], talks[trust < params.detractor_trust]


def spread(people, graph, positive: np.ndarray, negative: np.ndarray, params, has_page: bool, ledger, rng) -> Talk:
    """Tellers (index arrays) speak; hearers update trust; praised non-followers may follow."""
    praised_by, n_pos = reach(graph, positive, params.reach_positive, rng)
    warned_by, n_neg = reach(graph, negative, params.reach_negative, rng)
    hearers = union(praised_by, warned_by)
    net = np.zeros(hearers.size, dtype=np.float32)
    net[np.searchsorted(hearers, praised_by)] += n_pos  # praised_by and warned_by are unique (indices.unique)
    net[np.searchsorted(hearers, warned_by)] -= n_neg
    ledger.request(hearers, params.trust_effect * net)
    new_followers = np.empty(0, np.int64)
    if has_page:
        outside = ~people.follows[praised_by]
        p_follow = 1.0 - (1.0 - params.follow_on_positive) ** n_pos[outside]
        candidates = praised_by[outside]
        new_followers = candidates[rng.random(candidates.size) < p_follow]
    return Talk(int(positive.size), int(negative.size), new_followers)
