"""The audience model: people as columns, Brand and Platform as Mesa agents."""

from . import kernel_cache

kernel_cache.use()

from .model import AudienceModel  # noqa: E402  (the compiled kernels' cache is chosen before they are defined)

__all__ = ["AudienceModel"]
