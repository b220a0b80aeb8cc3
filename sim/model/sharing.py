"""Shares spread a post over the social graph (MODEL.md §3.4).

A share shows the post to a share of the sharer's ties, followers or not; an
engagement (a like, a comment) shows it to fewer of them. One hop unless the
content type has a ``cascade_decay``: then the new viewers' shares spread
again, the first hop's viewers sharing at the full propensity and each later
hop's at ``cascade_decay`` times the one before (a share-to-enter draw).
Compiled: it runs inside the day's pass over its posts (``exposure``).
"""

from __future__ import annotations

import numpy as np

from .graph import heard_by
from .indices import sorted_unique
from .kernel_cache import kernel
from .reactions import logged


@kernel
def spread(indptr, ties, sharers, engagers, seen, visibility, engagement_visibility, decay, k, w, ctx, rng, post,
           audience, rows, joiners, hunters):
    """Show post ``post`` (type ``k``, weights ``w``) to the sharers' ties; returns the cascade size.

    ``seen`` (bool over people) marks who saw this post already and is
    updated. On the first hop the ties of ``engagers`` (who engaged but did not
    share) see it with ``engagement_visibility``. With ``decay`` > 0 the new
    viewers' shares spread again: hop h's viewers share at the type's propensity times decay^(h-1).
    The new viewers react (``reactions.logged``: noted in the day's log).
    """
    heard = heard_by(indptr, ties, sharers, visibility, rng)
    if engagers.size and engagement_visibility > 0:
        heard = sorted_unique(np.concatenate((heard, heard_by(indptr, ties, engagers, engagement_visibility, rng))))
    size, hop = 0, 1
    while heard.size:
        viewers = heard[~seen[heard]]
        seen[viewers] = True
        if viewers.size == 0:
            break
        share_scale = 1.0 if hop == 1 else decay ** np.float64(hop - 1)  # as Python's float ** int: the C library's pow
        _, shared = logged(viewers, k, w, share_scale, 1.0, ctx, rng, post, audience, rows, joiners, hunters)
        size += viewers.size
        if decay <= 0:
            break
        heard, hop = heard_by(indptr, ties, viewers[shared], visibility, rng), hop + 1
    return size
