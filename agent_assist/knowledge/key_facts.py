"""The 关键信息 block of a process: fee, time limit, documents, channel, identity check.

An agent mid-call needs five answers before anything else: 收费吗？多久？带什么？在哪办？要核验
什么？They live in the front matter (``key_facts:``) rather than scattered through the body, so
the quick card can show them first and ``lint-kb`` can compare the same fact across processes::

    key_facts:
      fee: 免费                                   # plain text …
      time_limit: {携转完成: 新运营商受理后一般24小时内}   # … or named items, compared KB-wide
      documents: 机主本人有效身份证件原件
      channel: 短信 SQXZ#姓名#证件号码 到10086；新运营商营业厅
      identity: 机主本人；服务密码或短信验证码（键盘输入）

A value may hold slots the centre fills with its local figure: ``【本地：补卡工本费】``. A KB
folder's ``local_facts.yaml`` (``补卡工本费: 免费``) fills them everywhere at once; an unfilled slot
stays visible, so nobody reads a made-up number as policy.

Named items (``{项目: 值}``) are what the linter compares: two processes giving the same item of
the same field different values contradict each other (来电提醒 2元 here, 5元 there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

#: front-matter key → the label agents see, in the order the card shows them
KEY_FACT_FIELDS: dict[str, str] = {
    "fee": "费用",
    "time_limit": "时限",
    "documents": "证件材料",
    "channel": "办理渠道",
    "identity": "身份核验",
}
#: fields whose named items are compared across the KB
COMPARED_FIELDS = ("fee", "time_limit")
SLOT = re.compile(r"【本地[：:]\s*([^】]+?)\s*】")


@dataclass(frozen=True)
class KeyFact:
    """One field of the block: ``items`` are (name, value) pairs; name ``""`` is plain text."""

    field: str
    items: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return KEY_FACT_FIELDS.get(self.field, self.field)

    def text(self, local: dict[str, str] | None = None) -> str:
        parts = [f"{n}：{v}" if n else v for n, v in self.items]
        return fill_slots("；".join(parts), local)


@dataclass(frozen=True)
class KeyFacts:
    facts: tuple[KeyFact, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.facts)

    def __iter__(self) -> Iterator[KeyFact]:
        return iter(self.facts)

    def get(self, field: str) -> KeyFact | None:
        return next((f for f in self.facts if f.field == field), None)

    def slots(self) -> list[str]:
        """Names of the local slots used, in order, without repeats."""
        seen: dict[str, None] = {}
        for fact in self.facts:
            for _name, value in fact.items:
                for m in SLOT.finditer(value):
                    seen.setdefault(m.group(1), None)
        return list(seen)


def fill_slots(text: str, local: dict[str, str] | None = None) -> str:
    """Replace each ``【本地：名称】`` the centre has a value for; leave the others visible."""
    if not local:
        return text
    return SLOT.sub(lambda m: local.get(m.group(1), m.group(0)), text)


def parse_key_facts(value: object) -> tuple[KeyFacts, list[tuple[str, str]]]:
    """Front-matter ``key_facts`` → :class:`KeyFacts` and ``(message, severity)`` problems.

    Nothing here is fatal for the process: a bad field is dropped with a message, the rest stays.
    """
    if value is None:
        return KeyFacts(), []
    if not isinstance(value, dict):
        return KeyFacts(), [
            ("key_facts must be a mapping: fee, time_limit, documents, channel, identity", "error")
        ]
    problems: list[tuple[str, str]] = []
    facts: list[KeyFact] = []
    for key in value:
        if key not in KEY_FACT_FIELDS:
            problems.append(
                (
                    f"key_facts: unknown field {key!r} (ignored); known: "
                    + ", ".join(KEY_FACT_FIELDS),
                    "warning",
                )
            )
    for key in KEY_FACT_FIELDS:
        if key not in value:
            continue
        items = _items(value[key])
        if items is None:
            problems.append(
                (
                    f"key_facts.{key} must be text, a list of texts or a mapping 项目: 值",
                    "error",
                )
            )
            continue
        if items:
            facts.append(KeyFact(key, items))
    return KeyFacts(tuple(facts)), problems


def _items(raw: object) -> tuple[tuple[str, str], ...] | None:
    if isinstance(raw, (str, int, float)):
        text = str(raw).strip()
        return (("", text),) if text else ()
    if isinstance(raw, list) and all(isinstance(x, (str, int, float)) for x in raw):
        return tuple(("", str(x).strip()) for x in raw if str(x).strip())
    if isinstance(raw, dict) and all(isinstance(v, (str, int, float)) for v in raw.values()):
        return tuple((str(k).strip(), str(v).strip()) for k, v in raw.items() if str(v).strip())
    return None


def local_facts(root: Path | str | None) -> dict[str, str]:
    """The centre's own slot values (``local_facts.yaml`` in its KB folder; none in the sample).

    A broken file gives no values (slots stay visible) rather than stopping the app."""
    if root is None:
        return {}
    path = Path(root) / "local_facts.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k).strip(): str(v).strip() for k, v in data.items() if v is not None}
