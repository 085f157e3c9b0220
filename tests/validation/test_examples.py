"""The examples of examples/ validate with the outcome their header comment promises.

Each example states it in a block of its header, which this module reads::

    # Expected outcome (tests/validation/test_examples.py checks it):
    #   conforms: no
    #   maturity: Google level 0, Microsoft level 0
    #   reported missing: mlo:ModelRegistry, mlo:CICDEngine
    #   not reported missing: mlo:PredictionService
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from mlopskg.cli import main
from mlopskg.namespaces import MLO
from mlopskg.resources import ProjectFiles
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT
from tests.validation.conftest import example

GOOGLE = "https://w3id.org/mlopskg/resource/maturity-model/google-mlops-levels"
MICROSOFT = "https://w3id.org/mlopskg/resource/maturity-model/microsoft-mlops-maturity"
MODELS = {"Google": GOOGLE, "Microsoft": MICROSOFT}

BLOCK_START = "# Expected outcome"
_FIELD = re.compile(r"^#\s+(conforms|maturity|reported missing|not reported missing):\s*(.*)$")
_LEVEL = re.compile(r"^(\w+) level (\d+)$")


class Expectation(NamedTuple):
    """What validating an example gives: whether it conforms, its Google and Microsoft
    levels, kinds reported missing and kinds that must not be (local names under mlo:)."""

    conforms: bool
    google: int
    microsoft: int
    missing: set[str]
    present: set[str]


def _kinds(text: str, where: str) -> set[str]:
    names = {name.strip() for name in text.split(",") if name.strip()}
    if not all(name.startswith("mlo:") for name in names):
        raise ValueError(f"{where}: component kinds are written mlo:Kind, got {text!r}")
    return {name.removeprefix("mlo:") for name in names}


def read_expectation(path: Path) -> Expectation | None:
    """The expected outcome stated in the example's header, or None if it states none."""
    fields: dict[str, tuple[str, str]] = {}
    in_block = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("#"):
            break
        if line.startswith(BLOCK_START):
            in_block = True
        elif in_block and (match := _FIELD.match(line)):
            fields[match[1]] = (match[2], f"{path.name}:{number}")
    if not in_block:
        return None
    absent = {"conforms", "maturity", "reported missing", "not reported missing"} - set(fields)
    if absent:
        raise ValueError(f"{path.name}: the expected outcome lacks {', '.join(sorted(absent))}")
    conforms, where = fields["conforms"]
    if conforms not in ("yes", "no"):
        raise ValueError(f"{where}: conforms is yes or no, got {conforms!r}")
    maturity, where = fields["maturity"]
    levels = {}
    for part in maturity.split(","):
        match = _LEVEL.match(part.strip())
        if not match or match[1] not in MODELS:
            raise ValueError(f"{where}: write the levels as 'Google level N, Microsoft level N'")
        levels[MODELS[match[1]]] = int(match[2])
    return Expectation(
        conforms == "yes",
        levels[GOOGLE],
        levels[MICROSOFT],
        _kinds(*fields["reported missing"]),
        _kinds(*fields["not reported missing"]),
    )


def _expectations() -> dict[str, Expectation]:
    found = {}
    for path in sorted((ROOT / "examples").glob("*.ttl")):
        expectation = read_expectation(path)
        if expectation is not None:
            found[path.stem] = expectation
    return found


#: name -> what its header says validating it gives
EXPECTED = _expectations()


def test_there_are_at_least_six_examples_and_each_is_expected(project: ProjectFiles) -> None:
    names = {path.stem for path in project.examples_dir.glob("*.ttl")}
    assert len(names) >= 6
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outcome(name: str, project: ProjectFiles, validator: Validator) -> None:
    conforms, google, microsoft, missing, present = EXPECTED[name]
    outcome = validator.validate(example(project, name))
    assert len(outcome.reports) == 1
    report = outcome.reports[0]
    assert report.conforms is conforms
    levels = {estimate.model: estimate.level for estimate in report.maturity}
    assert levels == {GOOGLE: google, MICROSOFT: microsoft}
    reported = {r.missing_component for r in report.results if r.missing_component}
    assert {str(MLO[k]) for k in missing} <= reported
    assert not {str(MLO[k]) for k in present} & reported


def test_an_expected_outcome_is_read_from_the_header(tmp_path: Path) -> None:
    path = tmp_path / "platform.ttl"
    path.write_text(
        "# A platform.\n#\n" + BLOCK_START + ":\n#   conforms: yes\n"
        "#   maturity: Microsoft level 3, Google level 1\n"
        "#   reported missing: mlo:FeatureStore, mlo:EventBus\n#   not reported missing:\n"
        "\n@prefix mlo: <https://w3id.org/mlopskg/ontology#> .\n# conforms: no\n"
    )
    assert read_expectation(path) == Expectation(True, 1, 3, {"FeatureStore", "EventBus"}, set())
    path.write_text("# A platform, no expectation.\n@prefix mlo: <x#> .\n")
    assert read_expectation(path) is None


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ("#   conforms: perhaps", "platform.ttl:3: conforms is yes or no"),
        ("#   maturity: level 2", "platform.ttl:4: write the levels as"),
        ("#   reported missing: ModelRegistry", "platform.ttl:5: component kinds are written"),
        ("#   comforms: yes", "platform.ttl: the expected outcome lacks conforms"),
    ],
)
def test_a_malformed_expected_outcome_names_the_line(
    tmp_path: Path, field: str, problem: str
) -> None:
    complete = {
        "conforms": "#   conforms: no",
        "maturity": "#   maturity: Google level 0, Microsoft level 0",
        "reported missing": "#   reported missing: mlo:ModelRegistry",
        "not reported missing": "#   not reported missing: mlo:EventBus",
    }
    name = field.split(":")[0].removeprefix("#").strip()
    complete[name if name in complete else "conforms"] = field
    path = tmp_path / "platform.ttl"
    path.write_text("\n".join(["# A platform.", BLOCK_START + ":", *complete.values()]) + "\n")
    with pytest.raises(ValueError, match=re.escape(problem)):
        read_expectation(path)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_from_the_command_line(
    name: str, project: ProjectFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(project.examples_dir / f"{name}.ttl"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if EXPECTED[name][0] else 1)
    assert report["conforms"] is EXPECTED[name][0]


def test_the_kubernetes_stack_has_every_expected_flow(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "open-source-kubernetes")).reports[0]
    assert report.coverage["flows"]["present"] == report.coverage["flows"]["expected"] > 20
    assert not [r for r in report.results if r.category in ("flow", "tool")]


def test_the_streaming_example_counts_its_own_flow_sub_property(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "streaming-online-learning")).reports[0]
    missing = {r.flow.rsplit("/", 1)[-1] for r in report.results if r.flow}
    # ex:streamsTo (a sub-property of mlo:flowsTo) links stream scoring to the prediction store.
    assert "kumara-2025-stream-serving-pipeline-to-prediction-store" not in missing
    assert "kumara-2025-prediction-store-to-prediction-service" in missing


def test_the_research_extension_checks_its_own_requirements(
    project: ProjectFiles, validator: Validator
) -> None:
    report = validator.validate(example(project, "research-extension")).reports[0]
    user = [r for r in report.results if "UserRequirementShape" in r.shape]
    assert [r.requirements for r in user] == [["https://example.org/lab#audit-trail"]]
    assert user[0].severity == "Warning"
    assert report.coverage["requirements"]["checked"] == len(validator.rules.requirements) + 2
