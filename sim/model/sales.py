"""Sales, revenue and costs (MODEL.md §3.10).

Two routes to a sale: an engagement with a post converts at the type's rate,
scaled by trust (promotion converts best in the short run, at a discount);
and trust drives a baseline purchase rate (loyalty), where long-term value
comes from.
"""

from __future__ import annotations

import numpy as np


def from_engagement(people, engaged: np.ndarray, k: int, content, economy, rng) -> tuple[int, float, float]:
    """Sales triggered by engagements with a post of type ``k``: (sales, revenue, gross profit)."""
    chance = content.conversion[k] * people.trust[engaged] / 0.5
    buyers = engaged[rng.random(engaged.size) < chance]
    people.customer[buyers] = True
    return _money(buyers.size, content.discount[k], economy)


def loyalty(people, economy, u: np.ndarray) -> tuple[int, float, float]:
    """Baseline purchases, rising with trust; ``u`` is the day's shared uniform per person."""
    chance = economy.base_purchase_rate * (people.trust / np.float32(0.5)) ** np.float32(economy.trust_elasticity)
    buyers = np.flatnonzero(u < chance)
    people.customer[buyers] = True
    return _money(buyers.size, 0.0, economy)


def _money(n: int, discount: float, economy) -> tuple[int, float, float]:
    revenue = n * economy.price * (1.0 - discount)
    profit = revenue - n * economy.price * (1.0 - economy.margin)
    return n, float(revenue), float(profit)
