"""Customer problems and the service desk (MODEL.md §3.5-3.6).

Customers run into problems; followers raise them on the page, others
elsewhere. The brand's reply policy decides per complaint: answer, ignore or
delete; a problem raised elsewhere that the brand does not monitor goes
unheard (not ignored: nobody at the brand saw it). Answers queue first-come-first-served at the desk, which works only
in covered hours: in "covered time" (covered hours since day 0) the desk's
agents each take a fixed time per answer (a part-time agent longer), so each
answer's time follows from the agent who would finish it first,
D_j = min_k max(F_k, A_j) + s_k, run over a day's arrivals in one compiled
pass. A complaint the desk cannot answer within the
complainer's ``give_up_days`` counts as ignored and leaves the queue without
taking desk time (after an overload, the desk does not go on answering
complaints long given up).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from . import staffing
from .kernel_cache import kernel

NONE, ANSWER, IGNORE, DELETE, UNHEARD = 0, 1, 2, 3, 4
HOURS_PER_WEEK = 168


@dataclass
class Resolved:
    """Complaints resolved today, and who now talks about them."""

    in_time: int = 0
    late: int = 0
    ignored: int = 0
    deleted: int = 0
    unheard: int = 0
    threads: np.ndarray | None = None  # page threads resolved today (complainers, sorted)
    thread_score: np.ndarray | None = None  # how onlookers judge each (service.onlooker_score_*)
    tell_positive: np.ndarray | None = None
    tell_negative: np.ndarray | None = None
    reposts: np.ndarray | None = None  # complainers whose complaint was deleted and who post it again tomorrow
    log: dict | None = None  # per complaint: who, outcome, delay (hours), trust change, told (for validation)


class Desk:
    """The brand's service desk: covered hours, staff, a first-come-first-served queue.

    A staff of x is floor(x) agents working in parallel, each taking 1/answers_per_staff_hour per answer, and for
    a fraction f of a person one more agent taking 1/(f answers_per_staff_hour) (someone who answers between other
    work), so more staff never answers later. With ``staff = "auto"`` the desk is sized each week to the
    complaints it expects (the last week's; at the start ``expected_complaints``: the problems of customers who
    follow, and of the monitored share of the rest, that it would answer) by ``auto_staff``, so that
    ``target_in_time`` of them are answered within the complainers' patience.
    """

    def __init__(self, params, expected_per_day: float = 0.0):
        self.free_at = np.zeros(1)  # covered time at which each agent is free
        self.per_week = 0.0  # covered hours a week (none until the first hours are taken up)
        self.pending = np.empty(0, np.int64)  # people with an open problem, seen by the desk or not, until resolved
        self.expected_per_day = expected_per_day  # complaints the desk expects a day (for "auto")
        self.arrivals = np.zeros(7)  # complaints that reached the desk on each of the last seven days
        self.arrived_today = 0
        self.staff = 0.0
        self.adopt(params, now=0.0)

    def adopt(self, params, now: float) -> None:
        """Take up (new) hours and staff at hour ``now``; answers already scheduled keep their times."""
        busy_until = self.clock_time(self.free_at) if self.per_week > 0 else np.full(self.free_at.size, now)
        self.params = params
        self.mask = covered_hours(params.start_hour, params.hours_per_day, params.days_per_week)
        self.cum = np.concatenate([[0.0], np.cumsum(self.mask)])
        self.per_week = self.cum[-1]
        self.staff = auto_staff(params, self.expected_per_day) if params.staff == "auto" else fixed_staff(params.staff, params.min_staff)
        self.answer_time = answer_times(self.staff, params.answers_per_staff_hour) if self.per_week > 0 else np.full(1, np.inf)
        agents = self.answer_time.size
        if self.per_week > 0:
            kept = np.sort(np.maximum(busy_until, now))[-agents:]
            kept = np.concatenate([np.full(agents - kept.size, now), kept])
            self.free_at = self.covered_time(kept)
        else:
            self.free_at = np.zeros(agents)

    def start_day(self, day: int) -> None:
        """Yesterday's complaints go into the week's record; on Mondays an "auto" desk is sized to last week's."""
        self.arrivals[(day - 1) % 7] = self.arrived_today
        self.arrived_today = 0
        if day % 7 == 0 and day > 0 and self.params.staff == "auto":
            self.expected_per_day = float(self.arrivals.mean())
            self.adopt(self.params, now=day * 24.0)

    @property
    def staffed(self) -> bool:
        return bool(np.isfinite(self.answer_time).any())

    def covered_time(self, t: np.ndarray) -> np.ndarray:
        """Covered hours elapsed from hour 0 until hour ``t``."""
        return _covered_time(np.asarray(t, np.float64), float(self.per_week), self.cum, self.mask)

    def clock_time(self, s: np.ndarray) -> np.ndarray:
        """Inverse of ``covered_time``: the hour at which ``s`` covered hours have passed."""
        return _clock_time(np.asarray(s, np.float64), float(self.per_week), self.cum)

    def schedule(self, opened: np.ndarray, give_up_hours: float) -> np.ndarray:
        """Answer times (hours) for complaints raised at ``opened`` (sorted), first come first served after the
        current queue; inf for those the desk cannot reach within ``give_up_hours``: they leave the queue and
        take no desk time."""
        self.arrived_today += opened.size
        if opened.size == 0:
            return opened
        return _schedule(opened, float(give_up_hours), float(self.per_week), self.cum, self.mask, self.answer_time, self.free_at)

    def staff_hours(self, day: int) -> float:
        """Staff-hours paid on a day (the covered hours of that weekday times staff)."""
        d = day % 7
        return float(self.mask[d * 24:(d + 1) * 24].sum() * self.staff)


