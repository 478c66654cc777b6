"""Promised deadlines the way agents say them: working days, 明天/后天 with a time, 半天, N小时内."""

from __future__ import annotations

import datetime as dt

import pytest

from agent_assist.notes import add_working_days, parse_deadline, pin_deadline

TUE = dt.datetime(2026, 11, 24, 9, 30)  # a Tuesday
FRI = dt.datetime(2026, 11, 27, 17, 0)  # a Friday
SAT = dt.datetime(2026, 11, 28, 10, 0)


def test_fixture_weekdays():
    assert (TUE.weekday(), FRI.weekday(), SAT.weekday()) == (1, 4, 5)


@pytest.mark.parametrize(
    "text, base, expected",
    [
        ("3个工作日", TUE, dt.datetime(2026, 11, 27, 9, 30)),
        ("3个工作日内", TUE, dt.datetime(2026, 11, 27, 9, 30)),
        ("3个工作日内", FRI, dt.datetime(2026, 12, 2, 17, 0)),  # Sat and Sun skipped
        ("1个工作日", FRI, dt.datetime(2026, 11, 30, 17, 0)),
        ("1个工作日", SAT, dt.datetime(2026, 11, 30, 10, 0)),
        ("三个工作日", TUE, dt.datetime(2026, 11, 27, 9, 30)),
        ("5工作日", TUE, dt.datetime(2026, 12, 1, 9, 30)),
        ("明天", TUE, dt.datetime(2026, 11, 25, 23, 59)),
        ("明天18:00", TUE, dt.datetime(2026, 11, 25, 18, 0)),
        ("明天 18：00前", TUE, dt.datetime(2026, 11, 25, 18, 0)),
        ("明天18点", TUE, dt.datetime(2026, 11, 25, 18, 0)),
        ("明天下午3点半", TUE, dt.datetime(2026, 11, 25, 15, 30)),
        ("明天下午", TUE, dt.datetime(2026, 11, 25, 18, 0)),
        ("后天上午", TUE, dt.datetime(2026, 11, 26, 12, 0)),
        ("后天上午10点", TUE, dt.datetime(2026, 11, 26, 10, 0)),
        ("今晚8点", TUE, dt.datetime(2026, 11, 24, 20, 0)),
        ("半天", TUE, TUE + dt.timedelta(hours=4)),
        ("半小时", TUE, TUE + dt.timedelta(minutes=30)),
        ("24小时内", TUE, TUE + dt.timedelta(hours=24)),
        ("２４小时内", TUE, TUE + dt.timedelta(hours=24)),  # full-width digits
        ("二十四小时", TUE, TUE + dt.timedelta(hours=24)),
        ("48个小时", TUE, TUE + dt.timedelta(hours=48)),
        ("2天内", TUE, TUE + dt.timedelta(days=2)),
        ("两天", TUE, TUE + dt.timedelta(days=2)),
        ("1个半小时", TUE, TUE + dt.timedelta(minutes=90)),
        ("24h", TUE, TUE + dt.timedelta(hours=24)),
        ("2026-11-25 18:00", TUE, dt.datetime(2026, 11, 25, 18, 0)),
        ("2026-11-26", TUE, dt.datetime(2026, 11, 26, 23, 59)),
        ("明天吧", TUE, None),
        ("明天25点", TUE, None),
        ("下周", TUE, None),
        ("", TUE, None),
    ],
)
def test_parse_deadline_spoken_forms(text, base, expected):
    assert parse_deadline(text, base) == expected


def test_working_days_never_land_on_a_weekend():
    base = dt.datetime(2026, 11, 23, 12, 0)
    for start in range(7):
        for n in range(1, 12):
            assert add_working_days(base + dt.timedelta(days=start), n).weekday() < 5


@pytest.mark.parametrize(
    "text, pinned",
    [
        ("明天下午", "2026-11-25 18:00"),
        ("3个工作日", "2026-11-27 09:30"),
        ("24h", "2026-11-25 09:30"),
        ("2026-11-26 10:00", None),
        ("11-26 10:00", None),
        ("看情况", None),
        ("  ", None),
    ],
)
def test_pin_deadline_only_rewrites_relative_promises(text, pinned):
    assert pin_deadline(text, TUE) == pinned
