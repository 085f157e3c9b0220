"""The signature index: every tool's patterns compiled into dictionaries and regular
expressions, so that a detector asks "which tool is this package / image / type?" in one
lookup. Built from the graph by :func:`mlopskg.scan.signatures.load_signatures`.

Matching follows the definitions of the signature properties in the ontology: a container
image matches when its repository equals the pattern or ends with "/" and the pattern; '*'
matches any run of characters in images, Terraform and CloudFormation types; in
configuration-file patterns '*' stops at '/', and a pattern with '/' matches the end of the
path; an import matches its module path or a module below it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from mlopskg.namespaces import MLO

#: The signature properties, by local name.
PROPERTIES = (
    "pythonPackage",
    "clientPackage",
    "importName",
    "codePattern",
    "containerImage",
    "helmChart",
    "kubernetesKind",
    "terraformResourceType",
    "cloudFormationType",
    "awsSdkService",
    "ciAction",
    "configFile",
    "cliCommand",
)


@dataclass(frozen=True)
class SignatureMatch:
    """A pattern's tool, and the kind its match evidences when it is a role signature."""

    tool: str
    pattern: str
    prop: str
    kind: str | None = None


@dataclass
class ToolInfo:
    """A tool's label and the component kinds it can serve as (``mlo:realizes``)."""

    label: str
    kinds: frozenset[str] = frozenset()


