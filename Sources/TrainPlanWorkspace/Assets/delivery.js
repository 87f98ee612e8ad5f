// trainplan workspace: the delivery-log form (/deliveries/<offering>). It only reads the form in
// the order of its rows and sends it; the server writes the log, reads it back with the same rules
// as `trainplan fidelity`, and answers with the report's findings, which this script shows.
"use strict";

(function () {
  const form = document.getElementById("log-form");
  if (!form) return;
  const token = document.querySelector('meta[name="trainplan-token"]')?.content || "";
  const data = JSON.parse(document.getElementById("log-data").textContent);
  const rows = document.querySelector("#log-blocks tbody");
  const result = document.getElementById("log-result");
  let base = data.base;

  function text(tag, value, className) {
    const node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function list(lines, id) {
    const ul = document.createElement("ul");
    ul.id = id;
    for (const line of lines) ul.append(text("li", line));
    return ul;
  }

  function value(row, selector) {
    const node = row.querySelector(selector);
    return node ? node.value : "";
  }

  function collect() {
    const blocks = [];
    for (const row of rows.querySelectorAll("tr.log-row")) {
      const kind = row.dataset.kind;
      blocks.push({
        kind,
        id: kind === "activity" ? row.dataset.id : value(row, ".log-id"),
        method: value(row, ".log-method"),
        minutes: value(row, ".log-minutes"),
        skipped: value(row, ".log-skipped"),
        reason: value(row, ".log-reason"),
      });
    }
    const objectives = [];
    for (const box of form.querySelectorAll(".log-objective")) {
      objectives.push({ id: box.dataset.id, delivered: box.checked });
    }
    return {
      base,
      trainers: document.getElementById("log-trainers").value,
      attendance: document.getElementById("log-attendance").value,
      date: document.getElementById("log-date").value,
      blocks,
      objectives,
      notes: document.getElementById("log-notes").value,
    };
  }

  rows.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const row = button.closest("tr");
    if (button.classList.contains("log-up") && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (button.classList.contains("log-down") && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    } else if (button.classList.contains("log-remove")) {
      row.remove();
    }
  });

  // A skipped activity has no minutes: the field is cleared and disabled while it is skipped.
  rows.addEventListener("change", (event) => {
    if (!event.target.classList.contains("log-skipped")) return;
    const minutes = event.target.closest("tr").querySelector(".log-minutes");
    minutes.disabled = event.target.value !== "";
  });
  for (const select of rows.querySelectorAll(".log-skipped")) {
    select.closest("tr").querySelector(".log-minutes").disabled = select.value !== "";
  }

  document.getElementById("log-add").addEventListener("click", () => {
    const template = document.getElementById("log-added-row");
    rows.append(template.content.cloneNode(true));
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.replaceChildren(text("p", "Saving…", "message"));
    const response = await fetch("/api/deliveries/" + encodeURIComponent(form.dataset.offering), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "X-Trainplan-Token": token, "Content-Type": "application/json" },
      body: JSON.stringify(collect()),
    });
    let answer = {};
    try { answer = JSON.parse(await response.text()); } catch (_) { answer = { error: "The server's answer cannot be read." }; }
    if (response.ok) {
      base = answer.version;
      const parts = [
        text("p", "Saved " + answer.file + ".", "message ok"),
        text("p", answer.summary, "log-summary"),
      ];
      parts[1].id = "log-summary";
      if (answer.lost.length > 0) {
        parts.push(text("h2", "Lost in delivery"), list(answer.lost, "log-lost"));
      }
      if (answer.findings.length > 0) {
        parts.push(text("h2", "Findings of the log"), list(answer.findings, "log-findings"));
      }
      result.replaceChildren(...parts);
      result.scrollIntoView({ block: "nearest" });
      return;
    }
    const parts = [text("p", answer.error || ("The server answered " + response.status + "."), "message error")];
    parts[0].id = "log-error";
    if (answer.findings && answer.findings.length > 0) parts.push(list(answer.findings, "log-findings"));
    if (answer.disk !== undefined && answer.disk !== null) {
      // A conflict: both versions side by side; saving again keeps this page's.
      base = answer.diskVersion;
      const both = document.createElement("div");
      both.className = "conflict";
      both.append(text("h2", "On disk"), text("pre", answer.disk, "source"));
      both.append(text("h2", "This page"), text("pre", answer.mine || "", "source"));
      parts.push(both);
    }
    result.replaceChildren(...parts);
    result.scrollIntoView({ block: "nearest" });
  });
})();
