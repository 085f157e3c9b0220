"""The severity policy: how serious each kind of finding is, in one place.

The generated shapes (``shapes/architecture/reference.ttl``) carry these severities, and
``docs/validation.md`` explains them. A component kind missing from a description is rated
by how widely the reference architectures in the graph agree on it:

- **Violation** when at least :data:`ARCHITECTURES_FOR_VIOLATION` reference architectures
  include the kind (a component of that kind or of a narrower one);
- **Info** when the kind is an external actor (a data source, a model consumer): outside
  the platform, and often left out of a description;
- **Warning** for every other kind that a reference architecture includes.

>>> missing_kind_severity(2, external_actor=False), missing_kind_severity(1, external_actor=True)
('Violation', 'Info')
"""

from __future__ import annotations

from typing import Any

from mlopskg.validation.org_policy import Policy

#: How many reference architectures must include a kind for its absence to be a Violation.
ARCHITECTURES_FOR_VIOLATION = 2

#: A kind that only some reference architectures include, or only the seed.
MISSING_KIND = "Warning"
#: A missing external actor (data source, model consumer).
MISSING_EXTERNAL_ACTOR = "Info"
#: A kind that at least ARCHITECTURES_FOR_VIOLATION reference architectures include.
MISSING_SHARED_KIND = "Violation"

#: A tool the graph knows, but not for the kind of the component that uses it.
TOOL_NOT_KNOWN_FOR_KIND = "Warning"
#: A tool the catalogue does not know at all (the catalogue is never complete).
UNKNOWN_TOOL = "Info"
#: A flow of the seed's pipelines view missing while both its ends are present.
MISSING_FLOW = "Warning"
#: A requirement or principle of the literature that no present component addresses.
UNADDRESSED_REQUIREMENT = "Info"
#: A requirement the description itself declares that no present component addresses.
UNADDRESSED_OWN_REQUIREMENT = "Warning"


def missing_kind_severity(including: int, external_actor: bool) -> str:
    """The severity of a missing component kind that ``including`` reference architectures
    include."""
    if including >= ARCHITECTURES_FOR_VIOLATION:
        return MISSING_SHARED_KIND
    if external_actor:
        return MISSING_EXTERNAL_ACTOR
    return MISSING_KIND


#: The policy every severity comes from unless an organisation's policy says otherwise.
DEFAULT_POLICY = "default"


def policy_json(policy: Policy | None = None) -> dict[str, Any]:
    """The policy that decided the report's severities, for the JSON report: the default
    one, or an organisation's (its rules by IRI, its tool lists) over the default."""
    if policy is not None:
        return {
            "name": policy.name,
            "label": policy.label,
            "rules": dict(sorted(policy.rules.items())),
            "allowedTools": sorted(policy.allowed_tools),
            "bannedTools": sorted(policy.banned_tools),
            "over": DEFAULT_POLICY,
        }
    return {
        "name": DEFAULT_POLICY,
        "label": "mlopskg's default severity policy",
        "rule": (
            f"a component kind that at least {ARCHITECTURES_FOR_VIOLATION} reference "
            "architectures include is a Violation when missing; a missing external actor is "
            "Info; every other missing kind, a tool not known for its kind and a missing "
            "flow are Warnings; an unaddressed requirement of the literature is Info"
        ),
    }