def normalise_package(name: str) -> str:
    """PEP 503 normalisation: lowercase, runs of '-', '_' and '.' become one '-'.

    >>> normalise_package("Great_Expectations")
    'great-expectations'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def image_repository(reference: str) -> str:
    """The repository of an image reference, without tag or digest.

    >>> image_repository("ghcr.io/mlflow/mlflow:v2.9.2@sha256:abc")
    'ghcr.io/mlflow/mlflow'
    >>> image_repository("localhost:5000/team/api")
    'localhost:5000/team/api'
    """
    repository = reference.split("@", 1)[0]
    slash = repository.rfind("/")
    colon = repository.rfind(":")
    if colon > slash:
        repository = repository[:colon]
    return repository.lower()


def _wildcard_regex(patterns: Iterable[str], star: str) -> re.Pattern[str] | None:
    alternatives = [
        "(?:" + star.join(re.escape(part) for part in pattern.split("*")) + ")"
        for pattern in patterns
    ]
    return re.compile("|".join(alternatives)) if alternatives else None


@dataclass
class _WildcardTable:
    """Exact patterns in a dict; patterns with '*' tried in order as regular expressions."""

    exact: dict[str, list[SignatureMatch]] = field(default_factory=lambda: defaultdict(list))
    wild: list[tuple[re.Pattern[str], SignatureMatch]] = field(default_factory=list)

    def add(self, key: str, match: SignatureMatch, star: str = ".*") -> None:
        if "*" in key:
            regex = _wildcard_regex([key], star)
            assert regex is not None
            self.wild.append((regex, match))
        else:
            self.exact[key].append(match)

    def lookup(self, key: str) -> list[SignatureMatch]:
        found = list(self.exact.get(key, ()))
        found += [match for regex, match in self.wild if regex.fullmatch(key)]
        return found


class SignatureIndex:
    """All signatures, ready for lookups; also the tools' kinds and the kinds' labels."""

    def __init__(
        self,
        matches: Iterable[SignatureMatch],
        tools: dict[str, ToolInfo],
        kind_labels: dict[str, str],
        not_observable: Iterable[str] = (),
    ) -> None:
        self.tools = tools
        self.kind_labels = kind_labels
        self.not_observable = sorted(set(not_observable))
        self.matches = sorted(set(matches), key=lambda m: (m.tool, m.prop, m.pattern, m.kind or ""))
        self._plain: dict[str, dict[str, list[SignatureMatch]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._wild: dict[str, _WildcardTable] = defaultdict(_WildcardTable)
        self._config_names: dict[str, list[SignatureMatch]] = defaultdict(list)
        self._config_globs: list[tuple[re.Pattern[str], SignatureMatch]] = []
        self._config_suffixes: set[str] = set()
        code_patterns: dict[str, list[SignatureMatch]] = defaultdict(list)
        for match in self.matches:
            pattern = match.pattern.strip()
            if not pattern:
                continue
            if match.prop in ("pythonPackage", "clientPackage"):
                self._plain[match.prop][normalise_package(pattern)].append(match)
            elif match.prop == "containerImage":
                self._wild[match.prop].add(pattern.lower(), match)
            elif match.prop in ("terraformResourceType", "cloudFormationType"):
                self._wild[match.prop].add(pattern, match)
            elif match.prop == "configFile":
                self._add_config_file(pattern, match)
            elif match.prop == "codePattern":
                code_patterns[pattern].append(match)
            elif match.prop in ("kubernetesKind", "helmChart", "ciAction", "importName"):
                self._plain[match.prop][pattern].append(match)
            elif match.prop in ("awsSdkService", "cliCommand"):
                self._plain[match.prop][pattern.lower()].append(match)
        self.code_patterns = dict(code_patterns)
        # One Aho-Corasick automaton: a file's text is searched for every pattern in one pass.
        self.code_automaton: ahocorasick.Automaton | None = None
        if self.code_patterns:
            self.code_automaton = ahocorasick.Automaton()
            for pattern in sorted(self.code_patterns):
                self.code_automaton.add_word(pattern, pattern)
            self.code_automaton.make_automaton()
        self.import_roots = {name.split(".")[0] for name in self._plain["importName"]}

    def _add_config_file(self, pattern: str, match: SignatureMatch) -> None:
        if "/" not in pattern and "*" not in pattern:
            self._config_names[pattern].append(match)
            return
        body = "[^/]*".join(re.escape(part) for part in pattern.split("*"))
        # A pattern matches a whole name, or (with '/') the end of the path at a '/'.
        self._config_globs.append((re.compile("(?:^|/)" + body + "$"), match))
        # What follows the last '*' ends every matching path: a cheap test before the regex.
        self._config_suffixes.add(pattern.rsplit("*", 1)[-1])

    # --- lookups ------------------------------------------------------------------------

    def packages(self, name: str) -> list[SignatureMatch]:
        """Tools whose Python package (or client package) this is."""
        key = normalise_package(name)
        return self._plain["pythonPackage"].get(key, []) + self._plain["clientPackage"].get(key, [])

    def imports(self, module: str) -> list[SignatureMatch]:
        """Tools whose import name is this module or a module above it."""
        if module.split(".")[0] not in self.import_roots:
            return []
        parts = module.split(".")
        found: list[SignatureMatch] = []
        for end in range(len(parts), 0, -1):
            found += self._plain["importName"].get(".".join(parts[:end]), [])
        return found

    def images(self, reference: str) -> list[SignatureMatch]:
        """Tools whose container image this reference names."""
        repository = image_repository(reference)
        if not repository:
            return []
        table = self._wild["containerImage"]
        found: list[SignatureMatch] = []
        candidates = [repository]
        candidates += [repository[i + 1 :] for i, c in enumerate(repository) if c == "/"]
        for candidate in candidates:
            found += table.exact.get(candidate, [])
        found += [m for regex, m in table.wild if any(regex.fullmatch(c) for c in candidates)]
        return found

    def terraform_types(self, resource_type: str) -> list[SignatureMatch]:
        return self._wild["terraformResourceType"].lookup(resource_type)

    def cloudformation_types(self, resource_type: str) -> list[SignatureMatch]:
        return self._wild["cloudFormationType"].lookup(resource_type)

    def kubernetes_kinds(self, group_kind: str) -> list[SignatureMatch]:
        return self._plain["kubernetesKind"].get(group_kind, [])

    def helm_charts(self, chart: str) -> list[SignatureMatch]:
        return self._plain["helmChart"].get(chart, [])

    def ci_actions(self, action: str) -> list[SignatureMatch]:
        return self._plain["ciAction"].get(action, [])

    def aws_services(self, service: str) -> list[SignatureMatch]:
        return self._plain["awsSdkService"].get(service.lower(), [])

    def commands(self, word: str) -> list[SignatureMatch]:
        return self._plain["cliCommand"].get(word.lower(), [])

    def config_files(self, path: str) -> list[SignatureMatch]:
        """Tools whose configuration file this path (relative, '/'-separated) is."""
        name = path.rsplit("/", 1)[-1]
        found = list(self._config_names.get(name, ()))
        if self._config_globs and path.endswith(tuple(self._config_suffixes)):
            found += [match for regex, match in self._config_globs if regex.search(path)]
        return found

    def kind_label(self, kind: str) -> str:
        return self.kind_labels.get(kind) or kind.rsplit("#", 1)[-1]

    def tool_label(self, tool: str) -> str:
        info = self.tools.get(tool)
        return info.label if info else tool.rstrip("/").rsplit("/", 1)[-1]

    def realised_kinds(self, tool: str) -> frozenset[str]:
        info = self.tools.get(tool)
        return info.kinds if info else frozenset()

    def __len__(self) -> int:
        return len(self.matches)


def kind_iri(local_name: str) -> str:
    """The IRI of a component kind of the ontology, from its local name."""
    return str(MLO[local_name])
