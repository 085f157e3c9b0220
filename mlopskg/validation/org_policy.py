"""An organisation's validation policy: its own severities and tool lists (issue 17, item 3).

A policy sets, per component kind, flow or requirement, how serious a finding is for the
organisation (``required``: a Violation; ``recommended``: a Warning; ``not applicable``:
no finding), and which tools it allows or bans. It is read from Turtle (the ``mlo:``
vocabulary: ``mlo:ValidationPolicy``, ``mlo:hasPolicyRule``, ``mlo:ruleAbout``,
``mlo:ruleSeverity``, ``mlo:allowsTool``, ``mlo:bansTool``) or from a small YAML form::

    label: Batch-only team
    components: {PredictionService: not applicable, BatchServingPipeline: required}
    flows: {"flow:kumara-2025-training-pipeline-to-metadata-store": recommended}
    requirements: {"principle:kreuzberger-2023-p9": required}
    tools: {banned: [tool:some-tool], allowed: []}

Names are IRIs, prefixed names (``mlo:``, ``tool:``, ``flow:``, ``req:``, ``principle:``)
or, for a component kind, its bare class name. The built-in profiles are in ``policies/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from mlopskg.errors import MlopsKGError
from mlopskg.namespaces import MLO, PREFIXES

#: What each policy severity makes of a finding (None: no finding).
SEVERITY_OF = {"required": "Violation", "recommended": "Warning", "not applicable": None}
_TURTLE_SEVERITY = {
    f"{MLO}required": "required",
    f"{MLO}recommended": "recommended",
    f"{MLO}notApplicable": "not applicable",
}
#: Where the built-in profiles live, under the project root.
PROFILES_FOLDER = "policies"


class PolicyError(MlopsKGError):
    """A policy file that cannot be read or says something the validator cannot apply."""


@dataclass(frozen=True)
class Policy:
    """A validation policy: severities by the IRI they are about, and tool lists."""

    name: str
    label: str
    rules: dict[str, str] = field(default_factory=dict)
    allowed_tools: frozenset[str] = frozenset()
    banned_tools: frozenset[str] = frozenset()

    def severity(self, about: str | None) -> tuple[bool, str | None]:
        """Whether the policy has a rule about ``about``, and the severity it sets."""
        if about and about in self.rules:
            return True, SEVERITY_OF[self.rules[about]]
        return False, None


def expand(name: str, where: str, component: bool = False) -> str:
    """An IRI from a name in a policy file.

    >>> expand("FeatureStore", "x", component=True)
    'https://w3id.org/mlopskg/ontology#FeatureStore'
    >>> expand("tool:mlflow", "x")
    'https://w3id.org/mlopskg/resource/tool/mlflow'
    """
    name = str(name).strip()
    if name.startswith(("http://", "https://")):
        return name
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    if component and not colon and name.isidentifier():
        return f"{MLO}{name}"
    raise PolicyError(f"{where}: cannot read {name!r} as an IRI or a prefixed name")


def _severity(value: Any, where: str) -> str:
    words = str(value).strip().lower().replace("-", " ").replace("_", " ")
    if words not in SEVERITY_OF:
        raise PolicyError(
            f"{where}: severity {value!r} is not one of required, recommended, not applicable"
        )
    return words


def _yaml_policy(path: Path, text: str) -> Policy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PolicyError(f"{path}{line}: not valid YAML") from error
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: a policy is a mapping (label, components, flows, ...)")
    unknown = set(data) - {"label", "components", "flows", "requirements", "tools"}
    if unknown:
        raise PolicyError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    rules: dict[str, str] = {}
    for key in ("components", "flows", "requirements"):
        section = data.get(key) or {}
        if not isinstance(section, dict):
            raise PolicyError(f"{path}: '{key}' maps names to severities")
        for name, value in section.items():
            where = f"{path}: {key}.{name}"
            rules[expand(name, where, component=key == "components")] = _severity(value, where)
    tools = data.get("tools") or {}
    if not isinstance(tools, dict) or set(tools) - {"allowed", "banned"}:
        raise PolicyError(f"{path}: 'tools' has the lists 'allowed' and 'banned'")
    lists = {
        which: frozenset(expand(t, f"{path}: tools.{which}") for t in tools.get(which) or [])
        for which in ("allowed", "banned")
    }
    return Policy(
        path.stem, str(data.get("label") or path.stem), rules, lists["allowed"], lists["banned"]
    )


_TURTLE_QUERY = f"""PREFIX mlo: <{MLO}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?policy ?label ?about ?severity ?allowed ?banned WHERE {{
  ?policy a mlo:ValidationPolicy .
  OPTIONAL {{ ?policy rdfs:label ?label }}
  OPTIONAL {{ ?policy mlo:hasPolicyRule ?rule .
             OPTIONAL {{ ?rule mlo:ruleAbout ?about }} OPTIONAL {{ ?rule mlo:ruleSeverity ?severity }} }}
  OPTIONAL {{ ?policy mlo:allowsTool ?allowed }}
  OPTIONAL {{ ?policy mlo:bansTool ?banned }}
}}"""


def _turtle_policy(path: Path, text: str) -> Policy:
    store = ox.Store()
    try:
        store.load(text.encode(), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except SyntaxError as error:
        raise PolicyError(f"{path}: not valid Turtle: {error}") from error
    solutions = list(store.query(_TURTLE_QUERY))  # type: ignore[arg-type]
    policies = {row["policy"].value for row in solutions}
    if len(policies) != 1:
        raise PolicyError(f"{path}: holds {len(policies)} mlo:ValidationPolicy; give exactly one")
    label, rules, allowed, banned = path.stem, {}, set(), set()
    for row in solutions:
        if row["label"] is not None:
            label = row["label"].value
        about, severity = row["about"], row["severity"]
        if (about is None) != (severity is None):
            raise PolicyError(
                f"{path}: a mlo:PolicyRule needs one mlo:ruleAbout and one mlo:ruleSeverity"
            )
        if about is not None and severity is not None:
            if severity.value not in _TURTLE_SEVERITY:
                raise PolicyError(f"{path}: unknown severity <{severity.value}>")
            rules[about.value] = _TURTLE_SEVERITY[severity.value]
        if row["allowed"] is not None:
            allowed.add(row["allowed"].value)
        if row["banned"] is not None:
            banned.add(row["banned"].value)
    return Policy(path.stem, label, rules, frozenset(allowed), frozenset(banned))


def read_policy(path: Path) -> Policy:
    """A policy from a ``.ttl`` (Turtle) or ``.yaml``/``.yml`` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"{path}: cannot read the policy: {error.strerror}") from error
    if path.suffix == ".ttl":
        return _turtle_policy(path, text)
    if path.suffix in {".yaml", ".yml"}:
        return _yaml_policy(path, text)
    raise PolicyError(f"{path}: a policy is a .ttl (Turtle) or .yaml file")


def builtin_profiles(root: Path) -> dict[str, Path]:
    """The built-in profiles by name (the file's stem)."""
    folder = root / PROFILES_FOLDER
    files = sorted(folder.glob("*.ttl")) + sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return {path.stem: path for path in files}


def find_policy(root: Path, name_or_file: str) -> Policy:
    """A built-in profile by name, or a policy file by path."""
    profiles = builtin_profiles(root)
    if name_or_file in profiles:
        return read_policy(profiles[name_or_file])
    path = Path(name_or_file)
    if path.suffix and path.exists():
        return read_policy(path)
    known = ", ".join(profiles) or "none"
    raise PolicyError(f"no policy file or built-in profile {name_or_file!r} (profiles: {known})")
