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
