"""Organisation policies (issue 17, item 3): each rule kind (component, flow, requirement,
banned and allowed tools) from YAML and Turtle, from the command line and the server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mlopskg.api import ServerSettings, create_app
from mlopskg.cli import main
from mlopskg.graph.build import BuildResult
from mlopskg.resources import ProjectFiles
from mlopskg.validation.org_policy import PolicyError, builtin_profiles, read_policy
from mlopskg.validation.policy_apply import apply_policy
from mlopskg.validation.render import render
from mlopskg.validation.validator import Validator
from tests.conftest import ROOT
from tests.validation.conftest import example

MLO = "https://w3id.org/mlopskg/ontology#"
AWS = ROOT / "examples" / "managed-cloud-aws.ttl"
SCANNED = ROOT / "benchmarks" / "scan-corpus" / "mlflow-dvc-github-actions"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def policy_file(tmp_path: Path, text: str, name: str = "ours.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def json_report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = cli(capsys, "validate", str(AWS), "--format", "json", *args)
    return code, json.loads(out)


def test_a_component_rule_makes_a_violation_and_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, before = json_report(capsys)
    assert code == 0 and before["conforms"] is True
    missing = {r["missingComponent"]: r["severity"] for r in before["results"]}
    assert missing[f"{MLO}DataPipeline"] == "Warning"
    path = policy_file(tmp_path, "label: Data team\ncomponents:\n  DataPipeline: required\n")
    code, after = json_report(capsys, "--policy", str(path))
    assert code == 1 and after["conforms"] is False
    result = next(r for r in after["results"] if r["missingComponent"] == f"{MLO}DataPipeline")
    assert result["severity"] == "Violation" and result["decidedBy"] == "ours"
    others = [r for r in after["results"] if r["missingComponent"] != f"{MLO}DataPipeline"]
    assert {r["decidedBy"] for r in others} == {"default"}
    assert after["policy"]["label"] == "Data team" and after["policy"]["over"] == "default"
    _, text, _ = cli(capsys, "validate", str(AWS), "--policy", str(path))
    assert "Severity set by the policy Data team" in text
    assert "severities: the policy Data team" in text


def test_not_applicable_drops_the_finding_and_the_move(
    project: ProjectFiles, validator: Validator, tmp_path: Path
) -> None:
    outcome = validator.validate(example(project, "managed-cloud-aws"))
    kind = f"{MLO}ApplicationCodeVersionControl"
    assert any(r.missing_component == kind for r in outcome.reports[0].results)
    path = policy_file(tmp_path, "components:\n  ApplicationCodeVersionControl: not applicable\n")
    after = apply_policy(outcome, read_policy(path))
    assert not any(r.missing_component == kind for r in after.reports[0].results)
    data = json.loads(render(after, "json"))
    assert kind not in {move["target"] for move in data["moves"]}


def test_a_flow_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, before = json_report(capsys)
    flows = [r for r in before["results"] if r.get("missingFlow")]
    assert flows and all(r["severity"] == "Warning" for r in flows)
    flow = flows[0]["missingFlow"]["flow"]
    required = policy_file(tmp_path, f'flows:\n  "{flow}": required\n')
    code, after = json_report(capsys, "--policy", str(required))
    assert code == 1
    assert [
        r["severity"] for r in after["results"] if (r.get("missingFlow") or {}).get("flow") == flow
    ] == ["Violation"]
    dropped = policy_file(tmp_path, f'flows:\n  "{flow}": not applicable\n', "drop.yaml")
    _, after = json_report(capsys, "--policy", str(dropped))
    assert flow not in {(r.get("missingFlow") or {}).get("flow") for r in after["results"]}


def test_a_requirement_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, before = json_report(capsys)
    info = next(r for r in before["results"] if r["category"] == "requirement")
    assert info["severity"] == "Info"
    requirement = info["requirements"][0]
    path = policy_file(tmp_path, f'requirements:\n  "{requirement}": required\n')
    code, after = json_report(capsys, "--policy", str(path))
    assert code == 1
    chosen = [
        r
        for r in after["results"]
        if r["category"] == "requirement" and r["requirements"][0] == requirement
    ]
    assert [r["severity"] for r in chosen] == ["Violation"]


def test_banned_and_allowed_tools(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, before = json_report(capsys)
    used = sorted({t for c in before["components"] for t in c["tools"]})
    banned = used[0]
    suggested = next(r for r in before["results"] if r["suggestedTools"])
    keep = suggested["suggestedTools"][1]
    text = f"tools:\n  banned: ['{banned}', '{suggested['suggestedTools'][0]}']\n"
    code, after = json_report(capsys, "--policy", str(policy_file(tmp_path, text)))
    assert code == 1
    bans = [
        r for r in after["results"] if r.get("value") == banned and r["severity"] == "Violation"
    ]
    assert bans and bans[0]["decidedBy"] == "ours" and "bans it" in bans[0]["message"]
    assert suggested["suggestedTools"][0] not in {
        t for r in after["results"] for t in r["suggestedTools"]
    }
    allowed = policy_file(tmp_path, f"tools:\n  allowed: ['{banned}', '{keep}']\n", "allow.yaml")
    code, after = json_report(capsys, "--policy", str(allowed))
    warned = {r["value"] for r in after["results"] if r["shape"] == "urn:mlopskg:policy:allow"}
    assert warned == set(used) - {banned, keep}
    assert all(
        r["severity"] == "Warning"
        for r in after["results"]
        if r["shape"] == "urn:mlopskg:policy:allow"
    )
    assert {t for r in after["results"] for t in r["suggestedTools"]} <= {banned, keep}


@pytest.mark.parametrize("name", ["batch-only", "online-serving", "regulated"])
def test_every_builtin_profile_reads_and_names_known_terms(
    name: str, project: ProjectFiles, validator: Validator
) -> None:
    policy = read_policy(builtin_profiles(project.root)[name])
    assert policy.rules
    known = set(validator.rules.labels) | {r.requirement for r in validator.rules.requirements}
    assert set(policy.rules) <= known, set(policy.rules) - known


def test_regulated_profile_in_turtle_makes_governance_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, after = json_report(capsys, "--policy", "regulated")
    assert code == 1
    governance = {
        r["missingComponent"]: r["severity"]
        for r in after["results"]
        if r["missingComponent"]
        in {f"{MLO}GovernanceDashboard", f"{MLO}GovernancePolicyManagement"}
    }
    assert governance and set(governance.values()) == {"Violation"}
    assert after["policy"]["name"] == "regulated"


def test_bad_policy_files_give_one_line_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = policy_file(tmp_path, "components:\n  DataPipeline: [required\n")
    code, _, err = cli(capsys, "validate", str(AWS), "--policy", str(broken))
    assert code == 2 and str(broken) in err and "Traceback" not in err
    wrong = policy_file(tmp_path, "components:\n  DataPipeline: mandatory\n", "wrong.yaml")
    code, _, err = cli(capsys, "validate", str(AWS), "--policy", str(wrong))
    assert code == 2 and "mandatory" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli(capsys, "validate", str(AWS), "--policy", "no-such-profile")
    assert code == 2 and "batch-only" in err
    with pytest.raises(PolicyError, match="ValidationPolicy"):
        read_policy(policy_file(tmp_path, "@prefix ex: <https://example.org/> .\n", "empty.ttl"))


def test_scan_validate_and_plan_take_a_policy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = cli(capsys, "scan", "--validate", "--format", "json", str(SCANNED))
    before = json.loads(out)
    assert before["policy"]["name"] == "default"
    code, out, _ = cli(
        capsys, "scan", "--validate", "--format", "json", "--policy", "regulated", str(SCANNED)
    )
    assert json.loads(out)["policy"]["name"] == "regulated" and code == 1
    _, plain, _ = cli(capsys, "plan", str(AWS), "--format", "json", "--severity", "warning")
    tools = _plan_tools(json.loads(plain))
    assert tools
    tool = tools[0]
    path = policy_file(tmp_path, f"tools:\n  banned: ['{tool}']\n", "ban.yaml")
    code, out, _ = cli(
        capsys, "plan", str(AWS), "--format", "json", "--severity", "warning", "--policy", str(path)
    )
    assert tool not in _plan_tools(json.loads(out))


def _plan_tools(plan: object) -> list[str]:
    """Every tool IRI a plan's JSON chooses."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "tool" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(plan)
    return found


@pytest.fixture(scope="module")
def client(built: BuildResult) -> Iterator[TestClient]:
    """The server over the real graph (in memory)."""
    with TestClient(create_app(ServerSettings(workers=2), store=built.store)) as test_client:
        yield test_client


def test_the_server_applies_a_builtin_profile(client: TestClient) -> None:
    body = AWS.read_bytes()
    headers = {"content-type": "text/turtle"}
    plain = client.post("/validate", content=body, headers=headers).json()
    assert plain["conforms"] is True and plain["policy"]["name"] == "default"
    ruled = client.post("/validate?policy=regulated", content=body, headers=headers).json()
    assert ruled["conforms"] is False and ruled["policy"]["name"] == "regulated"
    form = client.post(
        "/validate",
        files={"file": ("aws.ttl", body, "text/turtle")},
        data={"policy": "batch-only"},
    ).json()
    assert form["policy"]["name"] == "batch-only"
    bad = client.post("/validate?policy=../../etc/passwd", content=body, headers=headers)
    assert bad.status_code == 400 and "regulated" in bad.text
