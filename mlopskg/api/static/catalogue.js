// The catalogue view: rows of the curated query tool-catalogue (one per tool and kind),
// grouped by tool, filtered, sorted and compared in the browser.
const $ = (id) => document.getElementById(id);
const STALE_DAYS = 730;
let tools = [];

function value(binding) { return binding ? binding.value : ""; }

function maintenance(tool) {
  if (!tool.released) return "unknown";
  const days = (Date.now() - Date.parse(tool.released)) / 86400000;
  return days > STALE_DAYS ? "stale" : "maintained";
}

function group(bindings) {
  const byTool = new Map();
  for (const row of bindings) {
    const iri = value(row.tool);
    if (!byTool.has(iri)) {
      byTool.set(iri, {
        iri, label: value(row.toolLabel), kinds: [], sources: Number(value(row.sources) || 0),
        licence: value(row.licence), licenceKind: value(row.licenceKind), licenceChecked: value(row.licenceChecked),
        cloud: value(row.cloud), release: value(row.latestRelease), released: value(row.latestReleaseDate), url: value(row.url),
      });
    }
    const kind = value(row.kindLabel);
    if (kind && !byTool.get(iri).kinds.includes(kind)) byTool.get(iri).kinds.push(kind);
  }
  return [...byTool.values()];
}

function options(select, values) {
  for (const v of [...new Set(values)].filter(Boolean).sort()) {
    const option = document.createElement("option");
    option.value = option.textContent = v;
    select.appendChild(option);
  }
}

function chosen() {
  const kind = $("filter-kind").value, licence = $("filter-licence").value, cloud = $("filter-cloud").value;
  const care = $("filter-maintenance").value, open = $("filter-open").checked;
  const text = $("filter-text").value.trim().toLowerCase();
  const rows = tools.filter((t) =>
    (!kind || t.kinds.includes(kind)) &&
    (!licence || t.licenceKind === licence) &&
    (!open || t.licenceKind === "open source") &&
    (!cloud || (cloud === "-" ? !t.cloud : t.cloud === cloud)) &&
    (!care || maintenance(t) === care) &&
    (!text || t.label.toLowerCase().includes(text)));
  const sort = $("sort").value;
  rows.sort((a, b) => sort === "name" ? a.label.localeCompare(b.label)
    : sort === "release" ? (b.released || "").localeCompare(a.released || "") || a.label.localeCompare(b.label)
    : b.sources - a.sources || a.label.localeCompare(b.label));
  return rows;
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function licenceText(t) {
  return t.licence ? `${t.licence}${t.licenceChecked ? ` (checked ${t.licenceChecked})` : ""}` : "unknown";
}

function releaseText(t) {
  const state = maintenance(t);
  return t.release ? `${t.release}, ${t.released || "date unknown"}${state === "stale" ? " · not maintained" : ""}` : "unknown";
}

function render() {
  const rows = chosen();
  const body = $("tools").tBodies[0];
  body.replaceChildren();
  for (const t of rows) {
    const tr = document.createElement("tr");
    tr.dataset.iri = t.iri;
    const pick = document.createElement("td");
    const box = document.createElement("input");
    box.type = "checkbox"; box.className = "pick"; box.value = t.iri; box.setAttribute("aria-label", `compare ${t.label}`);
    box.addEventListener("change", updateCompare);
    pick.appendChild(box);
    tr.appendChild(pick);
    const name = document.createElement("td");
    const link = document.createElement("a");
    link.href = t.iri.replace("https://w3id.org/mlopskg/", "/");
    link.textContent = t.label;
    name.appendChild(link);
    tr.append(name, cell(t.kinds.join(", ") || "none"), cell(String(t.sources)), cell(licenceText(t)),
      cell(t.cloud || "—"), cell(releaseText(t), maintenance(t) === "stale" ? "stale" : ""));
    body.appendChild(tr);
  }
  $("count").textContent = `${rows.length} of ${tools.length} tools`;
  updateCompare();
}

function picked() {
  return [...document.querySelectorAll("input.pick:checked")].map((box) => tools.find((t) => t.iri === box.value));
}

function updateCompare() {
  const n = picked().length;
  $("compare").disabled = n < 2 || n > 4;
  $("compare").textContent = n > 4 ? "Compare (at most 4)" : "Compare";
}

function compare() {
  const list = picked();
  const facts = [["kinds", (t) => t.kinds.join(", ") || "none"], ["sources naming it", (t) => String(t.sources)],
    ["licence", licenceText], ["cloud", (t) => t.cloud || "—"], ["latest release", releaseText]];
  const table = document.createElement("table");
  table.id = "comparison-table";
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement("th"));
  for (const t of list) { const th = document.createElement("th"); th.textContent = t.label; head.appendChild(th); }
  const body = table.createTBody();
  for (const [name, get] of facts) {
    const tr = body.insertRow();
    const th = document.createElement("th"); th.textContent = name; tr.appendChild(th);
    for (const t of list) tr.appendChild(cell(get(t)));
  }
  $("comparison").replaceChildren(table);
  $("comparison").hidden = false;
}

async function load() {
  const response = await fetch("/queries/tool-catalogue?format=json", { headers: { Accept: "application/sparql-results+json" } });
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  tools = group((await response.json()).results.bindings);
  options($("filter-kind"), tools.flatMap((t) => t.kinds));
  options($("filter-licence"), tools.map((t) => t.licenceKind));
  options($("filter-cloud"), tools.map((t) => t.cloud));
  render();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const id of ["filter-kind", "filter-licence", "filter-open", "filter-cloud", "filter-maintenance", "sort"]) {
    $(id).addEventListener("change", render);
  }
  $("filter-text").addEventListener("input", render);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("compare").addEventListener("click", compare);
  load().catch((error) => { $("error").textContent = `cannot load the catalogue: ${error.message}`; $("error").hidden = false; });
});
