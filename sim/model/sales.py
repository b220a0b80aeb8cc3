"""Sales, revenue and costs (MODEL.md §3.10).

Two routes to a sale: an engagement with a post converts at the type's rate,
scaled by trust (promotion converts best in the short run, at a discount;
drawn with the reaction, in ``reactions``' compiled pass);
and trust drives a baseline purchase rate (loyalty: customers buy again,
non-customers now and then for the first time), where long-term value comes
from. Customers lapse with a hazard that rises as trust falls, so trust
built or lost shows up in the customers a brand keeps, and in customer
equity: the discounted gross profit the market's trust promises.
"""

from __future__ import annotations

import functools

import numpy as np

from .draws import thinned
from .kernel_cache import kernel


def loyalty(people, economy, rng) -> tuple[int, float, float, np.ndarray]:
    """Baseline purchases, rising with trust: customers buy again, others for the first time at a lower rate
    (thinned from the highest rate at trust 1, from the shared loyalty stream)."""
    e = economy.trust_elasticity
    top = max(economy.base_purchase_rate, economy.prospect_purchase_rate)

    def rate(c):
        base = np.where(people.customer[c], economy.base_purchase_rate, economy.prospect_purchase_rate)
        return base * (people.trust[c] / 0.5) ** e

    buyers = thinned(rng, people.n, top * 2.0**e, rate)
    return (*money(buyers.size, 0.0, economy), _become_customers(people, buyers))


def lapse(people, economy, rng) -> int:
    """Customers who stop buying today; the hazard rises as trust falls (drawn for everyone from the shared
    lapse stream, so two strategies face the same draws)."""
    h, slope = economy.lapse_rate, economy.lapse_trust_slope
    gone = thinned(rng, people.n, h * np.exp(slope * 0.5), lambda c: people.customer[c] * h * np.exp(slope * (0.5 - people.trust[c])))
    people.customer[gone] = False
    return int(gone.size)


def steady_share(trust: np.ndarray, economy) -> np.ndarray:
    """Each person's chance of being a customer when buying a first time (rate a) and lapsing (hazard h) have
    balanced at their trust: a / (a + h), the stationary share of the two-state chain ``equity`` values."""
    t = trust.astype(np.float64)
    a = economy.prospect_purchase_rate * (t / 0.5) ** economy.trust_elasticity
    h = economy.lapse_rate * np.exp(economy.lapse_trust_slope * (0.5 - t))
    return np.divide(a, a + h, out=np.zeros_like(a), where=(a + h) > 0)


def daily_rate(per_year: float) -> float:
    """The continuous daily discount rate delta of a yearly rate: a unit t days ahead is worth exp(-delta t) today."""
    return float(np.log1p(per_year) / 365.0)


def equity(people, economy, elasticity: float | None = None, slope: float | None = None) -> tuple[float, float]:
    """Customer equity and the purchase index of the market, trust held where it is now.

    Each person moves between customer (buying again at rate r, lapsing at rate h) and non-customer (buying a
    first time at rate a), as in the model; each sale is worth g (gross profit), discounted at delta a day. The
    discounted value of that two-state chain (Gupta, Lehmann & Stuart 2004, in continuous time, with lapsed
    customers free to come back) is, for a customer, g (r (a + delta) + h a) / (delta (a + delta + h)), and for a
    non-customer a (g + that value) / (a + delta). The purchase index is the market's purchase rate relative to
    the same market at neutral trust (1 = neutral). ``elasticity`` and ``slope`` value it with another link of
    trust to purchases and lapses than the economy's (``valuations``)."""
    e = economy.trust_elasticity if elasticity is None else elasticity
    slope = economy.lapse_trust_slope if slope is None else slope
    g, delta = economy.price * economy.margin, daily_rate(economy.discount_rate_per_year)
    return _equity(people.trust, people.customer, float(e), g, delta, economy.base_purchase_rate, economy.prospect_purchase_rate,
                   economy.lapse_rate, float(slope))


VALUATIONS = ("weak_trust_link", "strong_trust_link")
OTHER_VALUES = tuple(f"value_{name}" for name in VALUATIONS)  # their summary names (``measures.summarize``)
FADING_VALUE = "value_trust_fades"  # the value with the market valued as if trust faded after the horizon (``fading_equity``)


def valuations(people, economy) -> dict[str, float]:
    """Customer equity valued with both links of trust to money (the purchase elasticity and the lapse slope,
    both assumptions) scaled by 1 - ``valuation_range`` and 1 + ``valuation_range``: the same market, so the
    difference to ``equity`` is how much a value rests on them."""
    x = economy.valuation_range
    return {name: equity(people, economy, economy.trust_elasticity * f, economy.lapse_trust_slope * f)[0]
            for name, f in zip(VALUATIONS, (1.0 - x, 1.0 + x))}


@kernel
def _equity(trust, customer, e, g, delta, base, prospect, lapse_rate, slope):
    value, rate, neutral = 0.0, 0.0, 0.0
    square = e == 2.0  # the default; y * y equals y ** 2.0 to the last bit for every float32 trust in [0, 1], at half the cost
    for i in range(trust.size):
        y = np.float64(trust[i]) / 0.5
        lift = y * y if square else y**e
        r, a = base * lift, prospect * lift
        h = lapse_rate * np.exp(slope * (0.5 - trust[i]))
        stay = g * (r * (a + delta) + h * a) / (delta * (a + delta + h))
        if customer[i]:
            value += stay
            rate += r
            neutral += base
        else:
            value += a * (g + stay) / (a + delta)
            rate += a
            neutral += prospect
    return value, rate / neutral if neutral > 0 else np.nan


