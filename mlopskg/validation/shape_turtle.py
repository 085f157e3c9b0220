"""Small pieces of readable Turtle that the generated shapes are written with.

>>> iri("https://w3id.org/mlopskg/ontology#ModelRegistry"), literal('say "hi"')
('mlo:ModelRegistry', '"say \\\\"hi\\\\""')
>>> kind_labels(lambda iri: iri[-1], ["a", "b", "c"])
'a, b or c'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mlopskg.namespaces import MLSH, PREFIXES

MLSH_NS = str(MLSH)

#: The component kinds of an architecture, narrower kinds counting as the broader ones
#: (derived before validation: mlopskg.validation.derived).
KINDS_OF_COMPONENTS = "mlsh:componentKind"
#: A node's kinds and their broader kinds, as a SHACL path.
KINDS = "( rdf:type [ sh:zeroOrMorePath rdfs:subClassOf ] )"

_PREFIXED = ("mlo", "mlsh", "tool", "src", "req", "principle", "flow")
_NAMESPACES = sorted(((PREFIXES[p], p) for p in _PREFIXED), key=lambda pair: -len(pair[0]))


def literal(text: str) -> str:
    """A Turtle string literal."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def iri(value: str) -> str:
    """A prefixed name where the local part allows one, else an IRI reference."""
    for namespace, prefix in _NAMESPACES:
        local = value[len(namespace) :]
        if value.startswith(namespace) and local.replace("-", "").replace("_", "").isalnum():
            return f"{prefix}:{local}"
    return f"<{value}>"


def iris(values: Iterable[str], separator: str = " , ") -> str:
    """Several IRIs, as the objects of one predicate."""
    return separator.join(iri(value) for value in values)


def iri_list(values: Iterable[str]) -> str:
    """Several IRIs, as the members of an RDF list."""
    return iris(values, " ")


def add_statement(lines: list[str], statement: str) -> None:
    """Add a predicate and its objects to the shape whose lines these are."""
    lines[-1] += " ;"
    lines.append(statement)


def with_optional_links(lines: list[str], links: Iterable[tuple[str, Iterable[str]]]) -> str:
    """The shape's lines with each (predicate, objects) that has objects, ended with a dot."""
    for predicate, objects in links:
        values = list(objects)
        if values:
            add_statement(lines, f"    {predicate} {iris(values)}")
    return "\n".join(lines) + " .\n"


def shape_text(
    head: str,
    name: str,
    constraints: list[str],
    closing: tuple[str, str, list[str]],
    links: Iterable[tuple[str, Iterable[str]]] = (),
) -> str:
    """A shape: ``head`` ("mlsh:X a sh:PropertyShape , mlsh:SomeCheck"), its ``sh:name``, its
    target and constraints (each "predicate objects"), then ``closing`` (its severity, its
    message and its annotations) and the links that have objects."""
    severity, message, annotations = closing
    statements = [
        f"sh:name {literal(name)}",
        *constraints,
        f"sh:severity sh:{severity}",
        f"sh:message {literal(message)}",
        *annotations,
    ]
    lines = [f"{head} ;", *(f"    {statement} ;" for statement in statements)]
    lines[-1] = lines[-1].removesuffix(" ;")
    return with_optional_links(lines, links)


def article(label: str) -> str:
    """'a' or 'an', by the label's first letter."""
    return "an" if label[:1].lower() in "aeiou" else "a"


def kind_labels(label: Callable[[str], str], kinds: Iterable[str]) -> str:
    """'A, B or C': the labels of the kinds, for a message."""
    names = [label(kind) for kind in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
