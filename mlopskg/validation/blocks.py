"""The blocks of the reference architecture a report groups its details by.

A block is a direct subclass of ``mlo:Component`` in the ontology (pipelines, platform
services, infrastructure, automation, governance, triggers, external actors, additional
capabilities); every component kind falls in the block above it. The layout also knows
which seed flows touch each kind, so that an absent component's entry can say which flows
it would take part in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlopskg.namespaces import MLO
from mlopskg.validation.rules import Rules

#: The blocks in the order of the seed's views; a block not listed here comes after them.
BLOCK_ORDER = tuple(
    f"{MLO}{name}"
    for name in (
        "Pipeline",
        "PlatformService",
        "InfrastructureResource",
        "AutomationComponent",
        "GovernanceComponent",
        "PipelineTrigger",
        "ExternalActor",
        "AdditionalCapability",
    )
)


@dataclass(frozen=True)
class Layout:
    """Blocks in reading order, the block of each kind, and the seed flows touching a kind."""

    blocks: tuple[str, ...] = ()
    block_of: dict[str, str] = field(default_factory=dict)
    flows_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: a seed flow's own label, without its source (the entry names the source once)
    flow_labels: dict[str, str] = field(default_factory=dict)

    def block(self, kind: str | None) -> str | None:
        """The block a kind falls in (None for no kind or an unknown one)."""
        return self.block_of.get(kind or "")


def _rank(block: str) -> tuple[int, str]:
    return (BLOCK_ORDER.index(block) if block in BLOCK_ORDER else len(BLOCK_ORDER), block)


def architecture_layout(rules: Rules) -> Layout:
    """The layout read from the rules' kind hierarchy (``broader`` excludes mlo:Component)."""
    tops = sorted((kind for kind, up in rules.broader.items() if not up), key=_rank)
    block_of: dict[str, str] = {}
    for kind, up in rules.broader.items():
        above = [top for top in tops if top == kind or top in up]
        if above:
            block_of[kind] = above[0]
    flows_of: dict[str, list[str]] = {}
    for flow in rules.flows:
        for kind in {*flow.from_kinds, *flow.to_kinds}:
            flows_of.setdefault(kind, []).append(flow.flow)
    flows = {k: tuple(v) for k, v in flows_of.items()}
    return Layout(tuple(tops), block_of, flows, {f.flow: f.label for f in rules.flows})


def block_heading(label: str) -> str:
    """A block's heading from its class label: "platform service" -> "Platform services".

    >>> block_heading("additional capability"), block_heading("pipeline")
    ('Additional capabilities', 'Pipelines')
    """
    plural = label[:-1] + "ies" if label.endswith("y") else label + "s"
    return plural[:1].upper() + plural[1:]
