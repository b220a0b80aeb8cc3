"""Follows and unfollows (MODEL.md §3.9), requested by many processes, resolved once.

Engagements with shown, recommended, shared and paid posts, prize draws,
word of mouth, bought-fan campaigns and first-time buyers who look the brand
up *request* follows during the day; the day ends by resolving them and drawing unfollows from a
hazard whose terms are the causes: promotion annoyance, over-posting,
irrelevance, distrust, service grievance and, for prize hunters, the wait
for the next prize draw. Each unfollow is counted under every cause that
makes up at least ``cause_share`` of its hazard (a survey with several answers).
"""

from __future__ import annotations

import numpy as np

from .indices import merge, sorted_unique
from .kernel_cache import kernel

CAUSES = ("promo", "overposting", "irrelevant", "distrust", "service", "prize_hunter")


class FollowBook:
    """Today's follow requests; resolved with the unfollows at the end of the day."""

    def __init__(self):
        self._asked: list[np.ndarray] = []
        self._hunters: list[np.ndarray] = []

    def request(self, idx: np.ndarray, hunter: bool = False) -> None:
        (self._hunters if hunter else self._asked).append(np.asarray(idx, dtype=np.int64))

    def resolve(self, people, followers: np.ndarray, day: int, params, days_since_prize: float, rng) -> tuple[np.ndarray, int, int, dict[str, int]]:
        """Apply today's follows and unfollows.

        Returns the new index of followers (sorted), the counts of follows
        and unfollows, and the unfollows per cause.
        """
        stay, leavers = _leaving(followers, people.unfollow_clock, people.annoyance_promo, people.annoyance_overposting,
                                 people.irrelevance, people.trust, people.grievance, people.hunter,
                                 *_coefficients(params, days_since_prize))
        terms = np.stack(hazard_terms(people, leavers, params, days_since_prize)) if leavers.size else np.zeros((len(CAUSES), 0))
        causes = terms >= params.cause_share * (params.base_hazard + terms.sum(axis=0))
        nobody = np.empty(0, np.int64)
        joiners = _join(np.concatenate(self._asked) if self._asked else nobody,
                        np.concatenate(self._hunters) if self._hunters else nobody,
                        leavers, day, people.follows, people.hunter, people.followed_on, people.unfollowed_on)
        wind_clocks(people, joiners, rng)
        self._asked, self._hunters = [], []
        followers = merge(stay, joiners)  # in order, the daily passes read memory in sequence
        return followers, int(joiners.size), int(leavers.size), dict(zip(CAUSES, causes.sum(axis=1).tolist()))


@kernel
def _join(asked, hunters, leavers, day, follows, hunter, followed_on, unfollowed_on):
    """The leavers (sorted) leave; those asked to follow who do not yet (and did not just leave) join, prize hunters
    marked. Returns the joiners, sorted."""
    for j in leavers:
        follows[j], hunter[j], unfollowed_on[j] = False, False, day
    hunters = sorted_unique(hunters)
    asked = sorted_unique(np.concatenate((asked, hunters)))
    joiners = np.empty(asked.size, np.int64)
    k = 0
    for j in asked:
        if not follows[j] and not _within(j, leavers):  # no one rejoins the day they leave
            joiners[k] = j
            k += 1
    joiners = joiners[:k]
    for j in joiners:
        follows[j], followed_on[j], hunter[j] = True, day, _within(j, hunters)
    return joiners


@kernel
def _within(j, sorted_set):
    at = np.searchsorted(sorted_set, j)
    return at < sorted_set.size and sorted_set[at] == j


def wind_clocks(people, idx: np.ndarray, rng) -> None:
    """New followers draw the cumulative unfollow hazard they will stand, Exp(1): summing each day's hazard
    against it leaves on a day with probability 1 - exp(-hazard), as a fresh draw a day would, with one
    random number per follow instead of one per follower a day."""
    people.unfollow_clock[idx] = rng.standard_exponential(idx.size, dtype=np.float32)


def _coefficients(params, days_since_prize: float) -> tuple[float, ...]:
    """The hazard's weights in the order ``_leaving`` takes them; the last is the prize hunters' wait."""
    waiting = params.hunter_hazard * (1.0 - np.exp(-days_since_prize / params.hunter_patience))
    return (params.base_hazard, params.promo_annoyance, params.overposting_annoyance, params.irrelevance,
            params.distrust, params.distrust_threshold, params.service_grievance, float(waiting))


@kernel
def _leaving(followers, clock, promo, overposting, irrelevance, trust, grievance, hunter,
             base, w_promo, w_overposting, w_irrelevance, w_distrust, threshold, w_service, waiting):
    """Who stays and who leaves today: each follower's clock runs down by the day's hazard, summed over its
    causes; whoever's clock runs out leaves."""
    n = followers.size
    stay = np.empty(n, followers.dtype)
    leavers = np.empty(n, followers.dtype)
    kept, left = 0, 0
    for i in range(n):
        j = followers[i]
        hazard = (base + w_promo * promo[j] + w_overposting * overposting[j] + w_irrelevance * irrelevance[j]
                  + w_distrust * max(0.0, threshold - trust[j]) + w_service * grievance[j] + waiting * hunter[j])
        if clock[j] < hazard:
            leavers[left] = j
            left += 1
        else:
            clock[j] -= hazard
            stay[kept] = j
            kept += 1
    return stay[:kept], leavers[:left].copy()


def hazard_terms(people, idx: np.ndarray, params, days_since_prize: float) -> list[np.ndarray]:
    """The unfollow hazard's terms for people ``idx``, one per cause, in the order of CAUSES."""
    _, *w, waiting = _coefficients(params, days_since_prize)
    w_promo, w_overposting, w_irrelevance, w_distrust, threshold, w_service = w
    return [
        w_promo * people.annoyance_promo[idx],
        w_overposting * people.annoyance_overposting[idx],
        w_irrelevance * people.irrelevance[idx],
        w_distrust * np.maximum(0.0, threshold - people.trust[idx]),
        w_service * people.grievance[idx],
        waiting * people.hunter[idx],
    ]


def fade(people, reactions) -> None:
    """Annoyance, irrelevance, grievance and affinity fade a little every day; trust returns a little toward each
    person's prior (what is not renewed is forgotten)."""
    _fade(people.annoyance_promo, people.annoyance_overposting, people.grievance, people.irrelevance, people.affinity,
          people.trust, people.trust_prior, np.float32(1.0 - reactions.annoyance_decay),
          np.float32(1.0 - reactions.irrelevance_decay), np.float32(1.0 - reactions.affinity_decay),
          np.float32(reactions.trust_forgetting))


@kernel
def _fade(promo, overposting, grievance, irrelevance, affinity, trust, prior, keep, keep_irrelevance, keep_affinity, forgetting):
    for i in range(promo.size):  # one pass over the seven columns (a forgetting of 0 leaves trust exactly as it is)
        promo[i] *= keep
        overposting[i] *= keep
        grievance[i] *= keep
        irrelevance[i] *= keep_irrelevance
        affinity[i] *= keep_affinity
        trust[i] += forgetting * (prior[i] - trust[i])