def has_desk(staff) -> bool:
    """A desk that answers: sized to the load ("auto") or with someone on it."""
    return staff == "auto" or float(staff) > 0


def fixed_staff(staff: float, min_staff: float = 0.0) -> float:
    """A fixed desk's people: ``staff``, and at least ``min_staff`` if it has anyone (a desk scaled to a smaller market)."""
    staff = float(staff)
    return max(staff, float(min_staff)) if staff > 0 else 0.0


def auto_staff(params, per_day: float) -> float:
    """The least staff, in steps of ``staff_step`` of a person, that answers target_in_time of the complaints
    raised in the desk's hours within the complainers' patience, judged by rehearsing the desk's own queue on
    ``per_day`` complaints a day at random hours (``rehearse``): those raised at night wait for the morning,
    and the morning's complaints queue behind them, which Erlang C (the first guess) does not see. A desk is
    sized for at least a complaint a week (a quiet week does not leave the next complaint to a sliver of a
    person), the load taken to two significant figures; where no desk can reach the target, for BEST_MARGIN
    below the share a desk of unlimited people answers in time (the last points cost many people). Remembered
    per process: a small desk sees the same few loads week after week, and a sweep the same settings run after
    run (the answer depends on the load and the settings only)."""
    load = float(f"{max(float(per_day), 1.0 / 7.0):.2g}")  # planned to two figures: 73.14 a day is planned as 73
    key = (load, *(getattr(params, f) for f in SIZED_BY))
    if key not in _SIZED:
        if len(_SIZED) > 10_000:
            _SIZED.clear()
        _SIZED[key] = _auto_staff(params, load)
    return _SIZED[key]


SIZED_BY = ("staff_step", "target_in_time", "start_hour", "hours_per_day", "days_per_week", "answers_per_staff_hour",
            "answer_share", "patience_hours", "give_up_days")  # the settings a desk's sizing reads
_SIZED: dict[tuple, float] = {}


