"""Content types as arrays, one entry per type, in the scenario's order."""

from __future__ import annotations

import numpy as np


class ContentTypes:
    """Each ContentType field becomes an array indexed by type number."""

    def __init__(self, content: dict):
        self.names = list(content)
        self.index = {name: i for i, name in enumerate(self.names)}
        fields = next(iter(content.values())).__class__.model_fields
        for field in fields:
            values = [getattr(t, field) for t in content.values()]
            dtype = np.bool_ if isinstance(values[0], bool) else np.float32
            setattr(self, field, np.asarray(values, dtype=dtype))

    def __len__(self) -> int:
        return len(self.names)
