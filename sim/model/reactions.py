"""How viewers answer a post (MODEL.md §3.3).

Perceived value V = interest + b_trust*(trust-0.5) - b_annoy*annoyance*promo_weight + noise.
Engagement is logistic in V (plus the type's appeal; a prize draw's only for people who enter draws), negative feedback in V and annoyance; then trust moves toward the post's worth
(V without the trust term) at the type's learning rate, annoyance
grows by the type's dose, irrelevance tracks how little the page's posts were
worth, and affinity follows engagement. What an engagement leads to is drawn in
the same compiled pass, from the same stream: non-followers who engage may
follow (a prize draw's entrants must), and engagements convert to sales
(MODEL.md §3.10: the type's conversion, scaled by trust; a first-time buyer
may look the page up).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .draws import normal_f32
from .kernel_cache import kernel


@dataclass
class Reaction:
    """What the viewers of one post did: per viewer (aligned with ``viewers``) whether they engaged and shared;
    who asked to follow (and who entered the draw by following); and the counts of the day's measures."""

    viewers: np.ndarray
    engaged: np.ndarray
    shared: np.ndarray
    joiners: np.ndarray
    hunters: np.ndarray
    engagements: int = 0
    follower_engagements: int = 0
    shares: int = 0
    negatives: int = 0
    sales: int = 0

    @classmethod
    def none(cls) -> Reaction:
        """No viewers, no reactions."""
        nobody = np.empty(0, np.int64)
        return cls(nobody, np.empty(0, np.bool_), np.empty(0, np.bool_), nobody, nobody)


def columns(people) -> tuple:
    """The people's columns a reaction reads and writes, in the order ``_respond`` takes them."""
    return (people.interest, people.trust, people.trust_change, people.threads_seen, people.annoyance_promo,
            people.annoyance_overposting, people.irrelevance, people.affinity, people.entrant, people.follows,
            people.last_engaged, people.customer)


def weights(content, rx, k: int, extra_distrust: float = 0.0) -> np.ndarray:
    """A post of type ``k``'s weights in the order ``_react`` takes them (a type's share propensity and trust
    learning unscaled: ``_scaled`` damps them by hop and for ads). The arithmetic is numpy's (a setting times a
    type's float32 value is a float32), so the compiled and the Python reaction see the same numbers."""
    return np.array((
        rx.trust_weight, rx.annoyance_weight * content.promo_weight[k], rx.value_noise,
        rx.engage_intercept + content.appeal[k], rx.engage_intercept, rx.engage_slope, content.share_propensity[k],
        rx.negative_intercept, rx.negative_annoyance, rx.negative_value,
        content.trust_learning[k], extra_distrust, content.annoyance[k], rx.irrelevance_memory, rx.affinity_gain,
    ), dtype=np.float64)


def context(people, content, rx, day: int, follow_on_purchase: float, has_page: bool) -> tuple:
    """What every reaction of the day shares, bundled for the compiled passes."""
    return (columns(people), content.share_propensity, content.trust_learning, content.conversion, content.requires_follow,
            day, float(rx.follow_on_engage), float(follow_on_purchase), bool(has_page))


def react(people, viewers: np.ndarray, k: int, content, rx, rng, day: int, follow_on_purchase: float, has_page: bool,
          extra_distrust: float = 0.0, share_scale: float = 1.0, learning_scale: float = 1.0) -> Reaction:
    """Viewers (unique) of a post of type ``k`` react; their state is updated in place.

    ``extra_distrust`` is trust lost on top by viewers who saw a complaint
    thread on the page that is still open (promotion while a customer waits);
    ``share_scale`` damps sharing in later hops of a cascade; ``learning_scale`` scales the type's trust
    learning (a paid impression is recognised as an ad). Trust changes are
    requested (``people.trust_change``); the caller notes the viewers with the ledger.
    Engagers are marked (``last_engaged = day``); buyers become customers, and with a page (``has_page``) a
    first-time buyer looks it up and follows with chance ``follow_on_purchase``; the follows asked are returned.
    The day's posts react in one compiled pass (``exposure``); this is one audience, for a researcher or a test.
    """
    if viewers.size == 0:
        return Reaction.none()
    ctx = context(people, content, rx, day, follow_on_purchase, has_page)
    engaged, shared, joiners, hunters, counts = _respond(
        viewers, k, weights(content, rx, k, extra_distrust), float(share_scale), float(learning_scale), ctx, rng)
    return Reaction(viewers, engaged, shared, joiners, hunters, *map(int, counts))


