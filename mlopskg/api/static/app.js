// mlopskg web page: curated queries, a SPARQL editor, results, downloads, diagrams.
// No framework and no CDN: this file is all the page needs.
"use strict";

const PREFIXES = [
  ["mlo", "https://w3id.org/mlopskg/ontology#"],
  ["tool", "https://w3id.org/mlopskg/resource/tool/"],
  ["src", "https://w3id.org/mlopskg/resource/source/"],
  ["comp", "https://w3id.org/mlopskg/resource/component/"],
  ["arch", "https://w3id.org/mlopskg/resource/architecture/"],
  ["req", "https://w3id.org/mlopskg/resource/requirement/"],
  ["principle", "https://w3id.org/mlopskg/resource/principle/"],
  ["role", "https://w3id.org/mlopskg/resource/role/"],
  ["block", "https://w3id.org/mlopskg/resource/block/"],
  ["mlr", "https://w3id.org/mlopskg/resource/"],
  ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
  ["skos", "http://www.w3.org/2004/02/skos/core#"],
];

const $ = (id) => document.getElementById(id);
let curated = [];
let current = null;

function compact(iri) {
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns) && /^[\w.\-]+$/.test(iri.slice(ns.length))) return prefix + ":" + iri.slice(ns.length);
  }
  return iri;
}

function localHref(iri) {
  if (iri.startsWith("https://w3id.org/mlopskg/ontology#")) return "/ontology#" + iri.split("#")[1];
  if (iri.startsWith("https://w3id.org/mlopskg/resource/")) return "/resource/" + iri.slice("https://w3id.org/mlopskg/resource/".length);
  return /^https?:\/\//.test(iri) ? iri : null;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = localHref(term.value);
    const node = document.createElement(href ? "a" : "span");
    if (href) node.href = href;
    node.title = term.value;
    node.textContent = compact(term.value);
    td.appendChild(node);
  } else {
    td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
  }
  return td;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function renderResults(data) {
  const table = $("results");
  table.replaceChildren();
  if (typeof data.boolean === "boolean") {
    table.innerHTML = "<tr><th>result</th></tr>";
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.textContent = String(data.boolean);
    tr.appendChild(td);
    table.appendChild(tr);
    return 1;
  }
  const vars = data.head.vars;
  const head = document.createElement("tr");
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  table.appendChild(head);
  for (const row of data.results.bindings) {
    const tr = document.createElement("tr");
    for (const v of vars) tr.appendChild(cell(row[v]));
    table.appendChild(tr);
  }
  return data.results.bindings.length;
}

function requestFor(accept) {
  // A curated query left as it is runs through /queries/{name} with its parameters;
  // anything edited runs through the SPARQL endpoint.
  const text = $("sparql").value;
  if (current && text === current.sparql) {
    const params = new URLSearchParams();
    for (const input of $("params").querySelectorAll("input")) {
      if (input.value.trim()) params.set(input.name, input.value.trim());
    }
    return [`/queries/${encodeURIComponent(current.name)}?${params}`, { headers: { Accept: accept } }];
  }
  const body = new URLSearchParams({ query: text });
  return ["/sparql", { method: "POST", body, headers: { Accept: accept } }];
}

