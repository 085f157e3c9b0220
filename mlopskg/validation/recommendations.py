"""What the described components make possible of the literature's practices and tests.

Some sources give a list of recommendations (``mlo:Recommendation``): the tests of the ML Test
Score rubric (``mlo:ProductionReadinessTest``), the practices of a catalogue
(``mlo:Practice``). The knowledge graph says which component kinds enable each one
(``mlo:enables``; where several do, it needs all of them). Per list, the report gives the
recommendations the architecture's component kinds make possible, those it cannot support
yet with the kinds missing, and how many concern no component kind at all. They are not
requirements: the requirement counts of the report do not include them.

The rows come from ``shapes/architecture/rules/recommendations.rq``, run with the other
rules (:attr:`~mlopskg.validation.rules.Rules.rows`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlopskg.validation.rules import Rules

#: the rules query (``shapes/architecture/rules/<name>.rq``) the lists are read from
QUERY = "recommendations"


@dataclass(frozen=True)
class Recommendation:
    """A practice or test of a list, and the component kinds that enable it."""

    iri: str
    label: str
    notation: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationList:
    """One source's list of practices or tests."""

    source: str
    label: str
    #: "tests" or "practices", as the list's items are typed
    noun: str
    items: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Unsupported:
    """A recommendation the architecture cannot support yet, and the kinds it lacks."""

    recommendation: Recommendation
    missing_kinds: tuple[str, ...]


@dataclass
class ListStanding:
    """Where an architecture stands on one list."""

    listing: RecommendationList
    possible: list[Recommendation] = field(default_factory=list)
    not_yet: list[Unsupported] = field(default_factory=list)
    #: the items no component kind enables (matters of people and process, analyses)
    no_kind: list[Recommendation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.listing.items)


def recommendation_lists(rules: Rules) -> list[RecommendationList]:
    """The lists of the knowledge graph, by source label. A list of tests keeps the
    tests' notations and their order; a list of practices is in the order of their labels.

    >>> rules = Rules([], [], [], [], [], [], {}, {}, {}, {}, {}, {}, {}, rows={QUERY: [
    ...     ["p:b", "B (X)", "B", "1", "true", "s:x", "X", "k:1"],
    ...     ["p:a", "A (X)", "A", "2", "true", "s:x", "X", ""]]})
    >>> [(i.notation, i.label, i.kinds) for i in recommendation_lists(rules)[0].items]
    [('1', 'B', ('k:1',)), ('2', 'A', ())]
    """
    found: dict[str, dict[str, tuple[str, str, set[str]]]] = {}
    list_labels: dict[str, str] = {}
    tests: dict[str, bool] = {}
    for iri, label, short, notation, is_test, source, source_label, kind in rules.rows.get(
        QUERY, []
    ):
        list_labels[source] = source_label or list_labels.get(source, "") or source
        tests[source] = tests.get(source, True) and is_test in ("true", "1")
        _, _, kinds = found.setdefault(source, {}).setdefault(
            iri, (short or label, notation, set())
        )
        if kind:
            kinds.add(kind)
    lists = []
    for source, items in found.items():
        entries = [
            Recommendation(iri, label, notation if tests[source] else "", tuple(sorted(kinds)))
            for iri, (label, notation, kinds) in items.items()
        ]
        entries.sort(key=lambda item: (item.notation, item.label.lower()))
        noun = "tests" if tests[source] else "practices"
        lists.append(RecommendationList(source, list_labels[source], noun, tuple(entries)))
    return sorted(lists, key=lambda found_list: found_list.label.lower())


def standings(lists: list[RecommendationList], present: set[str]) -> list[ListStanding]:
    """Per list, what the present component kinds (with their broader kinds) make possible.

    >>> item = Recommendation("p:a", "A", "", ("k:1", "k:2"))
    >>> lists = [RecommendationList("s:x", "X", "tests", (item,))]
    >>> standings(lists, {"k:1"})[0].not_yet[0].missing_kinds
    ('k:2',)
    >>> len(standings(lists, {"k:1", "k:2"})[0].possible)
    1
    """
    found = []
    for recommendation_list in lists:
        standing = ListStanding(recommendation_list)
        for item in recommendation_list.items:
            missing = tuple(kind for kind in item.kinds if kind not in present)
            if not item.kinds:
                standing.no_kind.append(item)
            elif missing:
                standing.not_yet.append(Unsupported(item, missing))
            else:
                standing.possible.append(item)
        found.append(standing)
    return found


def count_line(standing: ListStanding) -> str:
    """The counts of one list, in words.

    >>> item = Recommendation("p:a", "A", "", ("k:1",))
    >>> count_line(standings([RecommendationList("s:x", "X", "tests", (item,))], set())[0])
    'X: 0 of 1 tests possible; 1 needs component kinds not present'
    """
    noun = standing.listing.noun
    parts = [
        f"{standing.listing.label}: {len(standing.possible)} of {standing.total} {noun} possible"
    ]
    if standing.not_yet:
        verb = "needs" if len(standing.not_yet) == 1 else "need"
        parts.append(f"{len(standing.not_yet)} {verb} component kinds not present")
    if standing.no_kind:
        verb = "concerns" if len(standing.no_kind) == 1 else "concern"
        parts.append(f"{len(standing.no_kind)} {verb} no component kind")
    return "; ".join(parts)


def summary_line(standing: ListStanding) -> str:
    """The summary's line for one list: how many are possible, how many lack kinds.

    >>> item = Recommendation("p:a", "A", "", ("k:1",))
    >>> summary_line(standings([RecommendationList("s:x", "X", "tests", (item,))], set())[0])
    'X: 0 of 1 tests (1 needs kinds not present)'
    """
    line = f"{standing.listing.label}: {len(standing.possible)} of {standing.total} {standing.listing.noun}"
    if standing.not_yet:
        verb = "needs" if len(standing.not_yet) == 1 else "need"
        line += f" ({len(standing.not_yet)} {verb} kinds not present)"
    return line


def item_name(item: Recommendation) -> str:
    """An item as the report names it: its notation (where the list has one) and label."""
    return f"{item.notation} {item.label}" if item.notation else item.label
