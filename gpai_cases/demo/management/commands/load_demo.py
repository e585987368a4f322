"""Demo data: two providers, their models, AI Office staff and a case in every state.

Idempotent: running it again changes nothing once the demo users exist.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from gpai_cases.accounts.models import Role, User
from gpai_cases.cases import services
from gpai_cases.obligations import services as obligations
from gpai_cases.providers.models import GPAIModel, Membership, Provider

# Demo accounts only; the password is printed for the person trying the demo.
DEMO_PASSWORD = "demo-gpai-2026"  # noqa: S105  # nosec B105
PEOPLE = [
    ("alice@alpha.example", "Alice Martin", Role.PROVIDER, "Alpha Labs SE"),
    ("bob@beta.example", "Bob Chen", Role.PROVIDER, "Beta Intelligence Inc."),
    ("carla@ai-office.example", "Carla Rossi", Role.CASEWORKER, None),
    ("cem@ai-office.example", "Cem Yilmaz", Role.CASEWORKER, None),
    ("anna@ai-office.example", "Anna Nowak", Role.APPROVER, None),
    ("arno@ai-office.example", "Arno Peeters", Role.APPROVER, None),
    ("adam@ai-office.example", "Adam Schmidt", Role.ADMIN, None),
]
#: What the AI Office's people sign with (their letters print it).
FUNCTIONS = {
    Role.CASEWORKER: "Policy Officer, AI Office",
    Role.APPROVER: "Head of Unit, AI Office",
    Role.ADMIN: "Administrator, AI Office",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class Command(BaseCommand):
    help = "Load demo providers, models, users and a case in every state."

    def handle(self, *args: object, **options: object) -> None:
        if User.objects.filter(email=PEOPLE[0][0]).exists():
            self.stdout.write("Demo data already loaded.")
        else:
            with transaction.atomic():
                self._load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, role, provider in PEOPLE:
            where = f" — {provider} (administrator of its account)" if provider else ""
            self.stdout.write(f"  {role.label:<36} {email}{where}")

    def _load(self) -> None:
        alpha = Provider.objects.create(
            legal_name="Alpha Labs SE",
            country="FR",
            contact_email="compliance@alpha.example",
            contact_name="Alice Martin",
            street_address="12 rue de l'Innovation",
            postal_code="75002",
            city="Paris",
        )
        beta = Provider.objects.create(
            legal_name="Beta Intelligence Inc.",
            country="US",
            contact_email="legal@beta.example",
            eu_representative="Beta EU B.V., Amsterdam, NL",
            contact_name="Bob Miller",
            street_address="500 Market Street, Suite 300",
            postal_code="CA 94105",
            city="San Francisco",
        )
        users = {}
        for email, name, role, provider_name in PEOPLE:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=name,
                function=FUNCTIONS.get(role, ""),
                role=role,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            users[email.split("@")[0]] = user
            if provider_name:
                # each provider's first person keeps its members and details (self-service)
                Membership.objects.create(
                    user=user,
                    provider=Provider.objects.get(legal_name=provider_name),
                    is_administrator=True,
                )
        alice, bob = users["alice"], users["bob"]
        carla, anna = users["carla"], users["anna"]

        def model(provider: Provider, name: str, flop: str, **extra: object) -> GPAIModel:
            return GPAIModel.objects.create(
                provider=provider,
                name=name,
                version="2026.1",
                modalities=["text", "code"],
                parameter_count=Decimal("4e11"),
                training_compute_flop=Decimal(flop),
                training_tokens=Decimal("1.5e13"),
                eu_business_users=12_000,
                eu_end_users=4_500_000,
                **extra,
            )

        today = timezone.localdate()

        def notification(user: User, m: GPAIModel, *, claims: bool = False, days_ago: int = 5):
            case = services.case_create_notification(
                actor=user,
                model=m,
                trigger_type="met",
                trigger_date=today - datetime.timedelta(days=days_ago),
                compute_flop=str(m.training_compute_flop),
                compute_method="hardware",
                compute_inputs={
                    "accelerators": 10000,
                    "peak_flops_per_accelerator": "9.89e14",
                    "utilisation": "0.4",
                    "training_hours": 2160,
                },
                architecture_description="Dense decoder-only transformer, 400B parameters.",
                modalities_description="Text and code in, text and code out.",
                intended_uses="General-purpose assistant and coding.",
                cover_letter="We hereby notify the Commission under Art 52(1).",
            )
            services.document_add(
                actor=user,
                case=case,
                uploaded_file=_pdf("compute-log.pdf"),
                title="Training compute log",
            )
            if claims:
                services.claims_file(
                    actor=user,
                    case=case,
                    claims=[
                        {
                            "text": "Benchmarks place the model below the most advanced models.",
                            "basis": "capability",
                        },
                        {
                            "text": "Access is restricted to vetted researchers.",
                            "basis": "mitigation",
                        },
                    ],
                )
            return case

        # draft
        notification(alice, model(alpha, "Alpha-Draft", "2.1e25"), days_ago=3)
        # submitted
        case = notification(bob, model(beta, "Beta-Submitted", "5e25"))
        services.case_submit(actor=bob, case=case)
        # under assessment, with an open request for information
        case = notification(alice, model(alpha, "Alpha-Assess", "3.2e25"), claims=True)
        services.case_submit(actor=alice, case=case)
        services.case_take_up(actor=carla, case=case)
        services.information_request_send(
            actor=carla,
            case=case,
            questions=[
                "Please give the utilisation measured per training phase.",
            ],
        )
        # decision proposed
        case = notification(bob, model(beta, "Beta-Proposed", "4e25"))
        services.case_submit(actor=bob, case=case)
        services.case_take_up(actor=carla, case=case)
        services.decision_propose(
            actor=carla,
            case=case,
            outcome="designate",
            reasoning="Training compute above 10^25 FLOP; no arguments filed.",
        )
        # decided: designated
        case = notification(alice, model(alpha, "Alpha-Frontier", "8e25"))
        services.case_submit(actor=alice, case=case)
        services.case_take_up(actor=carla, case=case)
        services.decision_propose(
            actor=carla,
            case=case,
            outcome="designate",
            reasoning="Training compute above 10^25 FLOP; no arguments filed.",
        )
        services.decision_approve(actor=anna, case=case)
        self._obligations(alpha, case.resulting_designation, users, today)
        # reassessment requested (draft) against that designation
        services.case_create_reassessment(
            actor=alice,
            designation=case.resulting_designation,
            reasons="New evaluations show capabilities below the frontier.",
        )
        # the public list, published once by the admin
        from gpai_cases.register.services import publish

        publish(actor=users["adam"])
        # withdrawn
        case = notification(bob, model(beta, "Beta-Withdrawn", "1.2e25"))
        services.case_withdraw(
            actor=bob, case=case, reason="Compute estimate corrected below threshold."
        )
        # ex officio, after a scientific panel alert, on a model never notified
        services.case_open_ex_officio(
            actor=carla,
            model=model(beta, "Beta-Unnotified", "6e25"),
            basis="scientific_panel_alert",
            alert_reference="SP-ALERT-2026-01",
            alert_date=today - datetime.timedelta(days=10),
        )

    def _obligations(
        self, alpha: Provider, designation: object, users: dict, today: object
    ) -> None:
        """After the designation: the Code of Practice, a framework, a model report, an incident."""
        for chapter in ("transparency", "copyright", "safety_security"):
            obligations.code_of_practice_record(
                actor=users["adam"],
                provider=alpha,
                chapter=chapter,
                signatory=True,
                on=datetime.date(2025, 8, 1),
                via="demo",
            )
        version = obligations.framework_file(
            actor=users["alice"],
            provider=alpha,
            summary="Risk tiers, evaluation triggers and mitigations for all frontier models.",
            uploaded_file=_pdf("safety-security-framework-v1.pdf"),
        )
        obligations.framework_review(actor=users["carla"], version=version, kind="acknowledged")
        obligations.model_report_file(
            actor=users["alice"],
            designation=designation,
            summary="Systemic risk assessment before placing Alpha-Frontier on the market.",
            uploaded_file=_pdf("model-report-v1.pdf"),
        )
        obligations.incident_report(
            actor=users["alice"],
            designation=designation,
            kind="cybersecurity_breach",
            title="Unauthorised access to an evaluation cluster",
            aware_on=today - datetime.timedelta(days=1),
            what_happened="Credentials of an evaluation cluster were used from outside.",
            corrective_measures="Credentials revoked; weights checked unchanged.",
        )
