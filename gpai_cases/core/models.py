from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One counter that goes up after every committed change to case data (see ``freshness``)."""

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.n}"