FADING_GRID = 51  # trust and prior trust in steps of 0.02: the fading value is smooth in both
FADING_YEARS, FADING_STEP = 25, 30.0  # trust is then within 0.0001 of its prior at the default rate; RK4 in 30-day steps


def fading_equity(people, economy, forgetting: float) -> float:
    """Customer equity as if the brand stopped at the horizon: each person buys and lapses as ``equity`` has it,
    while their trust returns to their prior at the model's own rate (``reactions.trust_forgetting``), as trust
    that nothing renews does in the model. ``equity`` holds trust where it is, which is what the strategy would
    keep up if it went on (and paid for it); this is what is left if it stopped. The chain's values at every
    (trust, prior) point of a grid, integrated backwards from where trust has settled (RK4), read off per person
    by bilinear interpolation."""
    g, delta = economy.price * economy.margin, daily_rate(economy.discount_rate_per_year)
    stay, come = _fading_table(float(forgetting), float(economy.trust_elasticity), g, delta, economy.base_purchase_rate,
                               economy.prospect_purchase_rate, economy.lapse_rate, float(economy.lapse_trust_slope))
    return _interpolated(people.trust, people.trust_prior, people.customer, stay, come)


@functools.lru_cache(maxsize=8)
def _fading_table(*economy) -> tuple[np.ndarray, np.ndarray]:
    """The grid of values for one economy (the same at a run's start and end)."""
    return _fading_values(FADING_GRID, *economy)


@kernel
def _rates(t, e, base, prospect, lapse_rate, slope):
    """At trust t: a customer's purchase rate r, a non-customer's first-purchase rate a, the lapse hazard h."""
    lift = (t / 0.5) ** e
    return base * lift, prospect * lift, lapse_rate * np.exp(slope * (0.5 - t))


@kernel
def _chain_values(t, e, g, delta, base, prospect, lapse_rate, slope):
    """The closed form of ``_equity`` at a trust held at ``t``: (a customer's value, a non-customer's)."""
    r, a, h = _rates(t, e, base, prospect, lapse_rate, slope)
    stay = g * (r * (a + delta) + h * a) / (delta * (a + delta + h))
    return stay, a * (g + stay) / (a + delta)


@kernel
def _drift(t, stay, come, e, g, delta, base, prospect, lapse_rate, slope):
    """d/dt of the two values at trust t (the chain's backward equations)."""
    r, a, h = _rates(t, e, base, prospect, lapse_rate, slope)
    return delta * stay - g * r - h * (come - stay), delta * come - a * (g + stay - come)


@kernel
def _fading_values(n, forgetting, e, g, delta, base, prospect, lapse_rate, slope):
    stay_at = np.empty((n, n))
    come_at = np.empty((n, n))
    end = FADING_YEARS * 365.0
    steps = int(end / FADING_STEP)
    dt = end / steps
    for i in range(n):
        for j in range(n):
            t0, prior = i / (n - 1), j / (n - 1)
            gap = t0 - prior
            stay, come = _chain_values(prior + gap * np.exp(-forgetting * end), e, g, delta, base, prospect, lapse_rate, slope)
            for k in range(steps, 0, -1):  # from the end back to the horizon, a step of -dt
                now = k * dt
                t1 = prior + gap * np.exp(-forgetting * now)
                tm = prior + gap * np.exp(-forgetting * (now - 0.5 * dt))
                t2 = prior + gap * np.exp(-forgetting * (now - dt))
                a1, b1 = _drift(t1, stay, come, e, g, delta, base, prospect, lapse_rate, slope)
                a2, b2 = _drift(tm, stay - 0.5 * dt * a1, come - 0.5 * dt * b1, e, g, delta, base, prospect, lapse_rate, slope)
                a3, b3 = _drift(tm, stay - 0.5 * dt * a2, come - 0.5 * dt * b2, e, g, delta, base, prospect, lapse_rate, slope)
                a4, b4 = _drift(t2, stay - dt * a3, come - dt * b3, e, g, delta, base, prospect, lapse_rate, slope)
                stay -= dt / 6.0 * (a1 + 2 * a2 + 2 * a3 + a4)
                come -= dt / 6.0 * (b1 + 2 * b2 + 2 * b3 + b4)
            stay_at[i, j], come_at[i, j] = stay, come
    return stay_at, come_at


@kernel
def _interpolated(trust, prior, customer, stay_at, come_at):
    n = stay_at.shape[0]
    value = 0.0
    for p in range(trust.size):
        x, y = trust[p] * (n - 1), prior[p] * (n - 1)
        i, j = min(int(x), n - 2), min(int(y), n - 2)
        fx, fy = x - i, y - j
        v = stay_at if customer[p] else come_at
        value += ((1 - fx) * (1 - fy) * v[i, j] + fx * (1 - fy) * v[i + 1, j]
                  + (1 - fx) * fy * v[i, j + 1] + fx * fy * v[i + 1, j + 1])
    return value


def _become_customers(people, buyers: np.ndarray) -> np.ndarray:
    """Mark ``buyers`` as customers; return those who were not customers before."""
    first_time = buyers[~people.customer[buyers]]
    people.customer[buyers] = True
    return first_time


def money(n: int, discount: float, economy) -> tuple[int, float, float]:
    """(sales, revenue, gross profit) of ``n`` sales at a ``discount``."""
    revenue = n * economy.price * (1.0 - discount)
    profit = revenue - n * economy.price * (1.0 - economy.margin)
    return n, float(revenue), float(profit)
