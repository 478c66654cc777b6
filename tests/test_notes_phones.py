"""Phones: only ASCII digits after NFKC; masking never shows a run of more than four digits."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_assist.notes import mask_phone, normalize_phone, phone_problem


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("１３８１２３４５６７８", "13812345678"),
        ("138１２３4 5678", "13812345678"),
        ("＋８６ １３８－１２３４－５６７８", "13812345678"),
        ("（０１０）１２３４５６７８", "010-12345678"),
    ],
)
def test_full_width_digits_are_normalised_before_storing(raw, canonical):
    assert normalize_phone(raw) == canonical
    assert phone_problem(raw) is None


@pytest.mark.parametrize("raw", ["١٣٨١٢٣٤٥٦٧٨", "१३८१२३४५६७८", "138１２３4567８a"])
def test_other_scripts_digits_are_refused(raw):
    assert normalize_phone(raw) is None
    assert phone_problem(raw) is not None


@pytest.mark.parametrize(
    "stored, masked",
    [
        ("13812345678-0101", "***********-0101"),
        ("１３８１２３４５６７８", "138****5678"),
        ("电话13812345678", "电话*******5678"),
        ("1234", "****"),
    ],
)
def test_mask_hides_numbers_in_any_shape(stored, masked):
    assert mask_phone(stored) == masked


def _longest_digit_run(text: str) -> int:
    flat = re.sub(r"[\s\-()+.]", "", unicodedata.normalize("NFKC", text))
    return max((len(m) for m in re.findall(r"\d+", flat)), default=0)


DIGITS = st.sampled_from(list("0123456789") + list("０１２３４５６７８９") + ["٣", "८"])
PHONEISH = st.lists(
    st.one_of(DIGITS, st.sampled_from(list(" -+()（）－电话转#"))), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(PHONEISH, st.text(max_size=30)))
def test_mask_never_shows_more_than_four_digits_in_a_row(text):
    assert _longest_digit_run(mask_phone(text)) <= 4
