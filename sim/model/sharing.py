"""Shares spread a post over the social graph (MODEL.md §3.4).

A share shows the post to a share of the sharer's ties, followers or not; an
engagement (a like, a comment) shows it to fewer of them. One hop unless the
content type has a ``cascade_decay``: then the new viewers' shares spread
again, their share propensity decaying per hop (a share-to-enter draw).
"""

from __future__ import annotations

import numpy as np

from .graph import reach


def spread(graph, sharers: np.ndarray, seen: np.ndarray, visibility: float, decay: float, rng, react_fn,
           engagers: np.ndarray | None = None, engagement_visibility: float = 0.0) -> tuple[list, int]:
    """Show the post to the sharers' ties; return (reactions of the new viewers, cascade size).

    ``seen`` (bool over people) marks who saw this post already and is
    updated; ``react_fn(viewers, hop)`` makes the viewers react. On the first
    hop the ties of ``engagers`` (who engaged but did not share) see it with
    ``engagement_visibility``. With ``decay`` > 0 the new viewers' shares
    spread again (their propensity is scaled by decay per hop in ``react_fn``).
    """
    reactions, size, hop = [], 0, 1
    while sharers.size or (hop == 1 and engagers is not None and engagers.size):
        heard, _ = reach(graph, sharers, visibility, rng)
        if hop == 1 and engagers is not None and engagers.size and engagement_visibility > 0:
            heard = np.union1d(heard, reach(graph, engagers, engagement_visibility, rng)[0])
        viewers = heard[~seen[heard]]
        seen[viewers] = True
        if viewers.size == 0:
            break
        r = react_fn(viewers, hop)
        reactions.append(r)
        size += viewers.size
        if decay <= 0:
            break
        sharers, hop = viewers[r.shared], hop + 1
    return reactions, size
