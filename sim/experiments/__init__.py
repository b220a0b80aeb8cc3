"""Experiments on top of the model: replicated, paired comparisons of strategies."""

from .compare import Comparison, compare, replication_seeds

__all__ = ["Comparison", "compare", "replication_seeds"]
