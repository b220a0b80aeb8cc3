"""Sizing the service desk to its load (Erlang C, the contact-centre standard).

Complaints arrive at random (Poisson) and each takes an agent about
s = 1/answers_per_staff_hour; with ``c`` agents the chance a complaint must
wait is Erlang's C formula, and a waiting complaint waits Exp(c mu - lambda).
The model counts an answer in time when the whole delay (wait plus answer)
is within the complainer's patience, itself Exp with mean theta; so the share
answered in time is e^(-s/theta) [(1 - C) + C (c mu - lambda) / (c mu - lambda
+ 1/theta)]. It is the first guess of ``service.auto_staff``, which judges each
staff by rehearsing the desk's own queue (Erlang C does not see the night's
backlog) and sizes it in steps of a person (``service.staff_step``). No
well-kept Python library provides Erlang C (the formula is a few lines); it
is tested against the standard table.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MAX_STAFF = 10_000


def wait_probability(servers: int, load: float) -> float:
    """Erlang C: the chance an arrival waits, for ``load`` = arrivals x mean service time (erlangs)."""
    if load <= 0:
        return 0.0
    if servers <= load:
        return 1.0
    b = 1.0  # Erlang B by its stable recursion, then C from B
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return servers * b / (servers - load * (1.0 - b))


def answered_in_patience(servers: int, arrivals_per_hour: float, answers_per_hour: float, patience_hours: float) -> float:
    """Share of complaints whose wait plus answer ends within an exponential patience of mean ``patience_hours``."""
    if servers * answers_per_hour <= arrivals_per_hour:
        return 0.0
    answer = math.exp(-1.0 / (answers_per_hour * patience_hours))
    if arrivals_per_hour <= 0:
        return answer
    slack = servers * answers_per_hour - arrivals_per_hour
    c = wait_probability(servers, arrivals_per_hour / answers_per_hour)
    return answer * ((1.0 - c) + c * slack / (slack + 1.0 / patience_hours))


def staff_for(arrivals_per_hour: float, answers_per_hour: float, patience_hours: float, target: float) -> int:
    """The fewest agents (at least one, at most MAX_STAFF) that answer ``target`` of the complaints within the
    complainers' patience by Erlang C; where no desk can, the fewest within 0.001 of the best possible share."""
    if answers_per_hour <= 0:
        raise ValueError("answers_per_hour must be positive to size a desk")
    goal = reachable(target, answers_per_hour, patience_hours)
    c = max(1, math.floor(arrivals_per_hour / answers_per_hour) + 1)
    while c < MAX_STAFF and answered_in_patience(c, arrivals_per_hour, answers_per_hour, patience_hours) < goal:
        c += 1
    return min(c, MAX_STAFF)


def reachable(target: float, answers_per_hour: float, patience_hours: float) -> float:
    """The target, or, where no desk can reach it (an answer alone takes much of the patience), 0.001 below the
    best share any desk can answer in time, e^(-s/theta)."""
    return min(target, math.exp(-1.0 / (answers_per_hour * patience_hours)) - 0.001)


def least_steps(meets: Callable[[int], bool], guess: int, fewest: int, most: int) -> int:
    """The fewest steps k in [fewest, most] with ``meets(k)`` (taken as rising with k), searched from ``guess``
    by doubling strides, then halving. ``most`` if none meets."""
    k = min(max(guess, fewest), most)
    if meets(k):
        lo, hi, stride = k, k, 1  # hi meets; look below
        while lo > fewest:
            lo = max(fewest, hi - stride)
            if not meets(lo):
                break
            hi, stride = lo, stride * 2
        else:
            return hi
    else:
        lo, stride = k, 1  # lo fails; look above
        while True:
            hi = min(most, lo + stride)
            if meets(hi):
                break
            if hi == most:
                return most
            lo, stride = hi, stride * 2
    while hi - lo > 1:  # lo fails, hi meets
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if meets(mid) else (mid, hi)
    return hi
