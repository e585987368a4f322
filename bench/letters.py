"""Letter rendering for `make bench`: every kind of letter rendered in-process (WeasyPrint), and
letters rendered, hashed, stored and audited end to end as one worker does it."""

from __future__ import annotations

import datetime
import statistics
import time

from environment import LETTERS_PER_KIND


def bench_letters() -> dict[str, object]:
    from django.db import transaction

    from gpai_cases.cases.models import Case, Decision, Designation, InformationRequest
    from gpai_cases.letters.models import Letter, LetterKind
    from gpai_cases.letters.rendering import render_pdf
    from gpai_cases.letters.services import letter_render

    samples: dict[str, list[float]] = {}
    cases = list(
        Case.objects.filter(kind="notification", state="submitted").select_related(
            "model__provider"
        )[:LETTERS_PER_KIND]
    )
    requests = list(
        InformationRequest.objects.select_related("case__model__provider")[:LETTERS_PER_KIND]
    )
    decisions = list(
        Decision.objects.filter(status="approved").select_related("case__model__provider")[
            :LETTERS_PER_KIND
        ]
    )
    ex_officio = list(
        Case.objects.filter(kind="ex_officio").select_related("model__provider")[:LETTERS_PER_KIND]
    )
    # reassessment outcomes: a maintain / revoke decision on a reassessment of each designation
    # (built in memory: the load data holds no decided reassessments)
    reassessments = []
    for i, designation in enumerate(
        Designation.objects.select_related("model__provider", "case")[:LETTERS_PER_KIND]
    ):
        case = Case(
            # an id no row has: the letter reads the case's claims and reasoning draft, and
            # finds none (an unsaved case could not be asked)
            pk=-(i + 1),
            kind="reassessment",
            reference=f"{designation.case.reference}-R",
            model=designation.model,
            designation=designation,
            state="decided",
        )
        decision = Decision(
            case=case,
            outcome="maintain" if i % 2 else "revoke",
            status="approved",
            reasoning="The model still presents systemic risk. " * 20,
            decided_on=datetime.date.today(),
        )
        reassessments.append((case, decision))
    plans = {
        LetterKind.ACKNOWLEDGEMENT: [
            Letter(
                case=c, kind=LetterKind.ACKNOWLEDGEMENT, sequence=1, reference=f"{c.reference}/L01"
            )
            for c in cases
        ],
        LetterKind.INFORMATION_REQUEST: [
            Letter(
                case=r.case,
                kind=LetterKind.INFORMATION_REQUEST,
                sequence=2,
                reference=f"{r.case.reference}/L02",
                information_request=r,
            )
            for r in requests
        ],
        LetterKind.EX_OFFICIO_NOTICE: [
            Letter(
                case=c,
                kind=LetterKind.EX_OFFICIO_NOTICE,
                sequence=1,
                reference=f"{c.reference}/L01",
            )
            for c in ex_officio
        ],
        LetterKind.DECISION: [
            Letter(
                case=d.case,
                kind=LetterKind.DECISION,
                sequence=3,
                reference=f"{d.case.reference}/L03",
                decision=d,
            )
            for d in decisions
        ],
        LetterKind.REASSESSMENT_OUTCOME: [
            Letter(
                case=c,
                kind=LetterKind.REASSESSMENT_OUTCOME,
                sequence=4,
                reference=f"{c.reference}/L04",
                decision=d,
            )
            for c, d in reassessments
        ],
    }
    render_pdf(plans[LetterKind.ACKNOWLEDGEMENT][0])  # warm fonts
    for kind, letters in plans.items():
        times = []
        for letter in letters:
            t0 = time.perf_counter()
            pdf = render_pdf(letter)
            times.append((time.perf_counter() - t0) * 1000)
            assert pdf.startswith(b"%PDF-")
        samples[str(kind)] = times
    # end to end with storage, as one worker does it: render, hash, store, audit
    stored = []
    with transaction.atomic():
        for c in cases[:20]:
            letter = Letter.objects.create(
                case=c,
                kind=LetterKind.ACKNOWLEDGEMENT,
                sequence=99,
                reference=f"{c.reference}/B99",
                trigger_key=f"bench:{c.pk}",
            )
            t0 = time.perf_counter()
            letter_render(letter_id=letter.pk)
            stored.append(time.perf_counter() - t0)
        transaction.set_rollback(True)
    result: dict[str, object] = {}
    for kind, times in samples.items():
        times.sort()
        result[kind] = {
            "n": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        }
    result["letters_per_minute_one_worker"] = round(60 / statistics.mean(stored), 1)
    return result
