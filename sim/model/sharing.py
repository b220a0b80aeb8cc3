"""Shares spread a post over the social graph (MODEL.md §3.4).

A share shows the post to a share of the sharer's ties, followers or not.
One hop by default; with ``cascade`` the new viewers' shares spread again,
their share propensity decaying per hop.
"""

from __future__ import annotations

import numpy as np

from .graph import reach


def spread(graph, sharers: np.ndarray, seen: np.ndarray, visibility: float, cascade: bool, rng, react_fn) -> tuple[list, int]:
    """Show the post to the sharers' ties; return (reactions of the new viewers, cascade size).

    ``seen`` (bool over people) marks who saw this post already and is
    updated; ``react_fn(viewers, hop)`` makes the viewers react.
    """
    reactions, size, hop = [], 0, 1
    while sharers.size:
        heard, _ = reach(graph, sharers, visibility, rng)
        viewers = heard[~seen[heard]]
        seen[viewers] = True
        if viewers.size == 0:
            break
        r = react_fn(viewers, hop)
        reactions.append(r)
        size += viewers.size
        if not cascade:
            break
        sharers, hop = viewers[r.shared], hop + 1
    return reactions, size
