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

import numba
import numpy as np

from .draws import thinned


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


def valuations(people, economy) -> dict[str, float]:
    """Customer equity valued with both links of trust to money (the purchase elasticity and the lapse slope,
    both assumptions) scaled by 1 - ``valuation_range`` and 1 + ``valuation_range``: the same market, so the
    difference to ``equity`` is how much a value rests on them."""
    x = economy.valuation_range
    return {name: equity(people, economy, economy.trust_elasticity * f, economy.lapse_trust_slope * f)[0]
            for name, f in zip(VALUATIONS, (1.0 - x, 1.0 + x))}


@numba.njit(cache=True)
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
