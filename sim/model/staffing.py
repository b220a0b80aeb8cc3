"""Sizing the service desk to its load (Erlang C, the contact-centre standard).

Complaints arrive at random (Poisson) and each takes an agent about
1/answers_per_staff_hour; with ``c`` agents the chance a complaint must wait
is Erlang's C formula, and the share answered within ``t`` hours is
1 - C(c, A) exp(-(c mu - lambda) t). ``service.staff = "auto"`` takes the
smallest ``c`` that meets the target share within the complainers' patience.
No well-kept Python library provides this (the formula is a few lines); it
is tested against the standard Erlang C table.
"""

from __future__ import annotations

import math

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


def answered_within(servers: int, arrivals_per_hour: float, answers_per_hour: float, hours: float) -> float:
    """Share of complaints answered within ``hours`` by ``servers`` agents (M/M/c, first come first served)."""
    if arrivals_per_hour <= 0:
        return 1.0
    load = arrivals_per_hour / answers_per_hour
    if servers <= load:
        return 0.0
    return 1.0 - wait_probability(servers, load) * math.exp(-(servers * answers_per_hour - arrivals_per_hour) * hours)


def staff_for(arrivals_per_hour: float, answers_per_hour: float, hours: float, target: float) -> int:
    """The fewest agents (at least one) that answer ``target`` of the complaints within ``hours``."""
    if answers_per_hour <= 0:
        raise ValueError("answers_per_hour must be positive to size a desk")
    c = max(1, math.floor(arrivals_per_hour / answers_per_hour) + 1)
    while c < MAX_STAFF and answered_within(c, arrivals_per_hour, answers_per_hour, hours) < target:
        c += 1
    return c
