"""Quality checks of the ontology and the graph: ``mlopskg check``.

Three kinds: the ``ontology/qc/*-violation.rq`` queries (each must return no rows), the
integrity shapes, and the HermiT reasoner (consistency, no unsatisfiable class).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlopskg.graph.integrity import IntegrityProblem, check_integrity
from mlopskg.ontology_tools.reasoning import ReasonerReport, check_with_hermit
from mlopskg.queries.library import CuratedQuery, load_queries, run_query
from mlopskg.queries.results import to_table
from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore


@dataclass(frozen=True)
class QcViolation:
    """One row of a ``*-violation.rq`` query."""

    check: str
    term: str
    problem: str


@dataclass
class CheckReport:
    """What ``mlopskg check`` found."""

    qc_checks: list[str] = field(default_factory=list)
    qc_violations: list[QcViolation] = field(default_factory=list)
    integrity_problems: list[IntegrityProblem] = field(default_factory=list)
    reasoner: ReasonerReport | None = None

    @property
    def ok(self) -> bool:
        return (
            not self.qc_violations
            and not [p for p in self.integrity_problems if p.severity == "Violation"]
            and (self.reasoner is None or self.reasoner.ok)
        )

    def lines(self, most: int = 20) -> list[str]:
        """The report as ``mlopskg check`` prints it: a line a check, ``ok`` or ``FAIL``,
        with up to ``most`` offending terms under each failed one."""
        out: list[str] = []
        for name in self.qc_checks:
            rows = [v for v in self.qc_violations if v.check == name]
            out.append(_status_line(name, len(rows)))
            out += [f"       {row.term}: {row.problem}" for row in rows[:most]]
        violations = [p for p in self.integrity_problems if p.severity == "Violation"]
        out.append(_status_line("integrity shapes", len(violations)))
        out += [f"       {p.focus_node}: {p.message}" for p in violations[:most]]
        if self.reasoner is not None:
            r = self.reasoner
            state = "consistent" if r.consistent else f"INCONSISTENT ({r.detail})"
            unsat = (
                f"; unsatisfiable: {', '.join(r.unsatisfiable_classes)}"
                if r.unsatisfiable_classes
                else "; no unsatisfiable class"
            )
            out.append(f"{'ok  ' if r.ok else 'FAIL'} HermiT: {state}{unsat}")
        return out


def _status_line(check: str, violations: int) -> str:
    if not violations:
        return f"ok   {check}"
    return f"FAIL {check}: {violations} violation(s)"


def qc_queries(project: ProjectFiles) -> list[CuratedQuery]:
    """The ontology's quality-check queries, ``*-violation.rq``."""
    return [q for q in load_queries(project.qc_dir).values() if q.name.endswith("-violation")]


def run_qc(store: EmbeddedStore, queries: list[CuratedQuery]) -> list[QcViolation]:
    """Run each violation query; every row it returns is a violation."""
    violations = []
    for query in queries:
        table = to_table(run_query(store, query))
        for row in table.rows:
            values = dict(zip(table.variables, row, strict=True))
            violations.append(
                QcViolation(query.name, values.get("term", ""), values.get("problem", ""))
            )
    return violations


def run_checks(
    project: ProjectFiles,
    store: EmbeddedStore,
    *,
    reasoner: bool = True,
    ontology: Path | None = None,
) -> CheckReport:
    """Run every check on a built store (and the reasoner on the ontology source)."""
    queries = qc_queries(project)
    report = CheckReport(qc_checks=[q.name for q in queries])
    report.qc_violations = run_qc(store, queries)
    report.integrity_problems = check_integrity(
        store, sorted(project.integrity_shapes_dir.glob("*.ttl"))
    )
    if reasoner:
        report.reasoner = check_with_hermit(ontology or project.ontology_source)
    return report
