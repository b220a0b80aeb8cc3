"""Validation against published figures (validation/*.toml)."""

from .suite import Check, load_targets, run_suite, write_report

__all__ = ["Check", "load_targets", "run_suite", "write_report"]
