"""url_filler gives exactly what reverse() gives, for every argument it is filled with."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.core.links import url_filler


@pytest.fixture(autouse=True, scope="module")
def _resolver_loaded():
    """The URLconf imported and the resolver filled before the first example: otherwise the
    first example of a run that starts here pays for it and exceeds Hypothesis's deadline."""
    reverse("home")


@given(st.integers(min_value=1, max_value=10**18 - 1))  # ids are at most 18 digits
def test_int_arguments(pk):
    assert url_filler("portal:model_edit", int)(pk) == reverse("portal:model_edit", args=[pk])


@given(
    st.from_regex(r"GPAI-20[0-9]{2}-[0-9]{4}", fullmatch=True),
    st.sampled_from(["trigger", "compute", "review"]),
)
def test_str_arguments(reference, step):
    fill = url_filler("portal:wizard", str, str)
    assert fill(reference, step) == reverse("portal:wizard", args=[reference, step])


def test_a_wrong_number_of_arguments_is_refused():
    with pytest.raises(TypeError):
        url_filler("portal:case", str)("a", "b")


def test_a_filler_asked_again_does_not_reverse_again_and_follows_the_script_prefix(monkeypatch):
    """The pattern is found once per URLconf and script prefix: a page asks for the same
    fillers on every request; under another prefix (an app mounted below a path) it is found
    again, as reverse() would give it."""
    from django.urls import get_script_prefix, set_script_prefix

    from gpai_cases.core import links

    url_filler("portal:case", str)  # found once
    calls = []
    monkeypatch.setattr(links, "reverse", lambda *a, **k: calls.append(a) or reverse(*a, **k))
    assert url_filler("portal:case", str)("GPAI-2026-0001") == reverse(
        "portal:case", args=["GPAI-2026-0001"]
    )
    assert calls == []
    before = get_script_prefix()
    set_script_prefix("/mounted/")
    try:
        filled = url_filler("portal:case", str)("GPAI-2026-0001")
        assert filled == reverse("portal:case", args=["GPAI-2026-0001"])
        assert filled.startswith("/mounted/")
        assert calls  # found again under the new prefix
    finally:
        set_script_prefix(before)


def test_a_name_no_marker_fits_is_refused_every_time():
    from django.urls import NoReverseMatch

    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            url_filler("no-such-view", str)
