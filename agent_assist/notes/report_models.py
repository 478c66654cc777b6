"""The answers of the call-listening reports, as plain dataclasses.

The GUI charts them, the CLI prints them as text or JSON (``to_dict``) — one computation, two
views. Shares are fractions (0.25 = 25 %); rounding is left to whoever displays them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ParetoRow:
    code: int
    name: str
    count: int
    share: float  # of all code mentions (a call with two codes counts for both)
    cumulative: float


@dataclass(frozen=True)
class Pareto:
    mentions: int
    rows: list[ParetoRow]

    def vital_few(self, cutoff: float = 0.8) -> list[ParetoRow]:
        """The codes that together make up ``cutoff`` of all mentions (the 80/20 "vital few")."""
        out = []
        for row in self.rows:
            out.append(row)
            if row.cumulative >= cutoff - 1e-9:
                break
        return out


@dataclass(frozen=True)
class CodeRate:
    code: int
    name: str
    calls: int
    hits: int
    rate: float


@dataclass(frozen=True)
class RepeatCalls:
    calls: int
    repeat_calls: int
    rate: float
    avg_previous_calls: float  # among repeat calls: how many times they had called before
    by_code: list[CodeRate]  # repeat rate per reason code, highest first


@dataclass(frozen=True)
class EmotionShift:
    """``matrix[i][j]`` = calls that started in ``labels[i]`` and ended in ``labels[j]``."""

    labels: list[str]
    matrix: list[list[int]]
    calls: int
    improved: int
    same: int
    worse: int


@dataclass(frozen=True)
class DepartmentRow:
    department: str
    count: int
    share: float  # of the calls caused by other departments


@dataclass(frozen=True)
class OtherDepartments:
    calls: int
    caused: int
    share: float
    by_department: list[DepartmentRow]


@dataclass(frozen=True)
class Resolution:
    calls: int
    resolved: int
    resolved_rate: float  # resolved on this call, all calls
    first_calls: int
    first_call_resolved: int
    fcr_rate: float  # first-call resolution: first calls resolved on that call


@dataclass(frozen=True)
class Escalations:
    calls: int
    escalated: int
    rate: float
    by_target: list[DepartmentRow]  # department = whom it went to


@dataclass(frozen=True)
class CostRow:
    code: int
    name: str
    calls: int
    avg_minutes: float  # average handling time of calls with this code
    minutes: float  # minutes attributed to this code (a call's time split over its codes)
    cost: float  # minutes × cost per minute


@dataclass(frozen=True)
class HandlingCost:
    cost_per_minute: float
    calls: int
    avg_minutes: float
    total_minutes: float
    total_cost: float
    rows: list[CostRow]  # most expensive first; the ``cost`` column sums to ``total_cost``


@dataclass(frozen=True)
class GridRow:
    """How the notes of one reason rated it; ``quadrant`` is the majority (customer, company)."""

    code: int
    name: str
    assessed: int
    counts: dict[str, int]  # "价值/烦扰" (customer/company) → calls
    customer: str
    company: str


@dataclass(frozen=True)
class ValueGrid:
    rows: list[GridRow]
    cells: dict[str, list[int]]  # "价值/价值" … → codes whose majority falls in that cell

    def cell(self, customer: str, company: str) -> list[int]:
        return self.cells.get(f"{customer}/{company}", [])


@dataclass(frozen=True)
class FollowUpSummary:
    total: int
    open: int
    overdue: int
    closed: int
    avg_satisfaction: float | None


@dataclass
class NotesReport:
    date_from: str | None
    date_to: str | None
    calls: int
    pareto: Pareto
    repeat: RepeatCalls
    emotions: EmotionShift
    departments: OtherDepartments
    resolution: Resolution
    escalations: Escalations
    cost: HandlingCost
    grid: ValueGrid
    followups: FollowUpSummary
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
