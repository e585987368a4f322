from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One counter that goes up after every committed change to case data (see ``freshness``)."""

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.n}"


class CaseStamp(models.Model):
    """The data version at the last change to one case's own data (see ``freshness``): its page
    stays cached while other cases change."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "case stamp"

    def __str__(self) -> str:
        return f"case {self.case_id} at data version {self.n}"