def _auto_staff(params, per_day: float) -> float:
    p = params
    per_week = covered_hours(p.start_hour, p.hours_per_day, p.days_per_week).sum()
    if per_week == 0 or p.answer_share == 0 or p.answers_per_staff_hour == 0:
        return 0.0
    if 1.0 / p.answers_per_staff_hour >= p.give_up_days * 24.0:  # no answer could come before the complainer gives up
        return 0.0
    per_hour = per_day * 7 / per_week
    step = p.staff_step
    opened = rehearsal_complaints(per_day)
    goal = min(p.target_in_time, best_share(p, opened) - BEST_MARGIN)
    guess = staffing.staff_for(per_hour, p.answers_per_staff_hour, p.patience_hours, p.target_in_time)
    keeps_up = math.floor(per_hour / p.answers_per_staff_hour / step) + 1  # fewer steps fall ever further behind
    k = staffing.least_steps(lambda k: rehearse(p, round(k * step, 9), opened) >= goal, round(guess / step), max(1, keeps_up),
                             math.ceil(staffing.MAX_STAFF / step))
    return round(k * step, 9)


REHEARSAL_SEED = 20_240_601  # the rehearsal's own stream: sizing a desk draws nothing from the model's
REHEARSAL_SIZE = 12_000  # complaints at least: the share in time to about +-0.004
REHEARSAL_DAYS = (14, 728)  # and at least two whole weeks (a weekday desk's Monday backlog), at most 104
BEST_MARGIN = 0.02  # an unreachable target aims this far below unlimited staff: the last points cost many people


@functools.lru_cache(maxsize=512)
def rehearsal_complaints(per_day: float) -> np.ndarray:
    """Complaints at ``per_day`` a day (Poisson, at uniform hours): REHEARSAL_SIZE of them, but at least two whole
    weeks' worth and at most 104 weeks'; one stream of rate one, scaled to the load, for every load, every staff
    tried and every run."""
    if per_day <= 0:
        return np.empty(0)
    first, last = REHEARSAL_DAYS
    days = min(max(REHEARSAL_SIZE / per_day, first), last)
    n = int(per_day * days * 1.1 + 100)  # enough gaps to pass the horizon
    rng = np.random.default_rng(REHEARSAL_SEED)
    arrivals = np.cumsum(rng.standard_exponential(n)) / per_day  # days
    opened = 24.0 * arrivals[arrivals < days]
    opened.flags.writeable = False
    return opened


def rehearse(params, staff: float, opened: np.ndarray) -> float:
    """The expected share of the complaints ``opened`` (hours, sorted) in the desk's hours that a fresh desk of
    ``staff`` answers within the complainers' (exponential) patience: mean of e^(-delay/patience)."""
    desk = Desk(params.model_copy(update={"staff": staff}))
    return _in_time(desk, opened, desk.schedule(opened, params.give_up_days * 24.0) - opened, params.patience_hours)


def best_share(params, opened: np.ndarray) -> float:
    """The share ``rehearse`` gives a desk of unlimited people: each complaint answered one answer's time after
    it is raised, or after opening time when raised while the desk is closed (answers run on into the next
    open hours)."""
    desk = Desk(params.model_copy(update={"staff": 1.0}))
    answered = desk.clock_time(desk.covered_time(opened) + 1.0 / params.answers_per_staff_hour)
    return _in_time(desk, opened, answered - opened, params.patience_hours)


def _in_time(desk, opened: np.ndarray, delay: np.ndarray, patience_hours: float) -> float:
    """Mean e^(-delay/patience) over the complaints raised in ``desk``'s hours (1 if none is)."""
    covered = desk.mask[(opened % HOURS_PER_WEEK).astype(np.int64)] > 0
    return float(np.exp(-delay[covered] / patience_hours).mean()) if covered.any() else 1.0


