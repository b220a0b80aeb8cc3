"""Small statistics for replicated runs: intervals, paired differences, Holm's correction."""

from __future__ import annotations

import numpy as np
from scipy import stats


def mean_interval(x, level: float = 0.95) -> tuple[float, float, float, int]:
    """Mean and t-interval of the mean, ignoring NaN: (mean, low, high, n)."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n == 0:
        return np.nan, np.nan, np.nan, 0
    m = float(x.mean())
    if n == 1 or np.all(x == x[0]):
        return m, m, m, n
    lo, hi = stats.t.interval(level, n - 1, loc=m, scale=stats.sem(x))
    return m, float(lo), float(hi), n


def paired_difference(a, b, level: float = 0.95) -> dict:
    """a - b over paired replications: mean, t-interval, Cohen's d_z and the paired t-test's p."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    keep = ~(np.isnan(a) | np.isnan(b))
    d = a[keep] - b[keep]
    m, lo, hi, n = mean_interval(d, level)
    if n < 2:
        return {"diff": m, "ci_low": lo, "ci_high": hi, "effect_size": np.nan, "p_value": np.nan, "n": n}
    sd = d.std(ddof=1)
    if sd <= 1e-12 * max(1.0, abs(m)):  # the same difference in every replication (a fixed cost, an identity): nothing
        # random to test or to scale by, so no p-value (and out of Holm's family) and no effect size
        return {"diff": m, "ci_low": m, "ci_high": m, "effect_size": np.nan, "p_value": np.nan, "n": n}
    return {"diff": m, "ci_low": lo, "ci_high": hi, "effect_size": float(m / sd),
            "p_value": float(stats.ttest_rel(a[keep], b[keep]).pvalue), "n": n}


def ratio_interval(num, den, level: float = 0.95) -> tuple[float, float, float]:
    """A ratio of means over replications, mean(num) / mean(den), with Fieller's interval: the ratios r for which the
    t-interval of the mean of num - r * den holds 0. Exact for normal replications however few, and unbounded (-inf,
    inf) when the denominator's mean cannot be told from 0 (a mean of per-run ratios is biased when the denominator
    is noisy). Pairs with a NaN are dropped."""
    num, den = np.asarray(num, float), np.asarray(den, float)
    keep = ~(np.isnan(num) | np.isnan(den))
    num, den = num[keep], den[keep]
    n = num.size
    value = num.mean() / den.mean() if n and den.mean() != 0 else np.nan
    if n < 2:
        return float(value), np.nan, np.nan
    q = stats.t.ppf(0.5 + level / 2, n - 1) ** 2
    cov = np.cov(num, den) / n  # of the two means
    a = den.mean() ** 2 - q * cov[1, 1]
    b = num.mean() * den.mean() - q * cov[0, 1]
    c = num.mean() ** 2 - q * cov[0, 0]
    if a <= 0:
        return float(value), -np.inf, np.inf
    root = np.sqrt(max(b * b - a * c, 0.0))
    return float(value), float((b - root) / a), float((b + root) / a)


def holm(p) -> np.ndarray:
    """Holm's step-down adjusted p-values (NaN stays NaN). scipy has no Holm; this is the textbook form."""
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if ok.size == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    m = order.size
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adjusted, 1.0)
    return out
