"""Shares spread a post over the social graph (MODEL.md §3.4).

A share shows the post to a share of the sharer's ties, followers or not; an
engagement (a like, a comment) shows it to fewer of them. One hop unless the
content type has a ``cascade_decay``: then the new viewers' shares spread
again, their share propensity decaying per hop (a share-to-enter draw).
"""

from __future__ import annotations

import numpy as np

from .graph import reach
from .indices import union


def spread(graph, sharers: np.ndarray, seen: np.ndarray, visibility: float, decay: float, rng, react_fn,
           engagers: np.ndarray, engagement_visibility: float) -> tuple[list, int]:
    """Show the post to the sharers' ties; return (reactions of the new viewers, cascade size).

    ``seen`` (bool over people) marks who saw this post already and is
    updated; ``react_fn(viewers, hop)`` makes the viewers react. On the first
    hop the ties of ``engagers`` (who engaged but did not share) see it with
    ``engagement_visibility``. With ``decay`` > 0 the new viewers' shares
    spread again (their propensity is scaled by decay per hop in ``react_fn``).
    """
    heard = _heard(graph, sharers, visibility, rng)
    if engagers.size and engagement_visibility > 0:
        heard = union(heard, reach(graph, engagers, engagement_visibility, rng)[0])
    reactions, size, hop = [], 0, 1
    while heard.size:
        viewers = heard[~seen[heard]]
        seen[viewers] = True
        if viewers.size == 0:
            break
        r = react_fn(viewers, hop)
        reactions.append(r)
        size += viewers.size
        if decay <= 0:
            break
        heard, hop = _heard(graph, viewers[r.shared], visibility, rng), hop + 1
    return reactions, size


def _heard(graph, sharers: np.ndarray, visibility: float, rng) -> np.ndarray:
    return reach(graph, sharers, visibility, rng)[0] if sharers.size else sharers
