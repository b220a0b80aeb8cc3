"""Complaint threads on the page and who saw them (MODEL.md §3.6).

A complaint raised on the page is a public thread. Followers who visit the
page read a few of its comments; complaint threads are among them in
proportion to their share of the page's discussion (open threads plus the
ordinary comments under its posts, averaged over the last days). So the
chance that a visitor sees a given thread falls as the page's discussion
grows, and what one person sees does not grow with the size of the market
(the average keeps a small page's few threads from being read as a share of
almost nothing). A viewer remembers the threads
they saw until each is resolved; then they judge how it was treated
(the onlooker effect), and while one stays open, promotion costs them extra
trust (``reactions._respond``).
"""

from __future__ import annotations

import numpy as np

from .draws import bernoulli_indices
from .indices import merge, sort, within
from .trust import scatter_add


class Threads:
    """Who has seen which open thread, as (thread, viewer) pairs; a thread is named by its complainer."""

    def __init__(self, people):
        self.people = people
        self.key = np.empty(0, np.int64)  # thread * n + viewer, sorted
        self.discussion = None  # open threads plus comments a day, averaged (set on the first day)

    def expose(self, visitors: np.ndarray, open_threads: np.ndarray, comments: float, comments_read: float, days: float, rng) -> int:
        """Today's visitors read the page's discussion; returns the number of new (thread, viewer) sightings.

        Each visitor sees each open thread with chance min(1, comments_read / max(D, threads)), D the page's
        threads plus comments a day, averaged over about ``days`` days; a complainer does not count as an
        onlooker of their own thread.
        """
        today = open_threads.size + comments
        self.discussion = today if self.discussion is None else self.discussion + (today - self.discussion) / max(days, 1.0)
        if visitors.size == 0 or open_threads.size == 0 or comments_read <= 0:
            return 0
        # a sudden wave of threads (a crisis) outruns the average: nobody reads more than comments_read a day
        chance = min(1.0, comments_read / max(self.discussion, open_threads.size))
        pair = bernoulli_indices(rng, visitors.size * open_threads.size, chance)
        thread, viewer = open_threads[pair % open_threads.size], visitors[pair // open_threads.size]
        key = thread[thread != viewer] * self.people.n + viewer[thread != viewer]  # not one's own thread
        key = key[~within(key, self.key)]
        viewers = key % self.people.n
        scatter_add(self.people.threads_seen, viewers, np.ones(viewers.size, np.int16))
        self.key = merge(self.key, sort(key))
        return int(key.size)

    def close(self, threads: np.ndarray, score: np.ndarray, onlooker_effect: float, ledger) -> int:
        """Threads resolved today (sorted) with their outcome scores: their viewers update trust and forget them.

        Returns the number of viewers who saw a thread resolved."""
        if self.key.size == 0 or threads.size == 0:
            return 0
        thread = self.key // self.people.n
        pos = np.minimum(np.searchsorted(threads, thread), threads.size - 1)
        done = threads[pos] == thread
        viewers = self.key[done] % self.people.n
        ledger.request(viewers, onlooker_effect * score[pos[done]])
        scatter_add(self.people.threads_seen, viewers, np.full(viewers.size, -1, np.int16))
        self.key = self.key[~done]
        return int(viewers.size)