@kernel
def _divmod(a, b):
    """numpy's divmod of two floats (npy_divmod), so covered time is the same number as numpy's."""
    mod = np.fmod(a, b)  # exact in IEEE arithmetic, whoever computes it
    div = (a - mod) / b
    if mod:
        if (b < 0) != (mod < 0):
            mod += b
            div -= 1.0
    else:
        mod = math.copysign(0.0, b)
    if div:
        floordiv = math.floor(div)
        if div - floordiv > 0.5:
            floordiv += 1.0
    else:
        floordiv = math.copysign(0.0, a / b)
    return floordiv, mod


@kernel
def _covered(t, per_week, cum, mask):
    """Covered hours elapsed from hour 0 until hour ``t`` (the arithmetic of numpy's on arrays, one value)."""
    week, rest = _divmod(t, np.float64(HOURS_PER_WEEK))
    h = np.int64(rest)
    return week * per_week + cum[h] + mask[h] * (rest - h)


@kernel
def _clock(s, per_week, cum):
    """The hour at which ``s`` covered hours have passed."""
    week, rest = _divmod(s, per_week)
    h = np.searchsorted(cum, rest, side="right") - 1
    return week * HOURS_PER_WEEK + h + (rest - cum[h])


@kernel
def _covered_time(t, per_week, cum, mask):
    out = np.empty(t.size)
    for i in range(t.size):
        out[i] = _covered(t[i], per_week, cum, mask)
    return out


@kernel
def _clock_time(s, per_week, cum):
    out = np.empty(s.size)
    for i in range(s.size):
        out[i] = _clock(s[i], per_week, cum)
    return out


@kernel
def _schedule(opened, give_up_hours, per_week, cum, mask, answer_time, free_at):
    """``Desk.schedule`` in one compiled call."""
    done = _serve_or_renege(_covered_time(opened, per_week, cum, mask),
                            _covered_time(opened + give_up_hours, per_week, cum, mask), answer_time, free_at)
    out = np.full(done.size, np.inf)
    for i in range(done.size):
        if np.isfinite(done[i]):
            out[i] = _clock(done[i], per_week, cum)
    return out


@kernel
def _serve_or_renege(arrive, limit, answer_time, free_at):
    """First come, first served, each by the agent who would finish it first (``free_at``, updated in place;
    ``answer_time`` per agent): an answer ends at max(agent free, arrival) + the agent's answer time, except that a
    complaint the desk cannot answer by ``limit`` leaves without taking desk time (a queue with reneging). With
    one agent this is Lindley's recursion."""
    done = np.full(arrive.size, np.inf)
    for j in range(arrive.size):
        k, finish = 0, np.inf
        for a in range(free_at.size):
            end = max(free_at[a], arrive[j]) + answer_time[a]
            if end < finish:
                k, finish = a, end
        if finish <= limit[j]:
            done[j] = finish
            free_at[k] = finish
    return done


def answer_times(staff: float, answers_per_hour: float) -> np.ndarray:
    """Hours an answer takes each agent of a desk of ``staff`` people: floor(staff) at 1/answers_per_hour, and
    for the fraction left one agent at its share of the speed (at least one agent, inf if nobody answers)."""
    whole = int(np.floor(staff + 1e-9))
    part = staff - whole if staff - whole > 1e-9 else 0.0
    if answers_per_hour <= 0 or staff <= 0:
        return np.full(1, np.inf)
    times = [1.0 / answers_per_hour] * whole + ([1.0 / (part * answers_per_hour)] if part else [])
    return np.array(times)


def covered_hours(start_hour: float, hours_per_day: float, days_per_week: int) -> np.ndarray:
    """168 flags, Monday 0:00 first: the hours the desk works (whole hours)."""
    mask = np.zeros(HOURS_PER_WEEK)
    start, length = int(round(start_hour)), int(round(hours_per_day))
    for d in range(days_per_week):  # at most 7 iterations: days of the week, not people
        hours = (d * 24 + start + np.arange(length)) % HOURS_PER_WEEK
        mask[hours] = 1.0
    return mask


