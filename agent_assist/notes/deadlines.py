"""Promised feedback deadlines (时限), read the way agents say them to the customer.

Absolute: ``2026-11-25 18:00``, ``2026/11/25``, ``11-25 18:00``. Relative to the call start:
``24h`` / ``24小时内`` / ``48个小时``, ``半天`` (4 h), ``半小时``, ``2天内``, ``3个工作日(内)``
(Saturday and Sunday skipped), ``明天`` / ``后天`` / ``今天`` with an optional time —
``明天18:00``, ``明天18点``, ``后天上午`` (by 12:00), ``明天下午`` (by 18:00), ``明天下午3点``
(15:00), ``明晚`` … A trailing 内/前/之前/以前 is accepted, full-width digits and small Chinese
numerals (三个工作日, 两天) too.

A bare day (``2026-11-26``, ``明天``) means the end of that day (23:59): the customer was told
"tomorrow", so anything tomorrow keeps the promise. Public holidays are not known here; a
working-day deadline that falls after a holiday is for the agent to correct.

:func:`pin_deadline` turns a relative promise into the concrete time (the form shows it once the
agent leaves the field), so a draft restored the next day still means the same moment.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NUMERALS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"(\d+|[零一二两三四五六七八九十]{1,3})"
_SUFFIX = r"(?:内|前|之前|以前|以内)?"
# Day words → days after the call's day.
_DAYS = {
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "明天": 1,
    "明日": 1,
    "明早": 1,
    "明晚": 1,
    "后天": 2,
    "大后天": 3,
}
# A part of the day without a clock time → the end of that part (the latest the promise allows).
_PERIOD_END = {
    "早上": (9, 0),
    "上午": (12, 0),
    "中午": (13, 0),
    "下午": (18, 0),
    "傍晚": (19, 0),
    "晚上": (21, 0),
}
_DAY_RE = re.compile(
    r"(大后天|今天|今日|今晚|明天|明日|明早|明晚|后天)\s*"
    r"(早上|上午|中午|下午|傍晚|晚上)?\s*"
    rf"(?:{_NUMBER}\s*(?:(?::|点)\s*(\d{{1,2}}|半)?\s*分?)?)?\s*{_SUFFIX}"
)
_SPAN_RE = re.compile(
    rf"\+?\s*(?:{_NUMBER}\s*(个半|个)?\s*(工作日|小时|h|hr|hrs|hours?|天|日|d|days?)|(半)\s*(天|日|小时))\s*{_SUFFIX}",
    flags=re.IGNORECASE,
)
_ABSOLUTE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def _number(text: str) -> int | None:
    """``"3"`` / ``"三"`` / ``"十二"`` / ``"二十四"`` → int (up to 99)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _NUMERALS.get(tens) if tens else 1
        o = _NUMERALS.get(ones) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return _NUMERALS.get(text) if len(text) == 1 else None


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("/", "-").replace("T", " ")


def add_working_days(base: dt.datetime, days: int) -> dt.datetime:
    """``base`` moved forward ``days`` working days (Mon–Fri), keeping the clock time.

    Friday 17:00 + 1 → Monday 17:00; a call on Saturday + 1 → Monday.
    """
    when = base
    left = days
    while left > 0:
        when += dt.timedelta(days=1)
        if when.weekday() < 5:
            left -= 1
    return when


def _relative(raw: str, base: dt.datetime) -> dt.datetime | None:
    m = _SPAN_RE.fullmatch(raw)
    if m:
        number, half_more, unit, half, half_unit = m.groups()
        if half:  # 半天 = half a working day; 半小时
            return base + (
                dt.timedelta(hours=4) if half_unit in ("天", "日") else dt.timedelta(minutes=30)
            )
        n = _number(number)
        if n is None:
            return None
        unit = unit.lower()
        extra = 0.5 if half_more == "个半" else 0.0
        if unit == "工作日":
            return None if extra else add_working_days(base, n)
        if unit in ("小时", "h", "hr", "hrs", "hour", "hours"):
            return base + dt.timedelta(hours=n + extra)
        return base + dt.timedelta(days=n + extra)
    m = _DAY_RE.fullmatch(raw)
    if m:
        word, period, hour_text, minute_text = m.groups()
        day = (base + dt.timedelta(days=_DAYS[word])).date()
        if word in ("今晚", "明晚") and period is None:
            period = "晚上"
        elif word == "明早" and period is None:
            period = "早上"
        if hour_text is None:
            hour, minute = _PERIOD_END.get(period, (23, 59))
        else:
            spoken = _number(hour_text)
            if spoken is None:
                return None
            hour = spoken
            minute = 30 if minute_text == "半" else int(minute_text or 0)
            if period in ("下午", "傍晚", "晚上") and hour < 12 or period == "中午" and hour < 6:
                hour += 12
            if hour > 23 or minute > 59:
                return None
        return dt.datetime.combine(day, dt.time(hour, minute))
    return None


def _absolute(raw: str, base: dt.datetime) -> dt.datetime | None:
    for fmt in _ABSOLUTE_FORMATS:
        try:
            value = dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return value.replace(hour=23, minute=59) if fmt == "%Y-%m-%d" else value
    try:
        value = dt.datetime.strptime(raw, "%m-%d %H:%M")
    except ValueError:
        return None
    value = value.replace(year=base.year)
    return value if value >= base - dt.timedelta(days=1) else value.replace(year=base.year + 1)


def parse_deadline(text: str, base: dt.datetime) -> dt.datetime | None:
    """The promised moment ``text`` names, relative ones counted from ``base`` (the call start);
    None if unreadable (the validation message then shows the accepted shapes)."""
    raw = _normalise(text)
    if not raw:
        return None
    return _relative(raw, base) or _absolute(raw, base)


def pin_deadline(text: str, base: dt.datetime) -> str | None:
    """A relative promise (``明天下午``, ``3个工作日``) as the concrete ``YYYY-MM-DD HH:MM`` it means
    from ``base``; None when ``text`` is empty, already a date, or unreadable (left as typed, so
    the validation can point at it)."""
    raw = _normalise(text)
    if not raw:
        return None
    when = _relative(raw, base)
    return when.strftime("%Y-%m-%d %H:%M") if when else None