async function run() {
  showError("");
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const [url, init] = requestFor("application/sparql-results+json");
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).message; } catch (_) { /* plain text */ }
      throw new Error(`${response.status}: ${message}`);
    }
    if (!(response.headers.get("content-type") || "").includes("json")) {
      $("results").replaceChildren();
      $("status").textContent = "graph result: use the download buttons or the endpoint";
      return;
    }
    const rows = renderResults(JSON.parse(text));
    $("status").textContent = `${rows} row${rows === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    $("status").textContent = "";
    $("results").replaceChildren();
    showError(error.message);
  }
}

function markEdited() {
  // Parameters apply only to a curated query left as it is.
  const edited = current && $("sparql").value !== current.sparql;
  $("params").classList.toggle("inactive", Boolean(edited));
  $("params").title = edited ? "the query was edited: parameters do not apply (bind values in the text)" : "";
}

async function download(accept, ext) {
  showError("");
  const [url, init] = requestFor(accept);
  const response = await fetch(url, init);
  if (!response.ok) { showError(`${response.status}: ${await response.text()}`); return; }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${current ? current.name : "results"}.${ext}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function choose(name) {
  current = curated.find((q) => q.name === name) || null;
  const params = $("params");
  params.replaceChildren();
  $("description").textContent = current ? current.description : "";
  if (!current) return;
  $("sparql").value = current.sparql;
  markEdited();
  for (const p of current.parameters) {
    const label = document.createElement("label");
    label.textContent = p.name;
    label.title = p.description;
    const input = document.createElement("input");
    input.name = p.name;
    input.value = p.default || "";
    input.placeholder = p.optional ? "(any)" : "";
    label.appendChild(input);
    params.appendChild(label);
  }
}

async function loadExamples() {
  const response = await fetch("/queries");
  curated = await response.json();
  const select = $("examples");
  for (const q of curated) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title;
    select.appendChild(option);
  }
  select.addEventListener("change", () => choose(select.value));
  const wanted = new URLSearchParams(location.search).get("q") || "tools-for-component";
  select.value = wanted;
  choose(wanted);
}

async function loadDiagram() {
  const path = $("architecture-choice").value;
  $("svg-link").href = `/diagram/${path}.svg`;
  const response = await fetch(`/diagram/${path}.svg`);
  $("diagram").innerHTML = response.ok ? await response.text() : `<p class="error">${response.status}</p>`;
}

async function validateArchitecture(event) {
  event.preventDefault();
  const status = $("validate-status"), error = $("validate-error"), frame = $("validate-report");
  const form = descriptionForm();
  const failOn = $("validate-strict").checked ? "warning" : "violation";
  status.textContent = "validating…";
  error.hidden = true;
  try {
    const response = await fetch(`/validate?fail_on=${failOn}`, {
      method: "POST", body: form, headers: { Accept: "text/html" },
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).message; } catch (_) { /* plain text */ }
      throw new Error(`${response.status}: ${message}`);
    }
    frame.srcdoc = text;
    frame.hidden = false;
    status.textContent = "";
  } catch (e) {
    status.textContent = "";
    error.textContent = e.message;
    error.hidden = false;
  }
}

function descriptionForm() {
  const form = new FormData();
  const file = $("validate-file").files[0];
  if (file) form.append("file", file, file.name);
  else form.append("file", new Blob([$("validate-text").value], { type: "text/turtle" }), "description.ttl");
  return form;
}

function planParameters() {
  const params = new URLSearchParams();
  if ($("plan-open").checked) params.set("open_source_only", "true");
  if ($("plan-keep").checked) params.set("keep_tools", "true");
  if ($("plan-cloud").value) params.set("cloud", $("plan-cloud").value);
  params.set("severity", $("plan-severity").value);
  if ($("plan-max").value !== "") params.set("max_tools", $("plan-max").value);
  for (const id of ["plan-licences", "plan-exclude"]) {
    const name = id === "plan-licences" ? "allow_licence" : "exclude";
    for (const item of $(id).value.split(/[\s,]+/).filter(Boolean)) params.append(name, item);
  }
  return params;
}

async function post(url, body, accept, names) {
  const status = $(`${names}-status`), error = $(`${names}-error`);
  status.textContent = "working…";
  error.hidden = true;
  try {
    const response = await fetch(url, { method: "POST", body, headers: { Accept: accept } });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).message; } catch (_) { /* plain text */ }
      throw new Error(`${response.status}: ${message}`);
    }
    status.textContent = "";
    return text;
  } catch (e) {
    status.textContent = "";
    error.textContent = e.message;
    error.hidden = false;
    return null;
  }
}

async function planTools(event) {
  event.preventDefault();
  const html = await post(`/plan?${planParameters()}`, descriptionForm(), "text/html", "plan");
  if (html === null) return;
  const target = $("plan-report");
  target.innerHTML = html;
  target.hidden = false;
}

async function scanRepository(event) {
  event.preventDefault();
  const file = $("scan-file").files[0];
  if (!file) { $("scan-error").textContent = "choose a .zip or .tar.gz archive first"; $("scan-error").hidden = false; return; }
  const form = new FormData();
  form.append("file", file, file.name);
  const params = new URLSearchParams({ validate: "true", format: "html" });
  if ($("scan-plan").checked) params.set("plan", "true");
  const html = await post(`/scan?${params}`, form, "text/html", "scan");
  if (html === null) return;
  $("scan-report").srcdoc = html;
  $("scan-report").hidden = false;
}

async function diffDescriptions(event) {
  event.preventDefault();
  const form = new FormData();
  for (const name of ["before", "after"]) {
    const file = $(`diff-${name}`).files[0];
    if (file) form.append(name, file, file.name);
  }
  const text = await post("/diff?format=text", form, "text/plain", "diff");
  if (text === null) return;
  $("diff-report").textContent = text;
  $("diff-report").hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  $("validate-form").addEventListener("submit", validateArchitecture);
  $("plan-form").addEventListener("submit", planTools);
  $("scan-form").addEventListener("submit", scanRepository);
  $("diff-form").addEventListener("submit", diffDescriptions);
  $("endpoint").textContent = new URL("/sparql", location.href).href;
  $("run").addEventListener("click", run);
  $("sparql").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
  $("sparql").addEventListener("input", markEdited);
  for (const button of document.querySelectorAll(".downloads button")) {
    button.addEventListener("click", () => download(button.dataset.format, button.dataset.ext));
  }
  $("architecture-choice").addEventListener("change", loadDiagram);
  loadExamples().then(run).catch((error) => showError(`cannot load the curated queries: ${error.message}`));
  loadDiagram();
});
