"""Each audit event reads as words on both timelines: no codes, and what changed is named."""

from __future__ import annotations

from gpai_cases.cases.audit import Action
from gpai_cases.cases.event_words import describe, state_words


def test_every_recorded_verb_reads_as_words_without_a_code():
    for action in Action:
        words = describe(action.value, {})
        assert "_" not in words and words[:1].isupper(), action


def test_an_update_names_the_fields_that_changed_so_updates_differ():
    one = describe("updated", {"fields": ["compute_flop", "compute_inputs"]})
    other = describe("updated", {"fields": ["intended_uses"]})
    assert one == "Notification updated: the training compute and the estimate's inputs"
    assert other == "Notification updated: the intended uses"


def test_the_hearing_letter_is_called_a_hearing_not_a_request_for_information():
    assert describe("information_requested", {"kind": "hearing"}).startswith("Hearing")
    assert describe("information_requested", {"kind": "information"}).startswith("Request for")


def test_a_document_event_does_not_repeat_the_title_which_may_be_internal():
    assert describe("document_uploaded", {"title": "Internal evaluation"}) == "Document added"


def test_states_in_words():
    assert state_words("under_assessment") == "under assessment"
