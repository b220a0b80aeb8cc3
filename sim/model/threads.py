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
from .indices import _merge
from .kernel_cache import kernel


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
        self.key, seen = _sightings(pair, open_threads, visitors, self.people.n, self.key, self.people.threads_seen)
        return seen

    def close(self, threads: np.ndarray, score: np.ndarray, onlooker_effect: float, ledger) -> int:
        """Threads resolved today (sorted) with their outcome scores: their viewers update trust and forget them.

        Returns the number of viewers who saw a thread resolved."""
        if self.key.size == 0 or threads.size == 0:
            return 0
        viewers, judged, self.key = _closed(self.key, threads, score, self.people.n, self.people.threads_seen)
        ledger.request(viewers, onlooker_effect * judged)
        return int(viewers.size)


@kernel
def _sightings(pair, open_threads, visitors, n, key, threads_seen):
    """The (thread, viewer) pairs drawn (``pair``: visitor * threads + thread) that are new, not one's own thread:
    counted in ``threads_seen``, merged into the sorted ``key`` (thread * n + viewer). Returns the key and their number.

    The pairs come visitor by visitor; bucketed by thread (``open_threads`` is sorted) they are in ``key``'s order
    without a sort when the visitors are sorted, so checking them against ``key`` is one walk along both."""
    threads = open_threads.size
    start = np.zeros(threads + 1, np.int64)
    for p in pair:
        start[p % threads + 1] += 1
    for t in range(threads):
        start[t + 1] += start[t]
    fill = start[:-1].copy()
    codes = np.empty(pair.size, np.int64)
    for p in pair:
        v = p // threads
        t = p - v * threads
        codes[fill[t]] = open_threads[t] * n + visitors[v]
        fill[t] += 1
    new = np.empty(pair.size, np.int64)
    k = at = 0
    for t in range(threads):
        block = codes[start[t]:start[t + 1]]
        for i in range(1, block.size):
            if block[i] < block[i - 1]:  # the day's visitors in the order they saw a post, not sorted
                block.sort()
                break
        thread = open_threads[t]
        for code in block:
            viewer = code - thread * n
            if viewer == thread:  # not one's own thread
                continue
            while at < key.size and key[at] < code:
                at += 1
            if at < key.size and key[at] == code:
                continue
            new[k] = code
            threads_seen[viewer] += 1
            k += 1
    new = new[:k]
    return _merge(key, new), k


@kernel
def _closed(key, threads, score, n, threads_seen):
    """The viewers of the ``threads`` resolved today (sorted) and each one's thread's score; they forget it.
    Returns the viewers, their scores and the key of the pairs still open."""
    viewers = np.empty(key.size, np.int64)
    judged = np.empty(key.size)
    kept = np.empty(key.size, np.bool_)
    k = 0
    for i in range(key.size):
        thread = key[i] // n
        at = min(np.searchsorted(threads, thread), threads.size - 1)
        kept[i] = threads[at] != thread
        if not kept[i]:
            viewers[k], judged[k] = key[i] - thread * n, score[at]
            threads_seen[viewers[k]] -= 1
            k += 1
    return viewers[:k], judged[:k], key[kept]
