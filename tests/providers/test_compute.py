"""Tests of gpai_cases.providers.compute: parsing, formatting and estimating training compute.

Plain pytest, no Django, no database. The examples are those of DOMAIN.md ("Training compute").
The multiplication sign × and the minus sign − are part of the notations under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.providers.compute import (
    THRESHOLD_FLOP_DEFAULT,
    FlopParseError,
    above_threshold,
    architecture_estimate,
    format_flop,
    hardware_estimate,
    parse_flop,
)

D = Decimal

# --------------------------------------------------------------------------------------------------
# Worked examples of DOMAIN.md
# --------------------------------------------------------------------------------------------------


def test_hardware_estimate_10000_h100_for_90_days_at_40_percent_is_about_3_1e25():
    estimate = hardware_estimate(
        accelerators=10_000,
        peak_flops_per_accelerator=D("989e12"),
        utilisation=D("0.40"),
        training_hours=D(90 * 24),
    )
    assert abs(estimate - D("3.1e25")) / D("3.1e25") < D("0.02")
    assert estimate == D("3.07618560e25")


def test_architecture_estimate_400b_parameters_15t_tokens_is_exactly_3_6e25():
    assert architecture_estimate(parameters=D("4.0e11"), training_tokens=D("1.5e13")) == D("3.6e25")


def test_architecture_estimate_3_8b_parameters_3_3t_tokens_is_about_7_5e22():
    estimate = architecture_estimate(parameters=D("3.8e9"), training_tokens=D("3.3e12"))
    assert estimate == D("7.524e22")
    assert format_flop(estimate) == "7.52 × 10^22"


def test_declared_1_0e25_is_not_above_the_threshold():
    assert above_threshold(parse_flop("1.0e25")) is False


def test_anything_more_than_1e25_is_above_the_threshold():
    assert above_threshold(parse_flop("10000000000000000000000001")) is True
    assert above_threshold(parse_flop("1.01e25")) is True


def test_above_threshold_uses_the_threshold_setting():
    assert D("1e25") == THRESHOLD_FLOP_DEFAULT
    assert above_threshold(D("5e25"), threshold=D("1e26")) is False


# --------------------------------------------------------------------------------------------------
# parse_flop
# --------------------------------------------------------------------------------------------------

THREE_POINT_TWO_E25 = D("3.2e25")


@pytest.mark.parametrize(
    "text",
    [
        "3.2e25",
        "3.2E+25",
        "3.2×10^25",
        "3.2 × 10^25",
        "3.2 x 10^25",
        "3.2X10^25",
        "3.2*10**25",
        "3.2 * 10 ** 25",
        "3.2 × 10²⁵",
        "32000000000000000000000000",
        "32 000 000 000 000 000 000 000 000",
        "32,000,000,000,000,000,000,000,000",
        "32_000_000_000_000_000_000_000_000",
        "32\u2009000\u2009000\u2009000\u2009000\u2009000\u2009000\u2009000\u2009000",
        "  3.2e25  ",
        "3.2e25 FLOP",
        "0.32e26",
    ],
)
def test_parse_flop_accepts_the_usual_notations(text):
    assert parse_flop(text) == THREE_POINT_TWO_E25


def test_parse_flop_reads_a_bare_power_of_ten():
    assert parse_flop("10^25") == D("1e25")
    assert parse_flop("1e25") == D("1e25")


def test_parse_flop_reads_a_float_through_its_repr_exactly():
    parsed = parse_flop(3.2e25)
    assert parsed == THREE_POINT_TWO_E25
    assert str(parsed) == "3.2E+25"


def test_parse_flop_accepts_ints_and_decimals():
    assert parse_flop(32 * 10**24) == THREE_POINT_TWO_E25
    assert parse_flop(D("3.2E+25")) == THREE_POINT_TWO_E25


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "Enter the training compute"),
        ("   ", "Enter the training compute"),
        ("-3e25", "negative"),
        ("−3e25", "negative"),
        (-1, "negative"),
        (D("-3e25"), "negative"),
        ("0", "greater than zero"),
        (0, "greater than zero"),
        (0.0, "greater than zero"),
        ("nan", "finite"),
        ("inf", "finite"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (D("NaN"), "finite"),
        (D("sNaN"), "finite"),
        (D("Infinity"), "finite"),
        ("abc", "Could not read"),
        ("3.2e25e3", "Could not read"),
        ("1,00,000", "Could not read"),
        ("32,5", "point for decimals"),
        ("1e41", "implausibly large"),
        ("2 × 10^40", "implausibly large"),
        ("1e999999999999", "implausibly"),
        (True, "not yes/no"),
    ],
)
def test_parse_flop_refuses_bad_values_with_a_plain_message(value, words):
    with pytest.raises(FlopParseError, match=words):
        parse_flop(value)


def test_parse_flop_error_is_a_value_error():
    assert issubclass(FlopParseError, ValueError)


def test_parse_flop_accepts_the_largest_plausible_value():
    assert parse_flop("1e40") == D("1e40")


# --------------------------------------------------------------------------------------------------
# format_flop
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("3.2e25"), "3.2 × 10^25"),
        (D("32000000000000000000000000"), "3.2 × 10^25"),
        (D("1e25"), "1 × 10^25"),
        (D("1.00e25"), "1 × 10^25"),
        (D("7.54e22"), "7.54 × 10^22"),
        (D("7.545e22"), "7.55 × 10^22"),
        (D("9.996e25"), "1 × 10^26"),
        (D("1000000"), "1 × 10^6"),
        (D("999999"), "999999"),
        (D("125"), "125"),
        (D("0.125"), "0.125"),
    ],
)
def test_format_flop_writes_one_normal_form(value, text):
    assert format_flop(value) == text


# --------------------------------------------------------------------------------------------------
# Estimates
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("utilisation", [D(0), D("-0.1"), D("1.01")])
def test_hardware_estimate_refuses_utilisation_outside_zero_to_one(utilisation):
    with pytest.raises(ValueError):
        hardware_estimate(
            accelerators=8,
            peak_flops_per_accelerator=D("989e12"),
            utilisation=utilisation,
            training_hours=D(1),
        )


def test_hardware_estimate_accepts_full_utilisation():
    estimate = hardware_estimate(
        accelerators=1, peak_flops_per_accelerator=D("1e15"), utilisation=D(1), training_hours=D(1)
    )
    assert estimate == D("3.6e18")


def test_architecture_estimate_refuses_non_positive_inputs():
    with pytest.raises(ValueError):
        architecture_estimate(parameters=0, training_tokens=D("1e12"))


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

positive_decimals = st.decimals(
    min_value=D("1e-20"), max_value=D("1e40"), allow_nan=False, allow_infinity=False, places=None
).filter(lambda value: value > 0)

flop_sized = st.builds(
    lambda mantissa, exponent: D(mantissa).scaleb(exponent),
    st.integers(min_value=1, max_value=10**12),
    st.integers(min_value=-12, max_value=28),
).filter(lambda value: 0 < value <= D("1e40"))


@given(st.one_of(positive_decimals, flop_sized))
def test_parse_flop_reads_back_str_of_a_positive_decimal(value):
    assert parse_flop(str(value)) == value


@given(st.one_of(positive_decimals, flop_sized))
def test_format_flop_round_trips_to_three_significant_digits(value):
    parsed = parse_flop(format_flop(value))
    if value < D("1e6") and value == value.to_integral_value():
        assert parsed == value
        return
    # at most three significant digits, and within half a unit of the third one
    assert len(parsed.normalize().as_tuple().digits) <= 3
    assert abs(parsed - value) <= D(5).scaleb(value.adjusted() - 3)


@given(st.one_of(positive_decimals, flop_sized))
def test_format_flop_is_a_fixed_point(value):
    text = format_flop(value)
    assert format_flop(parse_flop(text)) == text
