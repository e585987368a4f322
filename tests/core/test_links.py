"""url_filler gives exactly what reverse() gives, for every argument it is filled with."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.core.links import url_filler


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
