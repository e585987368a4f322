"""Realistic volume for benchmarks: providers, models, cases in every state, documents, requests
for information, events and designations, written with bulk inserts.

    python manage.py generate_load_data --cases 100000
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gpai_cases.accounts.models import Role, User
from gpai_cases.cases.models import (
    Case,
    CaseEvent,
    ClockStop,
    Decision,
    Designation,
    InformationRequest,
    Kind,
    Notification,
    ReferenceSequence,
    State,
)
from gpai_cases.documents.models import Document
from gpai_cases.providers.models import GPAIModel, Membership, Provider

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UNUSABLE = make_password(None)  # load users cannot sign in
STATES = [
    (State.DRAFT, 15),
    (State.SUBMITTED, 15),
    (State.UNDER_ASSESSMENT, 35),
    (State.DECISION_PROPOSED, 10),
    (State.DECIDED, 20),
    (State.WITHDRAWN, 5),
]


class Command(BaseCommand):
    help = "Generate load data with bulk inserts (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--open-only",
            action="store_true",
            help="only cases still open (draft to decision proposed), e.g. for the reminder sweep",
        )

    def handle(
        self, *args: object, cases: int, batch: int, seed: int, open_only: bool, **options: object
    ) -> None:
        started = time.monotonic()
        # Reproducible load data, not security: the standard generator is right here.
        rng = random.Random(seed)  # nosec B311
        today = timezone.localdate()
        now = timezone.now()
        run = f"{seed}-{int(time.time())}"
        path = f"load/{run}/evidence.pdf"
        default_storage.save(path, ContentFile(PDF))
        sha = hashlib.sha256(PDF).hexdigest()

        n_providers = max(2, cases // 50)
        with transaction.atomic():
            caseworkers = [
                User.objects.create_user(
                    f"load-cw{i}-{run}@ai-office.example", None, role=Role.CASEWORKER
                )
                for i in range(10)
            ]
            approver = User.objects.create_user(
                f"load-ap-{run}@ai-office.example", None, role=Role.APPROVER
            )
            providers = Provider.objects.bulk_create(
                Provider(
                    legal_name=f"Load Provider {i} {run}",
                    country=rng.choice(["FR", "DE", "NL", "IE", "IT"]),
                    contact_email=f"p{i}@load.example",
                )
                for i in range(n_providers)
            )
            members = User.objects.bulk_create(
                User(
                    email=f"load-member{i}-{run}@load.example",
                    role=Role.PROVIDER,
                    password=UNUSABLE,
                )
                for i in range(n_providers)
            )
            Membership.objects.bulk_create(
                Membership(user=u, provider=p) for u, p in zip(members, providers, strict=True)
            )
            ReferenceSequence.objects.get_or_create(year=today.year)
            ReferenceSequence.objects.filter(year=today.year).update(last=F("last") + cases)
            last = ReferenceSequence.objects.get(year=today.year).last
        first_number = last - cases + 1

        closed = (State.DECIDED, State.WITHDRAWN)
        weights = [0 if open_only and s in closed else w for s, w in STATES]
        states = [s for s, _ in STATES]
        done = 0
        while done < cases:
            size = min(batch, cases - done)
            with transaction.atomic():
                self._batch(
                    rng,
                    size,
                    first_number + done,
                    providers,
                    members,
                    caseworkers,
                    approver,
                    states,
                    weights,
                    today,
                    now,
                    path,
                    sha,
                )
            done += size
            self.stdout.write(f"  {done:>7} / {cases} cases ({time.monotonic() - started:.1f} s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {cases} cases for {n_providers} providers in {time.monotonic() - started:.1f} s"
            )
        )

    def _batch(
        self,
        rng,
        size,
        first_number,
        providers,
        members,
        caseworkers,
        approver,
        states,
        weights,
        today,
        now,
        path,
        sha,
    ) -> None:
        models = GPAIModel.objects.bulk_create(
            GPAIModel(
                provider=providers[(first_number + i) % len(providers)],
                name=f"Load-Model-{first_number + i}",
                version="1",
                modalities=["text"],
                parameter_count=Decimal("4e11"),
                training_compute_flop=Decimal(f"{rng.randint(11, 99)}e24"),
                training_tokens=Decimal("1.5e13"),
                eu_business_users=rng.randint(100, 50_000),
                eu_end_users=rng.randint(1_000, 10_000_000),
            )
            for i in range(size)
        )
        case_rows, rfi_dates = [], []
        for i, model in enumerate(models):
            state = rng.choices(states, weights)[0]
            kind = (
                Kind.EX_OFFICIO
                if state != State.DRAFT and rng.random() < 0.05
                else Kind.NOTIFICATION
            )
            if kind == Kind.EX_OFFICIO and state in (State.SUBMITTED, State.WITHDRAWN):
                state = State.UNDER_ASSESSMENT
            created = now - datetime.timedelta(days=rng.randint(1, 200))
            assessing = state in (State.UNDER_ASSESSMENT, State.DECISION_PROPOSED, State.DECIDED)
            started_on = (created + datetime.timedelta(days=2)).date() if assessing else None
            rfi_sent = (
                today - datetime.timedelta(days=rng.randint(0, 20))
                if state == State.UNDER_ASSESSMENT and rng.random() < 0.3
                else None
            )
            if rfi_sent:
                deadline = (rfi_sent + datetime.timedelta(days=14), "answer due")
            elif state == State.UNDER_ASSESSMENT:
                deadline = (started_on + datetime.timedelta(days=90), "assessment target")
            elif state == State.DRAFT and kind == Kind.NOTIFICATION:
                deadline = (created.date() + datetime.timedelta(days=14), "notification due")
            else:
                deadline = (None, "")
            rfi_dates.append(rfi_sent)
            case_rows.append(
                Case(
                    reference=f"GPAI-{today.year}-{first_number + i:04d}",
                    kind=kind,
                    state=state,
                    model=model,
                    basis="ex_officio" if kind == Kind.EX_OFFICIO else "",
                    assignee=rng.choice(caseworkers) if assessing else None,
                    created_at=created,
                    state_changed_at=created + datetime.timedelta(days=1),
                    submitted_at=created
                    if state not in (State.DRAFT,) and kind == Kind.NOTIFICATION
                    else None,
                    late=rng.random() < 0.1,
                    assessment_started_on=started_on,
                    next_deadline=deadline[0],
                    next_deadline_kind=deadline[1],
                )
            )
        cases = Case.objects.bulk_create(case_rows)
        Notification.objects.bulk_create(
            Notification(
                case=c,
                trigger_type="met",
                trigger_date=c.created_at.date(),
                compute_flop=c.model.training_compute_flop,
                compute_method="hardware",
                architecture_description="Dense transformer.",
                notification_due=c.created_at.date() + datetime.timedelta(days=14),
                notification_due_rule="Two weeks after the trigger date (Art 52(1) AI Act)",
            )
            for c in cases
            if c.kind == Kind.NOTIFICATION
        )
        Document.objects.bulk_create(
            Document(
                case=c,
                kind="evidence",
                title="Compute log",
                file=path,
                original_name="evidence.pdf",
                sha256=sha,
                size=len(PDF),
                content_type="application/pdf",
                uploaded_by=members[(first_number + n) % len(members)],
            )
            for n, c in enumerate(cases)
            if c.kind == Kind.NOTIFICATION
        )
        events = []
        for c in cases:
            events.append(CaseEvent(case=c, at=c.created_at, action="created", to_state="draft"))
            if c.state != State.DRAFT:
                events.append(
                    CaseEvent(
                        case=c,
                        at=c.state_changed_at,
                        action="state_changed",
                        from_state="draft",
                        to_state=c.state,
                    )
                )
        CaseEvent.objects.bulk_create(events)
        requests = [
            InformationRequest(
                case=c,
                kind="question",
                questions=["Please detail the compute per phase."],
                sent_on=sent,
                due_date=sent + datetime.timedelta(days=14),
                due_rule="14 days",
                period_days=14,
                created_by=c.assignee,
            )
            for c, sent in zip(cases, rfi_dates, strict=True)
            if sent
        ]
        requests = InformationRequest.objects.bulk_create(requests)
        ClockStop.objects.bulk_create(
            ClockStop(
                case=r.case,
                information_request=r,
                started_on=r.sent_on,
                reason="Request for information",
            )
            for r in requests
        )
        decisions, designations = [], []
        for c in cases:
            if c.state in (State.DECISION_PROPOSED, State.DECIDED):
                decided = c.state == State.DECIDED
                decided_on = (c.state_changed_at + datetime.timedelta(days=30)).date()
                decisions.append(
                    Decision(
                        case=c,
                        outcome="designate",
                        reasoning="Above the threshold.",
                        status="approved" if decided else "proposed",
                        proposed_by=c.assignee,
                        approved_by=approver if decided else None,
                        decided_on=decided_on if decided else None,
                    )
                )
                if decided:
                    designations.append(
                        Designation(
                            model=c.model,
                            case=c,
                            basis="notified_without_arguments",
                            decided_on=decided_on,
                            systemic_risk_since=c.created_at.date(),
                            last_decision_on=decided_on,
                            reassessment_earliest=decided_on + datetime.timedelta(days=183),
                            reassessment_rule="Six months after the decision (Art 52(5))",
                        )
                    )
        Decision.objects.bulk_create(decisions)
        Designation.objects.bulk_create(designations)
