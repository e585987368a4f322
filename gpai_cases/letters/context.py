"""What every letter carries around its body: the addressee's postal address and a named
contact, the salutation, the signatory, the verification code and, for decisions, the means of
redress; for a designation, since when and the obligations that now apply."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from gpai_cases.cases import deadlines
from gpai_cases.cases.calendar import holidays_around

from .models import Letter, LetterKind, LetterSettings
from .signatory import DEFAULT_FUNCTION, in_letter_language
from .verification import shown
from .wording import wording, wording_lines

DECISIONS = (LetterKind.DECISION, LetterKind.REASSESSMENT_OUTCOME)
#: The label of the time for observations on an ex officio notice (in its rule, as a code: the
#: rule names it in the language it is read in).
OBSERVATIONS_LABEL = {"code": "observations"}


def addressee(provider: Any) -> dict[str, Any]:
    """The provider's postal address, line by line, and its contact."""
    city_line = " ".join(x for x in (provider.postal_code, provider.city) if x)
    lines = [line.strip() for line in (provider.street_address or "").splitlines() if line.strip()]
    return {
        "name": provider.legal_name,
        "contact": provider.contact_name,
        "lines": [*lines, *([city_line] if city_line else []), provider.country.name.upper()],
        "email": provider.contact_email,
        "representative": provider.eu_representative,
    }


def salutation(provider: Any) -> str:
    if provider.contact_name:
        return gettext("Dear %(name)s,") % {"name": provider.contact_name}
    return gettext("Dear Sir or Madam,")


def verification_url() -> str:
    return settings.GPAI_SITE_URL.rstrip("/") + reverse("letter_verify")


def frame(letter: Letter) -> dict[str, Any]:
    provider = letter.case.model.provider
    config = LetterSettings.current()
    context: dict[str, Any] = {
        "addressee": addressee(provider),
        "salutation": salutation(provider),
        "signatory_name": letter.signatory_name,
        "signatory_function": in_letter_language(letter.signatory_function or DEFAULT_FUNCTION),
        "code": shown(letter.verification_code) if letter.verification_code else "",
        "verify_url": verification_url(),
        "contact_point": in_letter_language(config.contact_point),
        "is_decision": letter.kind in DECISIONS,
    }
    if letter.kind in DECISIONS:
        context["redress"], context["redress_source"] = wording("redress")
    if letter.kind == LetterKind.EX_OFFICIO_NOTICE:
        start = letter.letter_date
        due = deadlines.period_for_acting(
            start,
            days=config.observation_days,
            holidays=holidays_around(start),
            label=OBSERVATIONS_LABEL,
        )
        context["observations_due"] = deadlines.format_day_long(due.value)
        context["observations_rule"] = due.rule
    if letter.kind == LetterKind.INFORMATION_REQUEST:
        context["consequence"] = wording("rfi_consequence")[0]
    return context


def designation_context(case: Any, decision: Any, designation: Any) -> dict[str, Any]:
    """Since when the model is one with systemic risk, and what the provider must now do."""
    if decision is None or decision.outcome != "designate":
        return {}
    from gpai_cases.cases.services.outcomes import systemic_risk_since

    since = (
        designation.systemic_risk_since
        if designation is not None and designation.systemic_risk_since
        else systemic_risk_since(case, decision.decided_on or letter_day())
    )
    return {
        "systemic_risk_since": deadlines.format_day_long(since),
        "obligations": wording_lines("obligations"),
        "obligations_source": wording("obligations")[1],
    }


def letter_day() -> Any:
    from django.utils import timezone

    return timezone.localdate()
