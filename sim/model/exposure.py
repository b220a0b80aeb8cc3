"""Steps 2-4 of MODEL.md §3, the day's posts one after the other, in one compiled pass.

For each post: the followers the feed shows it to, the non-followers the
platform recommends it to and the paid viewers (each person once a post)
react (``reactions``); then shares and engagements spread (``sharing``).
The platform chose the audiences before (``Platform.organic_viewers``,
``recommended_viewers``, ``paid_viewers``); the reactions draw from one stream
in the order of the posts, their audiences and hops. The pass returns the
day's log, which the model turns into follow requests, trust to settle and
measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .indices import joined, sorted_unique
from .kernel_cache import kernel
from .reactions import logged
from .sharing import spread


@dataclass
class Exposure:
    """What the day's posts did: every audience in order (``audience``, post after post, hop after hop); one row
    per audience that reacted (``ROWS``); per post its organic, recommended, paid and shared impressions; the
    follows asked (``joiners``) and the prize hunters who followed to enter (``hunters``)."""

    audience: np.ndarray
    reactions: np.ndarray
    per_post: np.ndarray
    joiners: np.ndarray
    hunters: np.ndarray

    ROWS = ("post", "impressions", "engagements", "follower_engagements", "shares", "negative_feedback", "sales")
    PER_POST = ("organic_impressions", "recommended_impressions", "paid_impressions", "share_impressions")


def expose(posts, organic, recommended, paid, weights, ad_learning: float, cascade_decay, graph, share_visibility: float,
           engagement_visibility: float, seen, ctx, rng) -> Exposure:
    """The day's ``posts`` (type indices) shown to their audiences (each ``(viewers, offsets)``), with their
    reaction ``weights`` (one row per post, ``reactions.weights``); ``seen`` is all False before and after."""
    return Exposure(*_expose(posts, *organic, *recommended, *paid, weights, float(ad_learning), cascade_decay, graph.indptr,
                             graph.indices, float(share_visibility), float(engagement_visibility), seen, ctx, rng))


@kernel
def _expose(posts, organic, organic_at, recommended, recommended_at, paid, paid_at, weights, ad_learning, cascade_decay,
            indptr, ties, share_visibility, engagement_visibility, seen, ctx, rng):
    nobody = np.empty(0, np.int64)
    audience, joiners, hunters = [nobody], [nobody], [nobody]
    rows = [(0, 0, 0, 0, 0, 0, 0)]
    audience.pop(), joiners.pop(), hunters.pop(), rows.pop()  # typed by their first element, then emptied
    per_post = np.zeros((posts.size, 4), np.int64)
    for i in range(posts.size):
        k, w, start = posts[i], weights[i], len(audience)
        own = organic[organic_at[i]:organic_at[i + 1]]
        seen[own] = True
        found = recommended[recommended_at[i]:recommended_at[i + 1]]
        found = found[~seen[found]]
        seen[found] = True
        bought = paid[paid_at[i]:paid_at[i + 1]]
        bought = bought[~seen[bought]]
        seen[bought] = True
        first = np.concatenate((own, found))
        engaged, shared = np.zeros(0, np.bool_), np.zeros(0, np.bool_)
        if first.size:
            engaged, shared = logged(first, k, w, 1.0, 1.0, ctx, rng, i, audience, rows, joiners, hunters)
        if bought.size:
            e, s = logged(bought, k, w, 1.0, ad_learning, ctx, rng, i, audience, rows, joiners, hunters)
            first, engaged, shared = np.concatenate((first, bought)), np.concatenate((engaged, e)), np.concatenate((shared, s))
        cascade = spread(indptr, ties, first[shared], first[engaged & ~shared], seen, share_visibility, engagement_visibility,
                         np.float64(cascade_decay[k]), k, w, ctx, rng, i, audience, rows, joiners, hunters)
        for viewers in audience[start:]:
            seen[viewers] = False
        per_post[i, 0], per_post[i, 1], per_post[i, 2], per_post[i, 3] = own.size, found.size, bought.size, cascade
    table = np.empty((len(rows), 7), np.int64)
    for r in range(len(rows)):
        for c in range(7):
            table[r, c] = rows[r][c]
    return joined(audience)[0], table, per_post, joined(joiners)[0], joined(hunters)[0]


@kernel
def visitors(audience, repeats, follows):
    """The followers among the day's ``audience``: in its order, or sorted (``np.unique``'s order) if people can
    appear in it more than once (``repeats``: several posts)."""
    out = np.empty(audience.size, np.int64)
    k = 0
    for j in audience:
        if follows[j]:
            out[k] = j
            k += 1
    return sorted_unique(out[:k]) if repeats else out[:k]


@kernel
def feel_posting_rate(visitors, rate, tolerance, dose, annoyance_overposting):
    """Each visitor's over-posting annoyance grows by ``dose`` per post a day beyond their tolerance (float32, as
    numpy computed it)."""
    for j in visitors:
        beyond = rate - tolerance[j]
        if beyond > 0:
            annoyance_overposting[j] += dose * beyond
