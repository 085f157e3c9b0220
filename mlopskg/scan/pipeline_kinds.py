"""Pipeline kinds from the step names of pipeline definitions (issue 11 item 4, rule (d) of
:mod:`.roles`).

A pipeline definition that an orchestrator's evidence or a pipeline configuration file shows
(``dvc.yaml`` stages, a KFP ``@dsl.pipeline``, an Airflow DAG, a ZenML, Kedro or Metaflow
pipeline, a CI workflow's jobs) is a component of a pipeline kind when its step, stage or
job names hold words of that kind. The component uses the tool that runs the definition;
its evidence is each step name with its line, at confidence 0.6 (a name is a weaker sign
than an API call), and the tool's fit for the kind is left to the validator.

The word lists are format knowledge (what pipeline steps are commonly called), not tool
knowledge; they live here and in docs/scan.md. Names are split into words at case changes,
digits and punctuation (``trainModel``, ``train_candidate``, ``build-image``); a word matches
a stem when it starts with it, or equals it for the stems marked exact.

- ML pipeline kinds, read from an orchestrator's definitions, one definition per file: a
  definition with a training word is a training pipeline only (its data, feature, scoring
  and monitoring steps are steps of that pipeline, as in Google's level-1 training
  pipeline); otherwise every kind whose words occur.
- CI/CD kinds, read from a CI definition, one job or stage at a time: only the build and
  release kinds (a CI job named "train" starts a pipeline that something else defines).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from mlopskg.scan.index import SignatureIndex, kind_iri
from mlopskg.scan.model import Evidence, PipelineStep

NAME = "pipeline-steps"
CONFIDENCE = 0.6

#: kind -> (stems a word starts with, words it equals)
ML_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "TrainingPipeline": (("train", "retrain", "finetun"), ("fit",)),
    "DataPipeline": (("ingest", "extract", "prepar", "preprocess"), ("etl", "elt", "prep")),
    "FeatureEngineeringPipeline": (("featur",), ()),
    "ServingPipeline": (("predict",), ("serve", "serving", "score", "scoring", "inference")),
    "MonitoringPipeline": (("monitor", "drift"), ()),
}
CI_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "BuildPipeline": (("build", "test", "lint", "packag"), ()),
    "ReleasePipeline": (("deploy", "releas", "promot"), ()),
}
#: "validate" next to "data" (validate_data, data-validation) is a data pipeline step.
_VALIDATE_DATA = re.compile(r"\bvalidat\w*\s+data\b|\bdata\s+validat", re.I)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

ORCHESTRATION_KINDS = frozenset({kind_iri("PipelineOrchestrator"), kind_iri("CICDEngine")})
_CICD = kind_iri("CICDEngine")
_TRAINING = "TrainingPipeline"


def words(name: str) -> list[str]:
    """The lower-case words of a step name, split at case changes, digits and punctuation.

    >>> words("trainChurnModel-v2_build")
    ['train', 'churn', 'model', 'v', '2', 'build']
    """
    return [w.lower() for w in _WORD.findall(name)]


def name_kinds(name: str, table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> set[str]:
    """The kinds (local names) whose words the name holds."""
    found: set[str] = set()
    split = words(name)
    for kind, (stems, exact) in table.items():
        if any(w in exact or w.startswith(stems) for w in split):
            found.add(kind)
    if table is ML_WORDS and _VALIDATE_DATA.search(" ".join(split)):
        found.add("DataPipeline")
    return found


def definition_kinds(steps: Iterable[PipelineStep]) -> dict[str, list[PipelineStep]]:
    """The kinds of one file's definition, each with the steps whose names show it."""
    by_kind: dict[str, list[PipelineStep]] = defaultdict(list)
    for step in steps:
        for kind in name_kinds(step.name, CI_WORDS if step.ci else ML_WORDS):
            by_kind[kind].append(step)
    if _TRAINING in by_kind and not any(step.ci for step in by_kind[_TRAINING]):
        return {_TRAINING: by_kind[_TRAINING]}
    return dict(by_kind)


def runs_pipelines(evidence: Evidence, index: SignatureIndex, ci_file: bool) -> bool:
    """Whether this evidence shows a tool that runs the pipeline definitions of its file:
    the file is the tool's configuration file (a CI system's pipeline file, ``dvc.yaml``),
    or (not in a CI file) the tool's evidence there is an orchestrator's role or import."""
    if evidence.hint == _CICD or (evidence.detector == "ml-config" and evidence.line is None):
        return True
    if ci_file:
        return False
    if evidence.kind:
        return evidence.kind in ORCHESTRATION_KINDS
    return bool(index.realised_kinds(evidence.tool) & ORCHESTRATION_KINDS)


def pipeline_evidence(
    steps: Iterable[PipelineStep], evidence: Iterable[Evidence], index: SignatureIndex
) -> list[Evidence]:
    """Evidence of a pipeline kind for each tool that runs a definition with step names of
    that kind (one piece of evidence per step name)."""
    by_file: dict[str, list[PipelineStep]] = defaultdict(list)
    for step in steps:
        by_file[step.file].append(step)
    file_evidence: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        if item.file in by_file:
            file_evidence[item.file].append(item)
    found: list[Evidence] = []
    for file, file_steps in sorted(by_file.items()):
        ci_file = any(step.ci for step in file_steps)
        runners = sorted({e.tool for e in file_evidence[file] if runs_pipelines(e, index, ci_file)})
        if not runners:
            continue
        for kind, supporting in sorted(definition_kinds(file_steps).items()):
            for tool in runners:
                found += [
                    Evidence(tool, s.file, s.line, s.name, NAME, CONFIDENCE, kind_iri(kind))
                    for s in supporting
                ]
    return found
