"""Sizing the service desk to its load (Erlang C, the contact-centre standard).

Complaints arrive at random (Poisson) and each takes an agent about
s = 1/answers_per_staff_hour; with ``c`` agents the chance a complaint must
wait is Erlang's C formula, and a waiting complaint waits Exp(c mu - lambda).
The model counts an answer in time when the whole delay (wait plus answer)
is within the complainer's patience, itself Exp with mean theta; so the share
answered in time is e^(-s/theta) [(1 - C) + C (c mu - lambda) / (c mu - lambda
+ 1/theta)]. ``service.staff = "auto"`` takes the smallest ``c`` that meets
the target, or, where no desk can (a quick answer takes longer than many
complainers wait), the smallest that comes within 0.001 of the best any
desk can do, sized in steps of a person (``service.staff_step``): a fraction
of a person is one slower agent (someone who answers between other work), so
a small load does not buy a whole person. No well-kept Python library provides this (the formula is a few
lines); Erlang C is tested against the standard table.
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


def staff_for(arrivals_per_hour: float, answers_per_hour: float, patience_hours: float, target: float,
              step: float = 1.0) -> float:
    """The least staff (in multiples of ``step`` of a person, at least one step, at most MAX_STAFF) that answers
    ``target`` of the complaints within the complainers' patience; where no desk can, the least within 0.001 of
    the best possible share. A staff x is ceil(x) agents sharing x people's throughput (a fraction of a person
    is one slower agent: someone who answers between other work), so a small load does not buy a whole person."""
    if answers_per_hour <= 0:
        raise ValueError("answers_per_hour must be positive to size a desk")
    goal = reachable(target, answers_per_hour, patience_hours)
    whole = max(1, math.floor(arrivals_per_hour / answers_per_hour) + 1)
    while whole < MAX_STAFF and answered_in_patience(whole, arrivals_per_hour, answers_per_hour, patience_hours) < goal:
        whole += 1
    whole = min(whole, MAX_STAFF)
    if step >= 1.0:
        return float(whole)
    k = max(1, math.floor(arrivals_per_hour / answers_per_hour / step) + 1)  # the fewest steps that keep up with the load
    while k * step < whole:
        staff = round(k * step, 9)
        agents = math.ceil(staff - 1e-9)
        if answered_in_patience(agents, arrivals_per_hour, staff * answers_per_hour / agents, patience_hours) >= goal:
            return staff
        k += 1
    return float(whole)


def reachable(target: float, answers_per_hour: float, patience_hours: float) -> float:
    """The target, or, where no desk can reach it (an answer alone takes much of the patience), 0.001 below the
    best share any desk can answer in time, e^(-s/theta)."""
    return min(target, math.exp(-1.0 / (answers_per_hour * patience_hours)) - 0.001)


def least_steps(meets: Callable[[int], bool], guess: int, fewest: int, most: int) -> int:
    """The fewest steps k in [fewest, most] with ``meets(k)`` (taken as rising with k), searched from ``guess``
    (last week's staff): a few tries when the load changed little, doubling strides and halving when it changed
    much. ``most`` if none meets."""
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