def expected_complaints(people, scenario) -> float:
    """Complaints a day the desk can expect from the market at hand: customers' problems raised on the page (by
    followers) or found by listening, times the share the brand answers."""
    sv = scenario.service
    if not scenario.strategy.has_page:
        return 0.0
    customers = np.count_nonzero(people.customer)
    following = np.count_nonzero(people.customer & people.follows)
    seen = following + sv.monitors_elsewhere * (customers - following)
    return float(sv.problem_rate * sv.answer_share * seen)


def raise_problems(people, day: int, params, has_page: bool, desk: Desk, events: np.ndarray, hours: np.ndarray, ledger, rng,
                   reposts: np.ndarray | None = None) -> int:
    """Step 5: customers run into problems; the brand's policy decides what will happen.

    ``events`` (the people whose product fails today) and ``hours`` (when)
    come from the shared problems stream, drawn for everyone, so two
    strategies see the same problems at the same hours; only customers
    without an open problem raise one. ``reposts``: complainers whose complaint the brand deleted yesterday and
    who post it again on the page today, at an hour drawn from ``rng`` (not a new problem: no trust lost to it).
    """
    new, opened = _fresh(events, hours, day, people.customer, people.complaint_open)
    repost = np.zeros(new.size, np.bool_)
    if reposts is not None and reposts.size and has_page:
        back = _back(reposts, people.complaint_open, new)
        new = np.concatenate((new, back))
        opened = np.concatenate((opened, day * 24.0 + 24.0 * rng.random(back.size)))
        repost = np.concatenate((repost, np.ones(back.size, np.bool_)))
    if new.size == 0:
        return 0
    v = rng.random((2, new.size))  # drawn for the complaints in the order of the hour they are raised
    new, opened, repost, on_page, answer, outcome, due = _decide(
        new, opened, repost, v, people.follows, has_page, params.monitors_elsewhere, params.answer_share,
        params.delete_share, desk.staffed, params.give_up_days * 24.0, params.problem_trust_hit, people.trust_change)
    ledger.touched(new)
    answered_at = desk.schedule(opened[answer], params.give_up_days * 24.0)
    _open(new, opened, repost, on_page, answer, answered_at, outcome, due, people.complaint_open, people.complaint_on_page,
          people.complaint_repost, people.complaint_opened, people.complaint_due, people.complaint_outcome)
    desk.pending = np.concatenate((desk.pending, new))
    return int(new.size)


@kernel
def _fresh(events, hours, day, customer, complaint_open):
    """The customers among ``events`` without an open problem, and the hours they raise theirs."""
    new = np.empty(events.size, np.int64)
    opened = np.empty(events.size)
    k = 0
    for i in range(events.size):
        j = events[i]
        if customer[j] and not complaint_open[j]:
            new[k], opened[k] = j, day * 24.0 + hours[i]
            k += 1
    return new[:k], opened[:k]


@kernel
def _back(reposts, complaint_open, new):
    """The complainers of ``reposts`` who post again: without an open problem and not among today's ``new`` (sorted)."""
    back = np.empty(reposts.size, np.int64)
    k = 0
    for j in reposts:
        at = np.searchsorted(new, j)
        if not complaint_open[j] and not (at < new.size and new[at] == j):
            back[k] = j
            k += 1
    return back[:k]


