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

    def resolve(self, people, day: int, params, days_since_prize: float, rng) -> tuple[int, int, dict[str, int]]:
        """Apply today's follows and unfollows; return (follows, unfollows, unfollows per cause)."""
        followers = np.flatnonzero(people.follows)
        terms = np.stack([
            params.promo_annoyance * people.annoyance_promo[followers],
            params.overposting_annoyance * people.annoyance_overposting[followers],
            params.irrelevance * people.irrelevance[followers],
            params.distrust * np.maximum(0.0, params.distrust_threshold - people.trust[followers]),
            params.service_grievance * people.grievance[followers],
            params.hunter_hazard * people.hunter[followers] * (1.0 - np.exp(-days_since_prize / params.hunter_patience)),
        ])
        hazard = params.base_hazard + terms.sum(axis=0)
        leave = rng.random(followers.size) < -np.expm1(-hazard)
        causes = terms[:, leave] >= params.cause_share * hazard[leave]
        leavers = followers[leave]
        people.follows[leavers] = False
        people.hunter[leavers] = False

        joiners = np.flatnonzero(self.requested & ~people.follows)
        joiners = joiners[~np.isin(joiners, leavers, assume_unique=True)]  # no one rejoins the day they leave
        people.follows[joiners] = True
        people.followed_on[joiners] = day
        people.hunter[joiners] = self.as_hunter[joiners]
        self.requested[:] = False
        self.as_hunter[:] = False
        return int(joiners.size), int(leavers.size), dict(zip(CAUSES, causes.sum(axis=1).tolist()))


def fade(people, reactions) -> None:
    """Annoyance, grievance and affinity fade a little every day."""
    keep = np.float32(1.0 - reactions.annoyance_decay)
    people.annoyance_promo *= keep
    people.annoyance_overposting *= keep
    people.grievance *= keep
    people.affinity *= np.float32(1.0 - reactions.affinity_decay)
