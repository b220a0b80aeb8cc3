"""The desk's queue and covered hours, on tiny hand-built cases with exact answers."""

import numpy as np
import pytest

from sim.model.service import Desk, covered_hours
from sim.scenario import Service


def office_desk(**kw):
    return Desk(Service(staff=1, answers_per_staff_hour=1, start_hour=9, hours_per_day=8, days_per_week=5, **kw))


def test_covered_hours_are_the_window_on_the_days_covered():
    mask = covered_hours(9, 8, 5)
    assert mask.sum() == 40
    assert mask[9:17].all() and not mask[8] and not mask[17]
    assert not mask[5 * 24:].any()  # Saturday and Sunday off
    assert covered_hours(22, 4, 7)[[22, 23, 24, 25]].all()  # a window past midnight wraps


def test_covered_time_and_clock_time_are_inverse_inside_covered_hours():
    desk = office_desk()
    t = np.array([9.0, 12.5, 16.99, 24 + 9.25, 168 + 10.0])
    assert np.allclose(desk.clock_time(desk.covered_time(t)), t)


def test_fifo_queue_waits_for_opening_and_serves_one_after_another():
    desk = office_desk()
    answered = desk.schedule(np.array([8.0, 8.5]), 72.0)  # Monday 8:00 and 8:30, desk opens at 9
    assert answered.tolist() == pytest.approx([10.0, 11.0])
    # Friday 16:30: half an hour of service on Friday, the rest on Monday morning
    later = Desk(Service(staff=1, answers_per_staff_hour=1, start_hour=9, hours_per_day=8, days_per_week=5))
    assert later.schedule(np.array([4 * 24 + 16.5]), 72.0)[0] == pytest.approx(168 + 9.5)


def test_queue_carries_over_between_days():
    desk = office_desk()
    desk.schedule(np.array([9.0] * 8), 72.0)  # fills Monday
    assert desk.schedule(np.array([10.0]), 72.0)[0] == pytest.approx(24 + 10.0)  # served first thing Tuesday


def test_no_staff_means_no_answers():
    desk = Desk(Service(staff=0))
    assert not desk.staffed


def test_a_complaint_the_desk_cannot_reach_in_time_leaves_the_queue_without_taking_desk_time():
    """After an overload the desk does not go on answering complaints given up long ago."""
    desk = Desk(Service(staff=1, answers_per_staff_hour=1, start_hour=0, hours_per_day=24, days_per_week=7))
    flood = desk.schedule(np.linspace(0.0, 1.0, 200), 3.0)  # 200 complaints in an hour, each gives up after 3 hours
    # answered at hours 1, 2, 3; the one raised last (hour 1) still fits at hour 4; everyone between gave up
    np.testing.assert_allclose(flood[np.isfinite(flood)], [1.0, 2.0, 3.0, 4.0])
    assert np.isfinite(flood[[0, 1, 2, -1]]).all()
    assert desk.schedule(np.array([10.0]), 3.0)[0] == pytest.approx(11.0)  # the next one is served at once


def test_the_compiled_desk_and_complaints_do_what_numpy_and_their_python_do():
    """Covered time is numpy's divmod arithmetic to the last bit (so runs kept their numbers when it was compiled),
    and the complaint kernels give what their Python gives on hand-built arrays."""
    from sim.model import service, threads

    rng = np.random.default_rng(0)
    t = np.concatenate([rng.random(5000) * 1e5, np.arange(0, 2000, 0.5), np.arange(300) * 168.0, [0.0, 167.99999999999997]])
    for desk in (office_desk(), Desk(Service(staff=2, start_hour=22, hours_per_day=5, days_per_week=7))):
        week, rest = np.divmod(t, 168)
        h = rest.astype(np.int64)
        np.testing.assert_array_equal(desk.covered_time(t), week * desk.per_week + desk.cum[h] + desk.mask[h] * (rest - h))
        week, rest = np.divmod(t, desk.per_week)
        h = np.searchsorted(desk.cum, rest, side="right") - 1
        np.testing.assert_array_equal(desk.clock_time(t), week * 168 + h + (rest - desk.cum[h]))

    n = 60
    new, opened = rng.choice(n, 20, replace=False).astype(np.int64), rng.random(20) * 24 + 48
    repost, v, follows = rng.random(20) < 0.2, rng.random((2, 20)), rng.random(n) < 0.5
    people = lambda: (np.zeros(n, np.float32), np.zeros(n, np.float32), rng.random(n) < 0.3, rng.random(n) < 0.2,  # noqa: E731
                      np.ones(n, np.bool_), np.full(n, 99.0), np.zeros(n, np.int8))
    jit = people()
    py = tuple(c.copy() for c in jit)
    a = service._decide(new, opened, repost, v, follows, True, 0.5, 0.6, 0.3, True, 72.0, 0.1, jit[0])
    b = service._decide.py_func(new, opened, repost, v, follows, True, 0.5, 0.6, 0.3, True, 72.0, 0.1, py[0])
    for x, y in zip(a + jit, b + py):
        np.testing.assert_array_equal(x, y)
    assert set(a[5].tolist()) >= {service.IGNORE, service.DELETE} and jit[0].min() < 0  # the policy's outcomes, the hit

    due = np.sort(new)
    outcome = rng.choice([service.ANSWER, service.IGNORE, service.DELETE, service.UNHEARD], due.size).astype(np.int8)
    draws = (rng.random(due.size) * 30, rng.random(due.size) * 40, rng.random(due.size), rng.random(due.size))
    settings = (0.8, 0.1, 0.3, 0.2, 0.05, 0.08, 0.02, 0.3, 0.5, 0.7, 0.2, (1.0, 0.5, -1.0, -1.5))
    out = (service._judge(due, outcome, *draws, *settings, *jit[1:], jit[0]),
           service._judge.py_func(due, outcome, *draws, *settings, *py[1:], py[0]))
    for x, y in zip(out[0], out[1]):
        if isinstance(x, tuple):
            assert x == tuple(y)
        else:
            np.testing.assert_array_equal(x, y)
    for x, y in zip(jit, py):
        np.testing.assert_array_equal(x, y)
    assert sum(out[0][3]) == due.size and not jit[4][due].any()  # every complaint due is counted once and closed

    key = np.sort(rng.choice(n * n, 30, replace=False)).astype(np.int64)
    pair, open_threads, visitors = np.sort(rng.choice(15 * 8, 40, replace=False)), np.sort(rng.choice(n, 8, replace=False)), \
        np.sort(rng.choice(n, 15, replace=False))
    for order in (visitors, rng.permutation(visitors)):  # a one-post day's visitors come in the order they saw it
        seen_jit, seen_py = np.zeros(n, np.int16), np.zeros(n, np.int16)
        a = threads._sightings(pair, open_threads, order, n, key, seen_jit)
        b = threads._sightings.py_func(pair, open_threads, order, n, key, seen_py)
        np.testing.assert_array_equal(a[0], b[0])
        assert a[1] == b[1] and (seen_jit == seen_py).all() and seen_jit.sum() == a[1] and (np.diff(a[0]) > 0).all()
        assert a[1] > 0 and np.isin(key, a[0]).all()
    score = rng.random(4)
    a = threads._closed(a[0], open_threads[:4], score, n, seen_jit)
    b = threads._closed.py_func(b[0], open_threads[:4], score, n, seen_py)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert (seen_jit == seen_py).all() and not np.isin(a[2] // n, open_threads[:4]).any()
