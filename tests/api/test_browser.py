"""The web page in a real headless browser (Debian's chromium, driven by Selenium through
Debian's chromedriver): the page loads, the example query runs, rows appear; choosing
another curated question and running it shows its answer; the diagram is drawn."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlopskg.api import ServerSettings, create_app
from mlopskg.graph.build import BuildResult
from tests.api.conftest import LiveServer, live_server
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Debian's chromium and chromium-driver (`make deps` installs them as root)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="mlopskg-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1300,1400",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_page_runs_example_query_and_shows_rows(
    browser: object, live: LiveServer, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    driver.get(live.url + "/")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 30)
    # The default example (tools for a feature store) runs on load.
    wait.until(ec.text_to_be_present_in_element((By.ID, "results"), "tool:feast"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#results tr")  # type: ignore[attr-defined]
    assert len(rows) >= 4
    assert "row" in driver.find_element(By.ID, "status").text  # type: ignore[attr-defined]

    Select(driver.find_element(By.ID, "examples")).select_by_value("responsible-roles")  # type: ignore[attr-defined]
    kind = driver.find_element(By.CSS_SELECTOR, "#params input[name=kind]")  # type: ignore[attr-defined]
    assert kind.get_attribute("value") == "mlo:ModelRegistry"
    driver.find_element(By.ID, "run").click()  # type: ignore[attr-defined]
    wait.until(ec.text_to_be_present_in_element((By.ID, "results"), "Platform Team"))

    # An edited query runs through /sparql; a broken one shows the parser's message.
    editor = driver.find_element(By.ID, "sparql")  # type: ignore[attr-defined]
    editor.clear()
    editor.send_keys("SELECT * WHERE { ?s ?p }")
    driver.find_element(By.ID, "run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "error")))
    assert "400" in driver.find_element(By.ID, "error").text  # type: ignore[attr-defined]

    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#diagram svg g.element")))
    boxes = driver.find_elements(By.CSS_SELECTOR, "#diagram svg g.element")  # type: ignore[attr-defined]
    assert len(boxes) > 40
    driver.save_screenshot(str(tmp_path / "page.png"))  # type: ignore[attr-defined]


def test_validation_form_shows_the_html_report(browser: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(live.url + "/#validate")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 30)
    driver.find_element(By.ID, "validate-run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "validate-report")))
    driver.switch_to.frame(driver.find_element(By.ID, "validate-report"))  # type: ignore[attr-defined]
    try:
        wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "body"), "does not conform"))
        body = driver.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
        assert "ACME ML platform" in body
        assert "No feature store in this architecture" in body
        missing = driver.find_elements(By.CSS_SELECTOR, "svg g.element.missing")  # type: ignore[attr-defined]
        present = driver.find_elements(By.CSS_SELECTOR, "svg g.element.present")  # type: ignore[attr-defined]
        assert len(missing) > 20 and len(present) >= 3
    finally:
        driver.switch_to.default_content()  # type: ignore[attr-defined]

    # A broken description shows the parser's message, not a report.
    editor = driver.find_element(By.ID, "validate-text")  # type: ignore[attr-defined]
    editor.clear()
    editor.send_keys("@prefix ex: <http://e/> . ex:a ex:b .")
    driver.find_element(By.ID, "validate-run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "validate-error")))
    assert "400" in driver.find_element(By.ID, "validate-error").text  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def roomy_live(built: BuildResult) -> Iterator[LiveServer]:
    """A live server with the default result limit: the whole catalogue is one answer."""
    with live_server(create_app(ServerSettings(workers=2), store=built.store)) as server:
        yield server


def test_catalogue_view_filters_sorts_and_compares(
    browser: object, roomy_live: LiveServer, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    driver.get(roomy_live.url + "/catalogue")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 30)
    wait.until(ec.text_to_be_present_in_element((By.ID, "count"), " of "))
    total = len(driver.find_elements(By.CSS_SELECTOR, "#tools tbody tr"))  # type: ignore[attr-defined]
    assert total >= 300

    Select(driver.find_element(By.ID, "filter-kind")).select_by_visible_text("feature store")  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "#tools tbody tr")  # type: ignore[attr-defined]
    names = [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows]
    assert "Feast" in names and len(rows) < total
    assert all("feature store" in r.find_elements(By.TAG_NAME, "td")[2].text for r in rows)
    sources = [int(r.find_elements(By.TAG_NAME, "td")[3].text) for r in rows]
    assert sources == sorted(sources, reverse=True)  # most-cited first

    driver.find_element(By.ID, "filter-open").click()  # type: ignore[attr-defined]
    licences = [
        r.find_elements(By.TAG_NAME, "td")[4].text
        for r in driver.find_elements(By.CSS_SELECTOR, "#tools tbody tr")
    ]  # type: ignore[attr-defined]
    assert licences and not any("commercial" in text for text in licences)
    driver.find_element(By.ID, "filter-open").click()  # type: ignore[attr-defined]

    Select(driver.find_element(By.ID, "filter-kind")).select_by_index(0)  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "filter-cloud")).select_by_visible_text("Amazon Web Services")  # type: ignore[attr-defined]
    clouds = {
        r.find_elements(By.TAG_NAME, "td")[5].text
        for r in driver.find_elements(By.CSS_SELECTOR, "#tools tbody tr")
    }  # type: ignore[attr-defined]
    assert clouds == {"Amazon Web Services"}
    Select(driver.find_element(By.ID, "filter-cloud")).select_by_index(0)  # type: ignore[attr-defined]

    boxes = driver.find_elements(By.CSS_SELECTOR, "#tools input.pick")  # type: ignore[attr-defined]
    assert driver.find_element(By.ID, "compare").get_attribute("disabled")  # type: ignore[attr-defined]
    for box in boxes[:3]:
        box.click()
    driver.find_element(By.ID, "compare").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "comparison-table")))
    headers = driver.find_elements(By.CSS_SELECTOR, "#comparison-table thead th")  # type: ignore[attr-defined]
    assert len(headers) == 4  # a blank corner and three tools
    assert "latest release" in driver.find_element(By.ID, "comparison-table").text  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "catalogue.png"))  # type: ignore[attr-defined]


def test_plan_scan_and_diff_forms(browser: object, roomy_live: LiveServer, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    driver.get(roomy_live.url + "/#validate")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 60)
    driver.find_element(By.ID, "plan-open").click()  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "plan-cloud")).select_by_value("none")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "plan-run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "plan-report")))
    plan = driver.find_element(By.ID, "plan-report").text  # type: ignore[attr-defined]
    assert "new tool(s) fill" in plan and "open source only" in plan

    archive = shutil.make_archive(
        str(tmp_path / "bentoml-docker"),
        "zip",
        ROOT / "benchmarks" / "scan-corpus" / "bentoml-docker",
    )
    driver.find_element(By.ID, "scan-file").send_keys(archive)  # type: ignore[attr-defined]
    driver.find_element(By.ID, "scan-run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "scan-report")))
    driver.switch_to.frame(driver.find_element(By.ID, "scan-report"))  # type: ignore[attr-defined]
    try:
        wait.until(ec.presence_of_element_located((By.ID, "scan-evidence")))
        evidence = driver.find_element(By.ID, "scan-evidence").text  # type: ignore[attr-defined]
        assert "BentoML" in evidence and "bentofile.yaml" in evidence
    finally:
        driver.switch_to.default_content()  # type: ignore[attr-defined]

    examples = ROOT / "examples"
    driver.find_element(By.ID, "diff-before").send_keys(
        str(examples / "notebook-and-web-service.ttl")
    )  # type: ignore[attr-defined]
    driver.find_element(By.ID, "diff-after").send_keys(str(examples / "open-source-kubernetes.ttl"))  # type: ignore[attr-defined]
    driver.find_element(By.ID, "diff-run").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.ID, "diff-report")))
    assert "+ model registry" in driver.find_element(By.ID, "diff-report").text  # type: ignore[attr-defined]
