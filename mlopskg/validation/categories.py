"""The categories of findings, declared once.

A category is what the report groups results by: its key (the JSON ``category``), its
section heading, the ``mlsh:`` shape classes whose results fall in it, and how a result is
completed and written (which kind's tools to suggest, whether it names a missing kind, the
component or the tool it is about). A generated category also says how its shapes are
written and under which comment they open their part of ``reference.ttl``.

Adding a generated category touches three files: its query in
``shapes/architecture/rules/`` (run by :func:`~mlopskg.validation.rules.read_rules`, its
rows in ``Rules.rows``), its shapes writer in :mod:`mlopskg.validation.checks`, and its
declaration here; its severity comes from :mod:`mlopskg.validation.policy`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mlopskg.namespaces import MLSH
from mlopskg.validation.checks.components import presence_shapes
from mlopskg.validation.checks.flows import flow_shapes
from mlopskg.validation.checks.requirements import requirement_shapes
from mlopskg.validation.checks.tools import tool_shapes
from mlopskg.validation.rules import Rules

#: Suggest the tools known for the kind the shape checks (``mlsh:checksKind``).
CHECKED_KIND = "checked kind"
#: Suggest the tools known for the first kind that addresses the requirement (``mlsh:addressedBy``).
ADDRESSING_KIND = "addressing kind"


@dataclass(frozen=True)
class Category:
    """One category of findings (see the module)."""

    key: str
    heading: str
    shape_classes: tuple[str, ...] = ()
    #: A result names the kind that is missing (``missingComponent``).
    names_missing_kind: bool = False
    #: Whose tools a result suggests: CHECKED_KIND, ADDRESSING_KIND or none.
    suggests_for: str = ""
    #: A result's value is a tool a component uses; its message says what the tool is known for.
    about_tool: bool = False
    #: The text report names the result's focus node when it is not the architecture.
    names_focus: bool = False
    #: For a generated category: the comment opening its shapes in reference.ttl, and its writer.
    comment: str = ""
    write: Callable[[Rules], list[str]] | None = None


DESCRIPTION = Category(
    "description",
    "Problems with the description",
    (f"{MLSH}DescriptionCheck",),
    names_focus=True,
)
COMPONENT = Category(
    "component",
    "Missing components",
    (f"{MLSH}ComponentPresenceCheck",),
    names_missing_kind=True,
    suggests_for=CHECKED_KIND,
    comment="Component kinds of the reference architectures",
    write=presence_shapes,
)
FLOW = Category(
    "flow",
    "Missing flows",
    (f"{MLSH}FlowCheck",),
    names_focus=True,
    comment="Flows of the seed reference architecture's pipelines view",
    write=flow_shapes,
)
TOOL = Category(
    "tool",
    "Tools to check",
    (f"{MLSH}ToolFitCheck", f"{MLSH}KnownToolCheck"),
    suggests_for=CHECKED_KIND,
    about_tool=True,
    comment="Tools: known to the graph, and known for the kind they are used as",
    write=tool_shapes,
)
REQUIREMENT = Category(
    "requirement",
    "Requirements and principles no component addresses",
    (f"{MLSH}RequirementCheck",),
    suggests_for=ADDRESSING_KIND,
    comment="Requirements and principles, and the component kinds that address them",
    write=requirement_shapes,
)
#: Results of shapes that belong to no category (a user's own shapes, say).
OTHER = Category("other", "Other results")

#: Every category, in the order of the report's sections.
CATEGORIES = (DESCRIPTION, COMPONENT, FLOW, TOOL, REQUIREMENT, OTHER)
#: The generated categories, in the order of their shapes in reference.ttl.
GENERATED = (COMPONENT, TOOL, FLOW, REQUIREMENT)

_BY_KEY = {category.key: category for category in CATEGORIES}
_BY_SHAPE_CLASS = {shape_class: c for c in CATEGORIES for shape_class in c.shape_classes}


def category_named(key: str) -> Category:
    """The category of a result's key (OTHER for an unknown one).

    >>> category_named("flow").heading, category_named("no such").key
    ('Missing flows', 'other')
    """
    return _BY_KEY.get(key, OTHER)


def category_of_shape_class(shape_class: str) -> Category | None:
    """The category whose results a shape of this class gives, if any."""
    return _BY_SHAPE_CLASS.get(shape_class)


def position(key: str) -> int:
    """Where the category's section stands in the report."""
    return CATEGORIES.index(category_named(key))
