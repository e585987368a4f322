"""Who sees what, and corrections: the notifications due (what the AI Office sees of the
providers' drafts), sharing an internal document with the provider, and correcting the record
of a case with a reason (docs/rules.md § confidentiality, § facts-as-filed)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gpai_cases.cases import access, deadlines, rules, services
from gpai_cases.cases.models import Designation, InformationRequest, RequestStatus
from gpai_cases.core import limits
from gpai_cases.core.forms import form_data

from ..forms import ShareForm
from .base import case_for_action, office_only
from .pages import form_page

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@office_only
def notifications_due(request: HttpRequest) -> HttpResponse:
    """Registered models above the threshold that are not notified yet, and the providers' draft
    notifications: the model, the provider, the due date the draft declares, overdue or not —
    never the draft's content."""
    today = timezone.localdate()
    drafts = [
        {
            "model": f"{d['case__model__name']} {d['case__model__version']}".strip(),
            "provider": d["case__model__provider__legal_name"],
            "due": d["notification_due"],
            "due_words": deadlines.format_day(d["notification_due"])
            if d["notification_due"]
            else "",
            "overdue": bool(d["notification_due"] and d["notification_due"] < today),
            "escalated": d["case__overdue_escalated"],
        }
        for d in access.notifications_due_visible_to(request.user)
    ]
    threshold = Decimal(str(settings.GPAI_THRESHOLD_FLOP))
    unnotified = (
        access.models_visible_to(request.user)
        .filter(training_compute_flop__gt=threshold)
        .exclude(Exists(access.cases_visible_to(request.user).filter(model=OuterRef("pk"))))
        .exclude(Exists(Designation.objects.filter(model=OuterRef("pk"), ended_on__isnull=True)))
        .select_related("provider")
        .order_by("provider__legal_name", "name")
    )
    return render(
        request,
        "workspace/notifications_due.html",
        {"drafts": drafts, "unnotified": list(unnotified[:500])},
    )


@require_http_methods(["GET", "POST"])
@office_only
def document_share(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    """Share an internal document with the provider, after a confirmation. A refusal (shared
    meanwhile by someone else) or an unticked box shows the same page again with its errors."""
    case = case_for_action(request, reference)
    document = access.get_document_of(request.user, case, document_id)
    access.require(access.may_share_document, request.user, document)
    return form_page(
        request,
        case,
        ShareForm(form_data(request)[0]),
        lambda: services.document_share(actor=request.user, document=document),
        template="workspace/share.html",
        success=lambda shared: (
            gettext("“%(title)s” is now shared with the provider.") % {"title": shared.title}
        ),
        blockers=rules.share_blockers(document),
        context={"document": document},
    )


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(
        label=_("What to correct"),
        choices=list(rules.CORRECTABLE.items()),
        widget=forms.RadioSelect,
    )
    late = forms.ChoiceField(
        label=_("Notified late"),
        choices=[("", "—"), ("yes", _("Yes: late")), ("no", _("No: on time"))],
        required=False,
    )
    request = forms.ChoiceField(label=_("Request"), required=False)
    due_date = forms.DateField(label=_("Corrected due date"), required=False, widget=DATE)
    reason = forms.CharField(
        label=_("Reason (recorded in the case's timeline)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm this correction: the old value, the new value, the reason and my name "
            "are recorded in the case's timeline"
        )
    )

    def __init__(self, *args: Any, requests: list[InformationRequest], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requests = {str(r.pk): r for r in requests}
        self.fields["request"].choices = [("", "—")] + [
            (
                pk,
                gettext("{kind} of {sent}, due {due}").format(
                    kind=r.get_kind_display(),
                    sent=deadlines.format_day(r.sent_on),
                    due=deadlines.format_day(r.due_date),
                ),
            )
            for pk, r in self.requests.items()
        ]

    def service_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        field = data["field"]
        value: bool | datetime.date | None
        if field == "late":
            value = {"yes": True, "no": False}.get(data["late"])
        else:
            value = data["due_date"]
        return {
            "field": field,
            "value": value,
            "reason": data["reason"],
            "request": self.requests.get(data["request"]) if field != "late" else None,
        }


limits.state_limits(CorrectionForm)


@require_http_methods(["GET", "POST"])
@office_only
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct the late flag or an open request's due date, with a reason; a refused form comes
    back with its values."""
    case = case_for_action(request, reference)
    access.require(access.may_correct_record, request.user, case)
    open_requests = list(
        InformationRequest.objects.filter(case=case, status=RequestStatus.OPEN).order_by("pk")
    )
    form = CorrectionForm(form_data(request)[0], requests=open_requests)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_correct(actor=request.user, case=case, **form.service_args())
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, gettext("The correction is recorded in the case's timeline."))
            return redirect("workspace:case", reference=case.reference)
    return render(
        request,
        "workspace/correct.html",
        {"case": case, "form": form, "blockers": rules.record_correction_blockers(case)},
    )