@kernel
def _scaled(w, k, share_scale, learning_scale, share_propensity, trust_learning):
    """The weights with the type's share propensity and trust learning scaled as numpy scales a float32 by a
    float (in float32)."""
    out = w.copy()
    out[6] = np.float64(np.float32(share_scale) * share_propensity[k])
    out[10] = np.float64(np.float32(learning_scale) * trust_learning[k])
    return out


@kernel
def _respond(viewers, k, w, share_scale, learning_scale, ctx, rng):
    """The reaction of ``viewers`` to a post of type ``k`` with weights ``w`` (``weights``), drawn in this order
    from ``rng``: a float32 normal noise each, three float32 uniforms each (engage, share, hide), then what the
    engagements lead to: a follow for each engager outside the page (an entrant of a prize draw follows to
    enter), a sale for each engager (the type's conversion x trust / 0.5), a look at the page for each
    first-time buyer."""
    (interest, trust, trust_change, threads_seen, annoyance_promo, annoyance_overposting, irrelevance, affinity, entrant,
     follows, last_engaged, customer) = ctx[0]
    share_propensity, trust_learning, conversion, requires_follow, day, follow_on_engage, follow_on_purchase, has_page = ctx[1:]
    w = _scaled(w, k, share_scale, learning_scale, share_propensity, trust_learning)
    n = viewers.size
    noise = normal_f32(rng, n)
    u = rng.random(3 * n, dtype=np.float32).reshape((3, n))
    draw = requires_follow[k]
    _, engaged, shared, negative = _react(
        viewers, interest[:, k], trust, trust_change, threads_seen, annoyance_promo, annoyance_overposting, irrelevance,
        affinity, entrant, draw, noise, u, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12],
        w[13], w[14])
    engagers = viewers[engaged]
    outside = np.empty(engagers.size, np.int64)
    hunters = np.empty(engagers.size, np.int64)
    n_outside, n_hunters, n_follower = 0, 0, 0
    for j in engagers:
        last_engaged[j] = day
        if follows[j]:
            n_follower += 1
        elif draw and entrant[j]:  # entering the draw needs follow + share
            hunters[n_hunters] = j
            n_hunters += 1
        else:
            outside[n_outside] = j
            n_outside += 1
    joiners = np.empty(engagers.size * 2, np.int64)
    n_joiners = 0
    for i in range(n_outside):
        if rng.random() < follow_on_engage:
            joiners[n_joiners] = outside[i]
            n_joiners += 1
    first_time = np.empty(engagers.size, np.int64)
    n_sales, n_first = 0, 0
    for j in engagers:
        if rng.random() < conversion[k] * trust[j] / np.float32(0.5):
            n_sales += 1
            if not customer[j]:
                first_time[n_first] = j
                n_first += 1
            customer[j] = True
    if has_page:
        for i in range(n_first):
            if rng.random() < follow_on_purchase:
                joiners[n_joiners] = first_time[i]
                n_joiners += 1
    counts = (engagers.size, n_follower, np.count_nonzero(shared), np.count_nonzero(negative), n_sales)
    return engaged, shared, joiners[:n_joiners].copy(), hunters[:n_hunters].copy(), counts


@kernel
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


@kernel
def logged(viewers, k, w, share_scale, learning_scale, ctx, rng, post, audience, rows, joiners, hunters):
    """``_respond`` inside a compiled day, its outcome noted in the day's log: the viewers (``audience``), a row
    of counts (post, viewers, engagements, follower engagements, shares, hides, sales) and the follows asked.
    Returns who engaged and who shared."""
    engaged, shared, joined, hunted, counts = _respond(viewers, k, w, share_scale, learning_scale, ctx, rng)
    audience.append(viewers)
    rows.append((post, viewers.size, counts[0], counts[1], counts[2], counts[3], counts[4]))
    joiners.append(joined)
    hunters.append(hunted)
    return engaged, shared
