"""Issue 8 item 3: phone, ID and card numbers inside free text leave masked, in any format.

Before the fix only the 电话 column was masked: ``138 0013 8000``, ``+86-138-0013-8000``, full-width
``１３８００１３８０００``, ``tel:+8613800138000``, an 18-digit ID … in 客户原话 / 解决方案 / 备注 came out
verbatim in CSV and XLSX. The numbers and their formats here are generated.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_assist.notes import NoteDraft, NoteStore, export_notes, mask_pii, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
SEPARATORS = [" ", "-", ".", "\u3000", "－", "—", " - ", "\u200b", "/", "\u2060", "  "]
AREA_CODES = [
    "010",
    "020",
    "021",
    "022",
    "023",
    "024",
    "025",
    "027",
    "028",
    "029",
    "0755",
    "0571",
    "0311",
    "0991",
]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

digit = st.sampled_from("0123456789")


def _num(n: int, first: str = "0123456789"):
    return st.tuples(st.sampled_from(first), st.lists(digit, min_size=n - 1, max_size=n - 1)).map(
        lambda t: t[0] + "".join(t[1])
    )


mobiles = st.tuples(st.sampled_from("3456789"), _num(9)).map(lambda t: "1" + t[0] + t[1])
landlines = st.tuples(st.sampled_from(AREA_CODES), st.sampled_from([7, 8]), st.data()).map(
    lambda t: t[0] + t[2].draw(_num(t[1], "123456789"))
)
birthdays = st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31))


def _check_char(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


ids18 = st.tuples(_num(6, "1234569"), birthdays, _num(3)).map(
    lambda t: (b := t[0] + t[1].strftime("%Y%m%d") + t[2]) + _check_char(b)
)
ids15 = st.tuples(
    _num(6, "1234569"), st.dates(dt.date(1930, 1, 1), dt.date(1999, 12, 31)), _num(3)
).map(lambda t: t[0] + t[1].strftime("%y%m%d") + t[2])


def _luhn_complete(body: str) -> str:
    for last in "0123456789":
        total = 0
        for n, ch in enumerate(reversed(body + last)):
            d = int(ch)
            if n % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        if total % 10 == 0:
            return body + last
    raise AssertionError


cards = st.tuples(
    st.sampled_from(["62", "43", "52", "35"]), st.sampled_from([16, 17, 18, 19]), st.data()
).map(lambda t: _luhn_complete(t[0] + t[2].draw(_num(t[1] - 3))))


@st.composite
def shaped(draw, number: str, kind: str) -> str:
    """``number`` as a person would write or paste it."""
    if kind == "card":
        groups = [number[i : i + 4] for i in range(0, len(number), 4)]
        if draw(st.booleans()):
            groups = [number]
    elif kind == "mobile":
        groups = draw(
            st.sampled_from(
                [[number], [number[:3], number[3:7], number[7:]], [number[:3], number[3:]]]
            )
        )
    elif kind == "landline":
        area = 3 if number[:3] in AREA_CODES else 4
        groups = [number[:area], number[area:]]
        if draw(st.booleans()):
            groups = [number]
    else:  # id
        groups = draw(st.sampled_from([[number], [number[:6], number[6:14], number[14:]]]))
    sep = draw(st.sampled_from(SEPARATORS))
    text = sep.join(groups)
    if kind == "landline" and len(groups) == 2 and draw(st.booleans()):
        text = f"({groups[0]}){groups[1]}"
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.integers(0, 3)) == 0:  # a zero-width character somewhere inside
        at = draw(st.integers(1, len(text) - 1))
        text = (
            text[:at] + draw(st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u2060"])) + text[at:]
        )
    if kind == "mobile":
        text = (
            draw(st.sampled_from(["", "+86", "+86-", "+86 ", "0086 ", "86", "tel:+86", "tel:"]))
            + text
        )
    return text


numbers = st.one_of(
    mobiles.map(lambda n: (n, "mobile")),
    landlines.map(lambda n: (n, "landline")),
    ids18.map(lambda n: (n, "id")),
    ids15.map(lambda n: (n, "id")),
    cards.map(lambda n: (n, "card")),
)
BEFORE = st.sampled_from(["", "客户说号码是", "回电：", "我的身份证", "卡号", "（", "请打", "A "])
AFTER = st.sampled_from(["", "，谢谢", "。", "）", " 找王先生", "，充了58元", " 2026-03-01"])


def _ascii_digits(text: str) -> str:
    return "".join(
        str(int(ch)) if ch.isdecimal() else ("X" if ch in "Xx\uff38" else "") for ch in text
    )


@settings(max_examples=400, deadline=None)
@given(st.data(), numbers, BEFORE, AFTER)
def test_every_shape_of_a_personal_number_is_masked(data, number_kind, before, after):
    number, kind = number_kind
    text = before + data.draw(shaped(number, kind)) + after
    masked = mask_pii(text)
    assert number not in _ascii_digits(masked), (text, masked)
    assert "*" in masked
    # what stays visible: a mobile's first 3 + last 4, a landline's area code + last 4, an ID's
    # or card's last 4
    hidden = {"mobile": 4, "landline": 3}.get(kind, len(number) - 4)
    assert sum(ch == "*" for ch in masked) >= hidden, masked
    assert mask_pii(masked) == masked  # idempotent: masking an export twice changes nothing
    assert masked.startswith(before) and masked.endswith(after)


ORDINARY = [
    "充了58元没到账",
    "2026-03-01 上午来过电话",
    "2026-03-01 13:45:10 通话",
    "2026年3月1日到3月15日之间",
    "订单号 12345，工单 987654",
    "金额1,280.50元，优惠3.5折",
    "套餐 128 元/月，流量 30GB",
    "2026.03.01 至 2026.04.01",
    "版本 6.12.0，错误码 0x80070005",
    "第3次来电，等了45分钟",
    "宽带账号 20260301123",
    "2026-03-01 2026-03-02",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_are_left_alone(text):
    assert mask_pii(text) == text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 99999).map(str),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.times(),
    st.decimals(0, 100000, places=2).map(str),
)
def test_generated_amounts_dates_and_short_numbers_stay(order, day, time, amount):
    text = f"订单{order}于{day.isoformat()} {time.strftime('%H:%M:%S')}付款{amount}元，{day:%Y.%m.%d}到账"
    assert mask_pii(text) == text


# -- exports ------------------------------------------------------------------------------------

VARIANTS = [
    "138 0013 8000",
    "+86-138-0013-8000",
    "１３８００１３８０００",
    "138.0013.8000",
    "tel:+8613800138000",
    "138\u200b0013\u200b8000",
    "(010)8765 4321",
    "110105199003071236",
    "11010519900307123X",
    "110105900307123",
    "6222 0212 3456 7890 123",
]
RAW = ["13800138000", "87654321", "1101051990030712", "110105900307123", "6222021234567890123"]


@pytest.fixture
def db_with_numbers():
    db = open_db(":memory:")
    store = NoteStore(db)
    for i, variant in enumerate(VARIANTS):
        store.submit(
            NoteDraft(
                started_at=f"2026-11-24 09:{i:02d}:00",
                agent_no="A1",
                customer_name=f"王先生 {variant}",
                customer_phone="13812341234",
                reason_text=f"客户说号码是{variant}，充了58元没到账",
                reason_codes="1",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                solution=f"已回电{variant}，2026-03-01 处理",
                notes=f"备用：{variant}",
                other_department=f"转{variant}",
                handling_minutes="5",
            ),
            CODES,
            now=dt.datetime(2026, 11, 24, 10, 0),
        )
    return db


def _cells_csv(path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def _cells_xlsx(path) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return [str(c) for row in wb.active.iter_rows(values_only=True) for c in row if c is not None]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_mask_numbers_in_every_free_text_field(db_with_numbers, tmp_path, fmt):
    out = tmp_path / f"notes.{fmt}"
    assert export_notes(db_with_numbers, out, fmt, CODES) == len(VARIANTS)
    cells = _cells_csv(out) if fmt == "csv" else _cells_xlsx(out)
    leaked = [c for c in cells if any(raw in _ascii_digits(c) for raw in RAW)]
    assert leaked == []
    joined = "\n".join(cells)
    assert "58元" in joined and "2026-03-01 处理" in joined  # ordinary numbers untouched
    assert "138****8000" in joined and "+86-138-****-8000" in joined


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_unmasked_export_keeps_the_numbers(db_with_numbers, tmp_path, fmt):
    out = tmp_path / f"notes.{fmt}"
    export_notes(db_with_numbers, out, fmt, CODES, unmasked=True)
    cells = _cells_csv(out) if fmt == "csv" else _cells_xlsx(out)
    joined = "\n".join(cells)
    assert "客户说号码是138 0013 8000" in joined and "13812341234" in joined
    assert re.search("11010519900307123X", joined)