@kernel
def _decide(new, opened, repost, v, follows, has_page, monitors, answer_share, delete_share, staffed, give_up_hours, hit,
            trust_change):
    """The complaints in the order they are raised, and the policy's decision on each: seen, answered (if the desk
    gets to it), deleted, ignored or unheard; due at giving up (deleted: at once) until an answer is scheduled. A new
    problem (not a repost) costs trust ``hit`` (requested in ``trust_change``)."""
    order = np.argsort(opened, kind="mergesort")
    new, opened, repost = new[order], opened[order], repost[order]
    n = new.size
    on_page = np.empty(n, np.bool_)
    answer = np.empty(n, np.bool_)
    outcome = np.empty(n, np.int8)
    due = np.empty(n)
    for i in range(n):
        if not repost[i]:
            trust_change[new[i]] += np.float32(-hit)
        on_page[i] = (follows[new[i]] or repost[i]) and has_page  # a repost goes where the deleted one was
        seen = on_page[i] or (has_page and v[1, i] < monitors)
        answer[i] = seen and v[0, i] < answer_share and staffed
        delete = on_page[i] and not answer[i] and v[0, i] >= answer_share and v[0, i] < answer_share + delete_share
        outcome[i] = DELETE if delete else IGNORE if seen else UNHEARD
        due[i] = opened[i] if delete else opened[i] + give_up_hours
    return new, opened, repost, on_page, answer, outcome, due


@kernel
def _open(new, opened, repost, on_page, answer, answered_at, outcome, due, complaint_open, complaint_on_page, complaint_repost,
          complaint_opened, complaint_due, complaint_outcome):
    """Note the complaints raised: those the desk answers within ``give_up_days`` are due at their answer (whether
    the answer came within the complainer's patience is judged when they are resolved)."""
    k = 0
    for i in range(new.size):
        if answer[i]:
            if np.isfinite(answered_at[k]):
                outcome[i], due[i] = ANSWER, answered_at[k]
            k += 1
        j = new[i]
        complaint_open[j], complaint_on_page[j], complaint_repost[j] = True, on_page[i], repost[i]
        complaint_opened[j], complaint_due[j], complaint_outcome[j] = opened[i], due[i], outcome[i]


def resolve(people, desk: Desk, day: int, params, wom, ledger, rng) -> Resolved:
    """Step 6: complaints whose answer (or giving up) falls today change trust and start talk.

    An answer can undo the problem, not turn it into a gift: it restores at most the trust the problem took
    (de Matos et al. 2007: recovery brings repurchase intent back to, not above, customers without a problem),
    less the harm of a poor answer."""
    due_today, desk.pending = _due(desk.pending, people.complaint_due, (day + 1) * 24.0)
    none = np.empty(0, np.int64)
    r = Resolved(tell_positive=none, tell_negative=none, threads=none, thread_score=np.empty(0))
    if due_today.size == 0:
        return r
    outcome = people.complaint_outcome[due_today]
    delay = people.complaint_due[due_today] - people.complaint_opened[due_today]
    patience = rng.exponential(params.patience_hours, due_today.size)
    tell = rng.random(due_today.size)
    fresh_answer = np.exp(-delay / params.reply_decay_hours)  # numpy's exp, as the ledger has always seen it
    flags, change, score, counts, r.threads, r.thread_score, r.tell_positive, r.tell_negative, deleted = _judge(
        due_today, outcome, delay, patience, tell, fresh_answer, params.quality, params.problem_trust_hit,
        params.recovery_gain, params.poor_answer_penalty, params.ignore_penalty, params.delete_penalty, params.unheard_penalty,
        wom.tell_positive, wom.tell_negative, wom.tell_deleted, wom.tell_unheard, onlooker_scores(params), people.grievance,
        people.complaint_on_page,
        people.complaint_repost, people.complaint_open, people.complaint_due, people.complaint_outcome, people.trust_change)
    ledger.touched(due_today)
    if params.repost_deleted > 0 and deleted.size:  # a deleted complaint comes back louder (the Streisand effect)
        r.reposts = deleted[rng.random(deleted.size) < params.repost_deleted]
    r.in_time, r.late, r.ignored, r.deleted, r.unheard = counts
    r.log = {"who": due_today, "outcome": outcome, "delay_hours": delay, "in_time": flags[0], "trust_change": change,
             "told": flags[1], "on_page": flags[2]}
    return r


