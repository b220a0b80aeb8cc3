"""The audience model: people as columns, Brand and Platform as Mesa agents."""

from .model import AudienceModel

__all__ = ["AudienceModel"]
