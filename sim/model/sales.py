"""Sales, revenue and costs (MODEL.md §3.10).

Two routes to a sale: an engagement with a post converts at the type's rate,
scaled by trust (promotion converts best in the short run, at a discount);
and trust drives a baseline purchase rate (loyalty), where long-term value
comes from.
"""

from __future__ import annotations

import numpy as np

from .draws import thinned


def from_engagement(people, engaged: np.ndarray, k: int, content, economy, rng) -> tuple[int, float, float, np.ndarray]:
    """Sales triggered by engagements with a post of type ``k``: (sales, revenue, gross profit, first-time buyers)."""
    chance = content.conversion[k] * people.trust[engaged] / 0.5
    buyers = engaged[rng.random(engaged.size) < chance]
    return (*_money(buyers.size, content.discount[k], economy), _become_customers(people, buyers))


def loyalty(people, economy, rng) -> tuple[int, float, float, np.ndarray]:
    """Baseline purchases, rising with trust (thinned from the rate at trust 1, from the shared loyalty stream)."""
    base, e = economy.base_purchase_rate, economy.trust_elasticity
    buyers = thinned(rng, people.n, base * 2.0**e, lambda c: base * (people.trust[c] / 0.5) ** e)
    return (*_money(buyers.size, 0.0, economy), _become_customers(people, buyers))


def _become_customers(people, buyers: np.ndarray) -> np.ndarray:
    """Mark ``buyers`` as customers; return those who were not customers before."""
    first_time = buyers[~people.customer[buyers]]
    people.customer[buyers] = True
    return first_time


def _money(n: int, discount: float, economy) -> tuple[int, float, float]:
    revenue = n * economy.price * (1.0 - discount)
    profit = revenue - n * economy.price * (1.0 - economy.margin)
    return n, float(revenue), float(profit)