def onlooker_scores(params) -> tuple[float, float, float, float]:
    """What onlookers make of a thread answered in time, late, ignored or deleted (``onlooker_effect`` trust each):
    the problem they saw plus how it was treated, so that a brand with a desk does not gain from its customers' problems."""
    problem = float(params.onlooker_score_problem)
    return (problem + float(params.onlooker_score_in_time), problem + float(params.onlooker_score_late),
            problem + float(params.onlooker_score_ignored), problem + float(params.onlooker_score_deleted))


@kernel
def _due(pending, complaint_due, before):
    """The open problems due before hour ``before`` (sorted), and those still pending."""
    due = np.empty(pending.size, np.bool_)
    for i in range(pending.size):
        due[i] = complaint_due[pending[i]] < before
    return np.sort(pending[due]), pending[~due]


@kernel
def _judge(due_today, outcome, delay, patience, tell, fresh_answer, q, hit, recovery_gain, poor_answer_penalty, ignore_penalty,
           delete_penalty, unheard_penalty, tell_positive, tell_negative, tell_deleted, tell_unheard, scores, grievance,
           complaint_on_page, complaint_repost, complaint_open, complaint_due, complaint_outcome, trust_change):
    """What each complaint due today did: answered in time or late, ignored, deleted or unheard; the complainer's
    change of trust (requested in ``trust_change``), what onlookers make of the thread (``scores``: in time, late,
    ignored, deleted), who talks; the
    complaint closed. Returns flags per complaint (in time, told, on the page), the changes, the scores, the counts
    (in time, late, ignored, deleted, unheard), the page's threads and their scores, who talks well and badly, and
    who was deleted."""
    n = due_today.size
    flags = np.zeros((3, n), np.bool_)
    change, score = np.zeros(n), np.zeros(n)
    positive, negative, deleted = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    threads, thread_score = np.empty(n, np.int64), np.empty(n)
    n_in_time = n_late = n_ignored = n_deleted = n_unheard = n_positive = n_negative = n_threads = 0
    gain, poor = recovery_gain * q, poor_answer_penalty * (1 - q)
    score_in_time, score_late, score_ignored, score_deleted = scores
    for i in range(n):
        j, o = due_today[i], outcome[i]
        told_well = told_badly = False
        if o == ANSWER:
            in_time = delay[i] <= patience[i]
            flags[0, i] = in_time
            n_in_time += in_time
            n_late += not in_time
            change[i] = min(hit, gain * fresh_answer[i]) - poor
            score[i] = score_in_time if in_time else score_late
            told_well = in_time and tell[i] < tell_positive * q
        elif o == IGNORE:
            n_ignored += 1
            change[i], score[i] = -ignore_penalty, score_ignored
            told_badly = tell[i] < tell_negative
            grievance[j] += 1.0
        elif o == DELETE:
            deleted[n_deleted] = j
            n_deleted += 1
            change[i], score[i] = -delete_penalty, score_deleted
            told_badly = tell[i] < tell_deleted
            grievance[j] += 1.0
        elif o == UNHEARD:  # not on the page: onlookers judge nothing (0)
            n_unheard += 1
            change[i] = -unheard_penalty
            told_badly = tell[i] < tell_unheard
        trust_change[j] += np.float32(change[i])
        if complaint_repost[j]:
            score[i] = score_deleted  # a repost's onlookers judge the deletion it reports
        if told_well:
            positive[n_positive] = j
            n_positive += 1
        if told_badly:
            negative[n_negative] = j
            n_negative += 1
        flags[1, i], flags[2, i] = told_well or told_badly, complaint_on_page[j]
        if complaint_on_page[j]:
            threads[n_threads], thread_score[n_threads] = j, score[i]
            n_threads += 1
        complaint_open[j], complaint_repost[j], complaint_due[j], complaint_outcome[j] = False, False, np.inf, NONE
    return (flags, change, score, (n_in_time, n_late, n_ignored, n_deleted, n_unheard), threads[:n_threads],
            thread_score[:n_threads], positive[:n_positive], negative[:n_negative], deleted[:n_deleted])
