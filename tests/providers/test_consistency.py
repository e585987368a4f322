"""The ±30 % consistency check of docs/rules.md § compute: an estimate is consistent with the
declared figure when |estimate − declared| / declared ≤ 0.30; the band straddles the threshold
when declared × 0.7 ≤ threshold < declared × 1.3. Pure arithmetic: no Django, no database.
The minus sign − is part of the notation under test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.providers.compute import (
    CONSISTENCY_TOLERANCE,
    Estimate,
    band_straddles_threshold,
    check_compute,
    format_difference,
    is_consistent,
    relative_difference,
)

D = Decimal


def test_the_tolerance_is_thirty_percent_of_the_declared_figure():
    assert D("0.30") == CONSISTENCY_TOLERANCE


def test_the_difference_is_relative_to_the_declared_figure():
    assert relative_difference(D("1e25"), D("1.18e25")) == D("0.18")
    assert relative_difference(D("2e25"), D("1.38e25")) == D("-0.31")


def test_an_estimate_29_percent_above_or_below_is_consistent():
    assert is_consistent(D("1e25"), D("1.29e25")) is True
    assert is_consistent(D("1e25"), D("0.71e25")) is True


def test_an_estimate_31_percent_above_or_below_is_not_consistent():
    assert is_consistent(D("1e25"), D("1.31e25")) is False
    assert is_consistent(D("1e25"), D("0.69e25")) is False


def test_exactly_30_percent_is_still_consistent_and_just_beyond_is_not():
    assert is_consistent(D("1e25"), D("1.3e25")) is True
    assert is_consistent(D("1e25"), D("0.7e25")) is True
    assert is_consistent(D("1e25"), D("1.3000000000000000000001e25")) is False
    assert is_consistent(D("1e25"), D("0.6999999999999999999999e25")) is False


def test_the_issue_example_of_2_1e25_against_3_1_and_3_6e25_is_not_consistent():
    assert is_consistent(D("2.1e25"), D("3.1e25")) is False  # +48 %
    assert is_consistent(D("2.1e25"), D("3.6e25")) is False  # +71 %


@pytest.mark.parametrize(
    ("difference", "text"),
    [
        (D("0.18"), "+18 %"),
        (D("-0.31"), "\u221231 %"),
        (D("0"), "0 %"),
        (D("0.004"), "0 %"),
        (D("0.295"), "+30 %"),  # consistent, shown as 30
        (D("0.30"), "+30 %"),
        (D("0.3004"), "+30.1 %"),  # not consistent: never shown as 30
        (D("-0.3049"), "\u221230.5 %"),
        (D("0.305"), "+31 %"),
        (D("1.5"), "+150 %"),
    ],
)
def test_the_difference_is_shown_as_a_signed_percentage(difference, text):
    assert format_difference(difference) == text


def test_the_band_of_a_declared_1_0e25_straddles_the_threshold():
    assert band_straddles_threshold(D("1.0e25"), D("1e25")) is True
    assert band_straddles_threshold(D("7.7e24"), D("1e25")) is True
    assert band_straddles_threshold(D("1.4e25"), D("1e25")) is True


def test_the_band_of_figures_well_away_from_the_threshold_does_not_straddle_it():
    assert band_straddles_threshold(D("7.6e24"), D("1e25")) is False
    assert band_straddles_threshold(D("1.43e25"), D("1e25")) is False
    assert band_straddles_threshold(D("3.2e25"), D("1e25")) is False


def test_the_straddle_boundaries_lower_edge_included_upper_edge_excluded():
    # declared × 0.7 = threshold: inside the band; declared × 1.3 = threshold: outside
    assert band_straddles_threshold(D("1e25"), D("7e24")) is True
    assert band_straddles_threshold(D("1e25"), D("1.3e25")) is False


def test_check_compute_gives_each_estimate_its_difference_and_verdict():
    estimates = [
        Estimate("hardware", "Hardware-based", D("3.1e25")),
        Estimate("architecture", "Architecture-based", D("2.4e25")),
    ]
    check = check_compute(D("2.1e25"), estimates, threshold=D("1e25"))
    assert check.above and not check.straddles and not check.consistent
    assert [(e.difference_text, e.consistent) for e in check.estimates] == [
        ("+48 %", False),
        ("+14 %", True),
    ]


def test_check_compute_says_when_the_band_straddles_the_threshold_setting():
    check = check_compute(D("1.2e25"), [], threshold=D("1e25"))
    assert check.straddles and check.above and check.consistent
    assert not check_compute(D("1.2e25"), [], threshold=D("1e26")).straddles


@pytest.mark.parametrize("tolerance", [D(0), D(1), D("-0.3")])
def test_a_tolerance_outside_zero_to_one_is_refused(tolerance):
    with pytest.raises(ValueError):
        is_consistent(D("1e25"), D("1e25"), tolerance)


positive = st.decimals(min_value=D("1e20"), max_value=D("1e30"), allow_nan=False, places=None)


@given(declared=positive, estimate=positive)
def test_the_verdict_and_the_percentage_shown_never_disagree(declared, estimate):
    text = format_difference(relative_difference(declared, estimate))
    shown = D(text.replace("\u2212", "-").replace("+", "").replace(" %", ""))
    assert (abs(shown) <= 30) is is_consistent(declared, estimate)
