"""People's words for the things a report names (issue 17, item 2).

Every component kind, flow, requirement and level has a label in the graph; a flow's label
alone ("training pipeline writes metadata to metadata store") does not say where it comes
from, so the report names a flow by its label and its source. Nothing a reader sees is an
IRI's local name.
"""

from __future__ import annotations

from mlopskg.validation.rules import FlowRule, Rules


def flow_name(rule: FlowRule, source_labels: list[str]) -> str:
    """A seed flow in words: its label and the view and source it comes from.

    >>> rule = FlowRule("f", "training pipeline writes metadata to metadata store", (), (), False, ())
    >>> flow_name(rule, ["Kumara et al. (2025)"])
    'training pipeline writes metadata to metadata store (a flow of the pipelines view of Kumara et al. (2025))'
    """
    where = " and ".join(source_labels)
    return f"{rule.label} (a flow of the pipelines view of {where})" if where else rule.label


def flow_names(rules: Rules) -> dict[str, str]:
    """Every seed flow's IRI and its name in words."""
    return {
        rule.flow: flow_name(rule, [rules.label(source) for source in rule.sources])
        for rule in rules.flows
    }
