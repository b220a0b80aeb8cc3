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
desk can do. No well-kept Python library provides this (the formula is a few
lines); Erlang C is tested against the standard table.
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
    complainers' patience; where no desk can, the fewest within 0.001 of the best possible share."""
    if answers_per_hour <= 0:
        raise ValueError("answers_per_hour must be positive to size a desk")
    goal = min(target, math.exp(-1.0 / (answers_per_hour * patience_hours)) - 0.001)
    c = max(1, math.floor(arrivals_per_hour / answers_per_hour) + 1)
    while c < MAX_STAFF and answered_in_patience(c, arrivals_per_hour, answers_per_hour, patience_hours) < goal:
        c += 1
    return min(c, MAX_STAFF)
