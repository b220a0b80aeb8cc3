"""Follows and unfollows (MODEL.md §3.9), requested by many processes, resolved once.

Shares, paid impressions, prize draws and word of mouth *request* follows
during the day; the day ends by resolving them and drawing unfollows from a
hazard whose terms are the causes: promotion annoyance, over-posting,
irrelevance, distrust, service grievance and, for prize hunters, the wait
for the next prize draw. Each unfollow is counted under every cause that
makes up at least ``cause_share`` of its hazard (a survey with several answers).
"""

from __future__ import annotations

import numpy as np

CAUSES = ("promo", "overposting", "irrelevant", "distrust", "service", "prize_hunter")


class FollowBook:
    """Today's follow requests; resolved with the unfollows at the end of the day."""

    def __init__(self, n: int):
        self.requested = np.zeros(n, dtype=np.bool_)
        self.as_hunter = np.zeros(n, dtype=np.bool_)

    def request(self, idx: np.ndarray, hunter: bool = False) -> None:
        self.requested[idx] = True
        if hunter:
            self.as_hunter[idx] = True

    def resolve(self, people, followers: np.ndarray, day: int, params, days_since_prize: float, rng) -> tuple[np.ndarray, int, int, dict[str, int]]:
        """Apply today's follows and unfollows.

        Returns the new index of followers (those who stay, then those who
        joined: deterministic, not sorted), the counts of follows and
        unfollows, and the unfollows per cause.
        """
        hazard = params.base_hazard + sum(hazard_terms(people, followers, params, days_since_prize))
        leave = rng.random(followers.size, dtype=np.float32) < -np.expm1(-hazard)
        leavers = followers[leave]
        terms = np.stack(hazard_terms(people, leavers, params, days_since_prize)) if leavers.size else np.zeros((len(CAUSES), 0))
        causes = terms >= params.cause_share * hazard[leave]
        people.follows[leavers] = False
        people.hunter[leavers] = False
        people.unfollowed_on[leavers] = day

        joiners = np.flatnonzero(self.requested & ~people.follows)
        joiners = joiners[~np.isin(joiners, leavers, assume_unique=True)]  # no one rejoins the day they leave
        people.follows[joiners] = True
        people.followed_on[joiners] = day
        people.hunter[joiners] = self.as_hunter[joiners]
        self.requested[:] = False
        self.as_hunter[:] = False
        followers = np.concatenate([followers[~leave], joiners])
        return followers, int(joiners.size), int(leavers.size), dict(zip(CAUSES, causes.sum(axis=1).tolist()))


def hazard_terms(people, idx: np.ndarray, params, days_since_prize: float) -> list[np.ndarray]:
    """The unfollow hazard's terms for people ``idx``, one per cause, in the order of CAUSES."""
    waiting = np.float32(params.hunter_hazard * (1.0 - np.exp(-days_since_prize / params.hunter_patience)))
    return [
        np.float32(params.promo_annoyance) * people.annoyance_promo[idx],
        np.float32(params.overposting_annoyance) * people.annoyance_overposting[idx],
        np.float32(params.irrelevance) * people.irrelevance[idx],
        np.float32(params.distrust) * np.maximum(np.float32(0.0), np.float32(params.distrust_threshold) - people.trust[idx]),
        np.float32(params.service_grievance) * people.grievance[idx],
        waiting * people.hunter[idx],
    ]


def fade(people, reactions) -> None:
    """Annoyance, grievance and affinity fade a little every day."""
    keep = np.float32(1.0 - reactions.annoyance_decay)
    people.annoyance_promo *= keep
    people.annoyance_overposting *= keep
    people.grievance *= keep
    people.affinity *= np.float32(1.0 - reactions.affinity_decay)
