"""What a plan is made of: constraints, candidate tools, gaps, the chosen tools and why."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mlopskg.errors import MlopsKGError
from mlopskg.namespaces import expand
from mlopskg.validation.report import STALE_AFTER_DAYS


@dataclass(frozen=True)
class PlanConstraints:
    """The team's constraints (``mlopskg plan`` options)."""

    open_source_only: bool = False
    allowed_licences: tuple[str, ...] = ()  # SPDX ids; empty: any
    cloud: str | None = None  # aws, gcp, azure, none; None: any
    keep_tools: bool = False  # tools in use stay candidates even where a constraint excludes them
    exclude: tuple[str, ...] = ()  # tool IRIs
    severity: str = "violation"  # the gaps to fill: violation, or warning (violations too)
    max_tools: int | None = None
    allowed_tools: tuple[str, ...] = ()  # a policy's allow-list (tool IRIs); empty: any


@dataclass(frozen=True)
class Licence:
    """A tool's licence as its latest dated statement gives it."""

    kind: str | None  # local name: openSource, openCore, sourceAvailable, commercial
    text: str
    spdx: str | None
    checked_on: str | None


@dataclass
class Candidate:
    """A tool that could fill one or more gaps, with the facts the plan weighs."""

    iri: str
    label: str
    kinds: set[str] = field(default_factory=set)  # the gap kinds it can fill
    sources: list[str] = field(default_factory=list)  # labels of the sources naming it
    licence: Licence | None = None
    clouds: set[str] = field(default_factory=set)  # local names: aws, gcp, azure
    latest_release: str | None = None  # ISO date
    in_use: bool = False

    def maintained(self, today: datetime.date) -> bool | None:
        """False when the latest release is older than 24 months; None when unknown."""
        if not self.latest_release:
            return None
        released = datetime.date.fromisoformat(self.latest_release)
        return (today - released).days <= STALE_AFTER_DAYS

    @property
    def open_source(self) -> bool:
        return self.licence is not None and self.licence.kind in ("openSource", "openCore")


@dataclass(frozen=True)
class Gap:
    """A component kind the architecture lacks, at the severity the report gave it."""

    kind: str
    label: str
    severity: str


@dataclass(frozen=True)
class Exclusion:
    """A candidate a constraint removed from a gap."""

    tool: str
    label: str
    reason: str  # the constraint, in words


@dataclass
class ChosenTool:
    """A tool of the plan: the gaps it fills, whether it is new, and who else could."""

    candidate: Candidate
    fills: list[Gap]
    new: bool
    runners_up: dict[str, list[Candidate]] = field(default_factory=dict)  # gap kind -> others


@dataclass
class Plan:
    """The chosen tools, the gaps no allowed tool fills, and why."""

    gaps: list[Gap]
    chosen: list[ChosenTool]
    unfilled: list[Gap]
    exclusions: dict[str, list[Exclusion]]  # gap kind -> candidates a constraint removed
    left_out: dict[str, list[str]]  # unfilled gap kind -> allowed candidates --max-tools left out
    constraints: PlanConstraints
    optimal: bool
    solver: str

    @property
    def new_tools(self) -> int:
        return sum(1 for c in self.chosen if c.new)


CLOUDS = ("aws", "gcp", "azure", "none")


def constraints_from(values: Mapping[str, Any]) -> PlanConstraints:
    """Constraints from option or form values (names as in :class:`PlanConstraints`, with
    ``allow_licence`` for the licences); bad values raise :class:`MlopsKGError` naming them."""
    excluded = []
    for name in values.get("exclude") or ():
        iri = name if str(name).startswith(("http://", "https://")) else expand(str(name))
        if iri is None:
            raise MlopsKGError(f"exclude: {name!r} is not a prefixed name (tool:slug) or an IRI")
        excluded.append(iri)
    cloud = values.get("cloud") or None
    if cloud is not None and cloud not in CLOUDS:
        raise MlopsKGError(f"cloud: {cloud!r} is not one of {', '.join(CLOUDS)}")
    severity = values.get("severity") or "violation"
    if severity not in ("violation", "warning"):
        raise MlopsKGError(f"severity: {severity!r} is not 'violation' or 'warning'")
    max_tools = values.get("max_tools")
    if max_tools is not None and max_tools != "":
        try:
            max_tools = int(max_tools)
        except (TypeError, ValueError):
            raise MlopsKGError(f"max_tools: {max_tools!r} is not a whole number") from None
        if not 0 <= max_tools <= 1000:
            raise MlopsKGError(f"max_tools: {max_tools} is not between 0 and 1000")
    else:
        max_tools = None
    return PlanConstraints(
        open_source_only=_flag(values.get("open_source_only")),
        allowed_licences=tuple(str(v) for v in values.get("allow_licence") or () if v),
        cloud=cloud,
        keep_tools=_flag(values.get("keep_tools")),
        exclude=tuple(excluded),
        severity=severity,
        max_tools=max_tools,
    )


def _flag(value: object) -> bool:
    return value is True or str(value).lower() in ("1", "true", "yes", "on")
