// trainplan workspace: the plan editor and the small forms of the other pages.
// Hand-written, no libraries, nothing loaded from the internet. Every rubric judgement comes
// from the server (the same core as `trainplan check`); this script only lays out the form,
// adds up minutes for the timeline, and shows what the server found.
"use strict";

(function () {
  const token = document.querySelector('meta[name="trainplan-token"]')?.content || "";

  // ---- small helpers -------------------------------------------------------------------
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "value") node.value = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function call(method, url, body) {
    const options = { method, headers: { "X-Trainplan-Token": token }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    let data = null;
    const text = await response.text();
    if (text) {
      try { data = JSON.parse(text); } catch (_) { data = { error: text }; }
    }
    return { status: response.status, data };
  }

  function say(node, text, kind) {
    if (!node) return;
    node.textContent = text;
    node.className = "message" + (kind ? " " + kind : "");
  }

  function wholeMinutes(text) {
    return /^\s*[0-9]{1,5}\s*$/.test(text || "") ? parseInt(text, 10) : null;
  }

  function clock(minute) {
    const h = Math.floor(minute / 60), m = minute % 60;
    return h + ":" + String(m).padStart(2, "0");
  }

  // ---- the new-plan form (/) -----------------------------------------------------------
  const newPlan = document.getElementById("new-plan");
  if (newPlan) {
    newPlan.addEventListener("submit", async (event) => {
      event.preventDefault();
      const id = document.getElementById("new-id").value.trim();
      const title = document.getElementById("new-title").value;
      const from = document.getElementById("new-from").value;
      const message = document.getElementById("new-message");
      say(message, "Creating…");
      const answer = await call("POST", "/api/plans", { id, title, from });
      if (answer.status === 201) {
        location.href = "/plans/" + encodeURIComponent(id);
      } else {
        say(message, answer.data?.error || "The plan could not be created.", "error");
      }
    });
  }

  // ---- the term's what-if (/term) -------------------------------------------------------
  const whatIf = document.getElementById("what-if-form");
  if (whatIf) {
    const request = () => ({
      term: whatIf.dataset.term,
      trainer: document.getElementById("away-trainer").value,
      from: document.getElementById("away-from").value,
      to: document.getElementById("away-to").value,
      reason: document.getElementById("away-reason").value,
    });
    const out = document.getElementById("replan");
    const termMessage = document.getElementById("term-message");
    whatIf.addEventListener("submit", async (event) => {
      event.preventDefault();
      const asked = request();
      say(termMessage, "Re-planning…");
      out.replaceChildren();
      const answer = await call("POST", "/api/term/what-if", asked);
      if (answer.status !== 200) { say(termMessage, answer.data?.error || "No re-plan (" + answer.status + ").", "error"); return; }
      const replan = answer.data;
      say(termMessage, "");
      out.append(el("p", { class: "summary", text: replan.summary }));
      if (replan.changes.length === 0) {
        out.append(el("p", { class: "no-change", text: "Nothing changes: no duty of this trainer falls in those dates." }));
      } else {
        const list = el("ul", { class: "changes" });
        for (const change of replan.changes) {
          list.append(el("li", { class: "change", "data-offering": change.offering },
            el("b", { text: change.offering + (change.role ? " " + change.role : "") }), ": ",
            (change.from || "nobody") + " → " + (change.to || "nobody"), " ",
            el("span", { class: "hint", text: "(" + change.reason + ")" })));
        }
        out.append(list);
      }
      for (const gap of replan.gaps) out.append(el("pre", { class: "gap", text: gap }));
      out.append(el("p", { class: "hint" }, "Applying adds ", el("code", { text: replan.rosterLine }),
        " to the trainer in the roster and writes the outputs as trainplan schedule --previous does."));
      out.append(el("button", {
        type: "button", id: "apply", class: "primary", text: "Apply: update the roster and write out/",
        onclick: async () => {
          say(termMessage, "Applying…");
          const applied = await call("POST", "/api/term/apply", asked);
          if (applied.status === 200) say(termMessage, "Applied: wrote " + applied.data.written.join(", "), "ok");
          else say(termMessage, "Not applied: " + (applied.data?.error || applied.status), "error");
        },
      }));
    });
  }

  // ---- the editor (/plans/<id>) --------------------------------------------------------
  const dataNode = document.getElementById("tp-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const form = document.getElementById("plan-form");
  const message = document.getElementById("message");
  let doc = data.document;
  let version = data.version.hash;
  let saved = JSON.stringify(doc);
  let lastCheck = JSON.parse(document.getElementById("tp-check").textContent);
  let checkSequence = 0;
  let shownSequence = 0;
  let checkTimer = null;
  let diskChanged = false;

  const categoryOf = {};
  for (const method of data.methods) categoryOf[method.id] = method.category;
  const colourOf = {};
  for (const category of data.categories) colourOf[category.id] = category.colour;

  function dirty() { return JSON.stringify(doc) !== saved; }

  function changed() {
    updateTimes();
    document.getElementById("save").disabled = false;
    say(message, dirty() ? "Unsaved changes" : "", dirty() ? "pending" : "");
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 120);
  }

  // A field bound to one property of an object of the document.
  function field(label, object, key, options) {
    options = options || {};
    let input;
    if (options.choices) {
      input = el("select", { name: key });
      for (const choice of options.choices) {
        if (choice.group) {
          const group = el("optgroup", { label: choice.group });
          for (const item of choice.items) group.append(el("option", { value: item.id, text: item.label, title: item.title }));
          input.append(group);
        } else {
          input.append(el("option", { value: choice.id, text: choice.label }));
        }
      }
      const known = [...input.querySelectorAll("option")].some((o) => o.value === (object[key] ?? ""));
      if (!known) input.append(el("option", { value: object[key] ?? "", text: (object[key] ?? "") + " (not in the catalog)" }));
      input.value = object[key] ?? "";
    } else if (options.multiline) {
      input = el("textarea", { name: key, rows: options.rows || 2 });
      input.value = options.get ? options.get() : (object[key] ?? "");
    } else {
      input = el("input", { name: key, type: "text", inputmode: options.numeric ? "numeric" : undefined, size: options.size });
      input.value = options.get ? options.get() : (object[key] ?? "");
    }
    const update = () => {
      const value = options.optional && input.value === "" ? null : input.value;
      if (!options.set && object[key] === value) return;
      if (options.set) options.set(input.value);
      else object[key] = value;
      changed();
    };
    // A select reports a choice as "change" (and, in most browsers, "input" too).
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    return el("label", { class: "field field-" + key }, el("span", { text: label }), input);
  }

  function findingsList(part) {
    return el("ul", { class: "findings", "data-part": part });
  }

  function moveButtons(list, index, rerenderFocus, what) {
    const up = el("button", {
      type: "button", class: "up", title: "Move " + what + " up", "aria-label": "Move " + what + " up",
      disabled: index === 0, text: "↑",
    });
    const down = el("button", {
      type: "button", class: "down", title: "Move " + what + " down", "aria-label": "Move " + what + " down",
      disabled: index === list.length - 1, text: "↓",
    });
    up.addEventListener("click", () => { move(list, index, index - 1); rerenderFocus(index - 1, "up"); });
    down.addEventListener("click", () => { move(list, index, index + 1); rerenderFocus(index + 1, "down"); });
    return [up, down];
  }

  function move(list, from, to) {
    if (to < 0 || to >= list.length || from === to) return;
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item);
  }

  function structureChanged(focusSelector) {
    render();
    changed();
    if (focusSelector) {
      const target = form.querySelector(focusSelector);
      if (target && !target.disabled) target.focus();
      else if (target) target.closest(".card")?.querySelector("button:not([disabled])")?.focus();
    }
  }

  function methodChoices() {
    return data.categories.map((category) => ({
      group: category.id,
      items: data.methods.filter((m) => m.category === category.id).map((m) => ({ id: m.id, label: m.id, title: m.description })),
    }));
  }

  function render() {
    form.replaceChildren();
    // The plan's own fields.
    const plan = el("fieldset", { class: "section", id: "plan-fields" }, el("legend", { text: "Plan" }));
    plan.append(
      el("p", { class: "plan-id" }, "Id ", el("code", { text: doc.id }), " (the file name; use Duplicate to make a copy under another id)"),
      field("Title", doc, "title"), findingsList("title"),
      el("div", { class: "row" },
        field("Module", doc, "module", { size: 20 }), field("Step", doc, "step", { size: 4, numeric: true })),
      findingsList("module"),
      el("div", { class: "row" },
        field("Stage", doc, "stage", { choices: data.stages.map((s) => ({ id: s, label: s })) }),
        field("Minutes", doc, "duration", { size: 5, numeric: true }),
        field("Delivery", doc, "delivery", { choices: data.deliveries.map((s) => ({ id: s, label: s })) })),
      findingsList("stage"), findingsList("duration"), findingsList("delivery"));
    const audience = doc.audience || { min: "", max: "", text: "" };
    const setAudience = (key) => (value) => {
      const next = Object.assign({}, doc.audience || { min: "", max: "", text: "" });
      next[key] = value;
      doc.audience = next.min === "" && next.max === "" && next.text === "" ? null : next;
    };
    plan.append(
      el("div", { class: "row" },
        field("Audience", audience, "text", { set: setAudience("text") }),
        field("Min", audience, "min", { size: 4, numeric: true, set: setAudience("min") }),
        field("Max", audience, "max", { size: 4, numeric: true, set: setAudience("max") })),
      findingsList("audience"), findingsList("plan"));
    form.append(plan);

    // Objectives.
    const objectives = el("fieldset", { class: "section", id: "objectives" }, el("legend", { text: "Objectives" }));
    objectives.append(findingsList("objectives"));
    doc.objectives.forEach((objective, index) => {
      const card = el("div", { class: "card objective", id: "objective-" + index, "data-index": index });
      const focus = (to, which) => structureChanged("#objective-" + to + " button." + which);
      card.append(
        el("div", { class: "card-head" },
          el("span", { class: "handle-label", text: "Objective " + (index + 1) }),
          ...moveButtons(doc.objectives, index, focus, "objective " + (index + 1)),
          el("button", {
            type: "button", class: "remove", text: "Remove", "aria-label": "Remove objective " + (index + 1),
            onclick: () => { doc.objectives.splice(index, 1); structureChanged("#objectives .add"); },
          })),
        el("div", { class: "row" },
          field("Id", objective, "id", { size: 8 }),
          field("Level", objective, "level", {
            choices: [{ id: "", label: "(from the verb)" }].concat(data.levels.map((l) => ({ id: l, label: l }))),
          })),
        field("Text", objective, "text", { multiline: true }),
        findingsList("objective-" + index));
      objectives.append(card);
    });
    objectives.append(el("button", {
      type: "button", class: "add", text: "Add an objective",
      onclick: () => {
        let n = doc.objectives.length + 1;
        while (doc.objectives.some((o) => o.id === "o" + n)) n++;
        doc.objectives.push({ id: "o" + n, level: "", text: "" });
        structureChanged("#objective-" + (doc.objectives.length - 1) + " textarea");
      },
    }));
    form.append(objectives);

    // The agenda.
    const agenda = el("fieldset", { class: "section", id: "agenda" }, el("legend", { text: "Agenda" }));
    agenda.append(el("p", { class: "hint", text: "Drag a block by its handle (⠿), or move it with its ↑ ↓ buttons." }));
    agenda.append(findingsList("agenda"));
    const list = el("div", { class: "blocks", id: "blocks" });
    doc.agenda.forEach((block, index) => list.append(blockCard(block, index)));
    agenda.append(list);
    agenda.append(
      el("button", {
        type: "button", class: "add add-activity", text: "Add an activity",
        onclick: () => {
          let n = doc.agenda.length + 1;
          while (doc.agenda.some((b) => b.id === "a" + n)) n++;
          doc.agenda.push({ kind: "activity", id: "a" + n, method: "discussion", minutes: "10", grouping: "", objectives: [], materials: [] });
          structureChanged("#block-" + (doc.agenda.length - 1) + " input[name=minutes]");
        },
      }),
      " ",
      el("button", {
        type: "button", class: "add add-break", text: "Add a break",
        onclick: () => {
          doc.agenda.push({ kind: "break", id: "", method: "", minutes: "10", grouping: "", objectives: [], materials: [] });
          structureChanged("#block-" + (doc.agenda.length - 1) + " input[name=minutes]");
        },
      }));
    form.append(agenda);

    // Evaluation.
    const evaluation = el("fieldset", { class: "section", id: "evaluation" }, el("legend", { text: "Evaluation" }));
    evaluation.append(findingsList("evaluation"));
    doc.evaluation.forEach((measure, index) => {
      evaluation.append(el("div", { class: "card measure", id: "measure-" + index },
        el("div", { class: "card-head" },
          el("span", { text: "Measure " + (index + 1) }),
          el("button", {
            type: "button", class: "remove", text: "Remove", "aria-label": "Remove measure " + (index + 1),
            onclick: () => { doc.evaluation.splice(index, 1); structureChanged("#evaluation .add"); },
          })),
        field("Level", measure, "level", { choices: data.measures.map((l) => ({ id: l, label: l })) }),
        field("Text", measure, "text", { multiline: true }),
        findingsList("measure-" + index)));
    });
    evaluation.append(el("button", {
      type: "button", class: "add", text: "Add a measure",
      onclick: () => { doc.evaluation.push({ level: "reaction", text: "" }); structureChanged("#measure-" + (doc.evaluation.length - 1) + " textarea"); },
    }));
    form.append(evaluation);

    updateTimes();
    showCheck(lastCheck);
  }

  function blockCard(block, index) {
    const isBreak = block.kind === "break";
    const card = el("div", { class: "card block" + (isBreak ? " break" : ""), id: "block-" + index, "data-index": index });
    const focus = (to, which) => structureChanged("#block-" + to + " button." + which);
    const handle = el("span", { class: "handle", title: "Drag to move", "aria-hidden": "true", text: "⠿" });
    handle.addEventListener("pointerdown", (event) => startDrag(event, index));
    const kind = el("select", { name: "kind", "aria-label": "Kind of block" },
      el("option", { value: "activity", text: "activity" }), el("option", { value: "break", text: "break" }));
    kind.value = isBreak ? "break" : "activity";
    kind.addEventListener("change", () => {
      block.kind = kind.value;
      if (block.kind === "activity" && !block.id) {
        let n = index + 1;
        while (doc.agenda.some((b) => b.id === "a" + n)) n++;
        block.id = "a" + n;
        block.method = block.method || "discussion";
      }
      structureChanged("#block-" + index + " select[name=kind]");
    });
    card.append(el("div", { class: "card-head" },
      handle,
      el("span", { class: "start", text: "" }),
      el("span", { class: "swatch" }),
      kind,
      ...moveButtons(doc.agenda, index, focus, "block " + (index + 1)),
      el("button", {
        type: "button", class: "remove", text: "Remove", "aria-label": "Remove block " + (index + 1),
        onclick: () => { doc.agenda.splice(index, 1); structureChanged("#agenda .add-activity"); },
      })));
    if (isBreak) {
      card.append(el("div", { class: "row" }, field("Minutes", block, "minutes", { size: 5, numeric: true })));
    } else {
      card.append(
        el("div", { class: "row" },
          field("Id", block, "id", { size: 10 }),
          field("Method", block, "method", { choices: methodChoices() }),
          field("Minutes", block, "minutes", { size: 5, numeric: true }),
          field("Grouping", block, "grouping", {
            choices: [{ id: "", label: "(whole group)" }].concat(data.groupings.map((g) => ({ id: g, label: g }))),
          })),
        field("Title", block, "title", { optional: true }),
        objectivePicker(block),
        field("Description", block, "description", { multiline: true, optional: true }),
        field("Materials (one per line)", block, "materials", {
          multiline: true,
          get: () => (block.materials || []).join("\n"),
          set: (value) => { block.materials = value.split("\n").filter((line) => line.trim() !== ""); },
        }),
        field("Trainer notes", block, "notes", { multiline: true, optional: true }));
    }
    card.append(findingsList("block-" + index));
    return card;
  }

  function objectivePicker(block) {
    const box = el("fieldset", { class: "serves" }, el("legend", { text: "Objectives served" }));
    const ids = doc.objectives.map((o) => o.id);
    for (const id of (block.objectives || [])) if (!ids.includes(id)) ids.push(id);
    for (const id of ids) {
      const input = el("input", { type: "checkbox", value: id, name: "serves" });
      input.checked = (block.objectives || []).includes(id);
      input.addEventListener("change", () => {
        const chosen = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
        block.objectives = ids.filter((x) => chosen.has(x));
        changed();
      });
      box.append(el("label", { class: "check" }, input, " " + id));
    }
    if (ids.length === 0) box.append(el("span", { class: "hint", text: "(no objectives yet)" }));
    return box;
  }

  // ---- times, timeline, categories: arithmetic on the form, no judgement -------------------
  function updateTimes() {
    let minute = 0;
    const perCategory = {};
    const timeline = document.getElementById("timeline");
    timeline.replaceChildren();
    let total = 0;
    for (const block of doc.agenda) total += wholeMinutes(block.minutes) || 0;
    doc.agenda.forEach((block, index) => {
      const minutes = wholeMinutes(block.minutes);
      const card = document.getElementById("block-" + index);
      const category = block.kind === "break" ? "break" : (categoryOf[block.method] || "unknown");
      const colour = block.kind === "break" ? "#e6e6e6" : (colourOf[category] || "#8a8a8a");
      if (card) {
        card.querySelector(".start").textContent =
          minutes === null ? clock(minute) + "–?" : clock(minute) + "–" + clock(minute + minutes);
        card.querySelector(".swatch").style.background = colour;
        card.querySelector(".swatch").title = category;
      }
      if (minutes !== null && total > 0) {
        const bar = el("div", {
          class: "bar", title: clock(minute) + " " + (block.kind === "break" ? "break" : block.method) + " (" + minutes + " min)",
          "data-index": index,
        });
        bar.style.width = (100 * minutes / total) + "%";
        bar.style.background = colour;
        timeline.append(bar);
        perCategory[category] = (perCategory[category] || 0) + minutes;
      }
      minute += minutes || 0;
    });
    const duration = wholeMinutes(doc.duration);
    document.getElementById("total").textContent =
      "Agenda: " + minute + " minutes" + (duration !== null ? " of " + duration + " planned" : "") + ".";
    const table = document.getElementById("categories");
    table.replaceChildren();
    const order = data.categories.map((c) => c.id).concat(["break", "unknown"]);
    for (const id of order) {
      if (!perCategory[id]) continue;
      const share = minute > 0 ? Math.round(100 * perCategory[id] / minute) : 0;
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = id === "break" ? "#e6e6e6" : (colourOf[id] || "#8a8a8a");
      table.append(el("tr", { "data-category": id },
        el("td", {}, swatch, " " + id), el("td", { class: "num", text: perCategory[id] + " min" }),
        el("td", { class: "num", text: share + "%" })));
    }
  }

  // ---- the check: the server judges, the page shows --------------------------------------
  async function check() {
    const sequence = ++checkSequence;
    const answer = await call("POST", "/api/plans/" + encodeURIComponent(data.id) + "/check", doc);
    if (sequence < shownSequence) return;
    shownSequence = sequence;
    if (answer.status !== 200) {
      say(message, answer.data?.error || "The check failed (" + answer.status + ").", "error");
      return;
    }
    lastCheck = answer.data;
    showCheck(lastCheck);
    document.body.dataset.checked = String(sequence);
  }

  function showCheck(result) {
    for (const list of document.querySelectorAll("ul.findings")) list.replaceChildren();
    const side = document.getElementById("plan-findings");
    const names = {};
    for (const criterion of result.criteria) names[criterion.id] = criterion.name;
    for (const finding of result.findings) {
      let list = form.querySelector('ul.findings[data-part="' + CSS.escape(finding.part) + '"]');
      if (!list) list = side;
      const item = el("li", {
        class: "finding " + finding.severity, "data-id": finding.id, "data-criterion": finding.criterion || "",
        "data-line": finding.line,
      },
        el("span", { class: "severity", text: finding.severity }), " ",
        el("span", { class: "text", text: finding.message }),
        finding.criterion ? el("span", { class: "criterion", text: " — " + (names[finding.criterion] || finding.criterion) }) : null,
        el("span", { class: "where", text: " (line " + finding.line + ", " + finding.id + ")" }),
        finding.hint ? el("div", { class: "hint", text: finding.hint }) : null);
      list.append(item);
    }
    const criteria = document.getElementById("criteria");
    criteria.replaceChildren();
    for (const criterion of result.criteria) {
      criteria.append(el("li", { class: "criterion " + criterion.status, "data-criterion": criterion.id, title: criterion.summary },
        el("span", { class: "mark", text: criterion.status === "met" ? "✓" : criterion.status === "not-met" ? (criterion.essential ? "✗" : "!") : "—" }),
        " " + criterion.name + (criterion.essential ? " (essential)" : "")));
    }
    if (result.criteria.length === 0) {
      criteria.append(el("li", { class: "hint", text: "The rubric is judged once the errors of the format are fixed." }));
    }
    const verdict = document.getElementById("verdict");
    verdict.textContent = result.verdict;
    verdict.className = "badge " + result.verdict;
    document.getElementById("score").textContent = result.score === null || result.score === undefined ? "" : "score " + Math.round(result.score) + "%";
    document.getElementById("save").title = result.savable ? "" : "The plan has errors of the format; fix them to save.";
  }

  // ---- drag and drop (pointer events: mouse, pen and touch) -----------------------------
  let drag = null;
  function startDrag(event, index) {
    event.preventDefault();
    const card = document.getElementById("block-" + index);
    drag = { index, target: index, card };
    card.classList.add("dragging");
    document.addEventListener("pointermove", onDrag);
    document.addEventListener("pointerup", endDrag, { once: true });
  }
  function onDrag(event) {
    if (!drag) return;
    const cards = [...document.querySelectorAll("#blocks .block")];
    let target = cards.length - 1;
    for (let i = 0; i < cards.length; i++) {
      const box = cards[i].getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { target = i; break; }
    }
    // Dropping below one's own middle is "stay".
    if (target > drag.index) target -= 1;
    drag.target = Math.max(0, Math.min(target, cards.length - 1));
    for (const card of cards) card.classList.remove("drop-before", "drop-after");
    const marker = cards[drag.target];
    if (marker && drag.target !== drag.index) marker.classList.add(drag.target < drag.index ? "drop-before" : "drop-after");
  }
  function endDrag() {
    document.removeEventListener("pointermove", onDrag);
    if (!drag) return;
    const { index, target } = drag;
    drag = null;
    if (target !== index) {
      move(doc.agenda, index, target);
      structureChanged("#block-" + target + " .handle");
    } else {
      render();
    }
  }

  // ---- saving, conflicts, edits from outside --------------------------------------------
  async function save(base) {
    say(message, "Saving…");
    const answer = await call("PUT", "/api/plans/" + encodeURIComponent(data.id), { document: doc, base: { hash: base } });
    if (answer.status === 200) {
      version = answer.data.version.hash;
      saved = JSON.stringify(doc);
      diskChanged = false;
      lastCheck = answer.data.check;
      showCheck(lastCheck);
      document.getElementById("conflict").hidden = true;
      say(message, "Saved " + data.file, "ok");
    } else if (answer.status === 409 && answer.data?.disk) {
      showConflict(answer.data);
    } else {
      if (answer.data?.check) { lastCheck = answer.data.check; showCheck(lastCheck); }
      say(message, answer.data?.error || "Not saved (" + answer.status + ").", "error");
    }
  }

  function showConflict(answer) {
    const box = document.getElementById("conflict");
    const disk = answer.disk;
    box.replaceChildren(
      el("p", { class: "error", text: answer.error }),
      el("div", { class: "versions" },
        el("div", {}, el("h3", { text: "On disk now" }), el("pre", { class: "disk-version", text: disk.problem && !disk.document ? disk.problem : disk.text })),
        el("div", {}, el("h3", { text: "Yours (not saved)" }), el("pre", { class: "my-version", text: answer.mine || "" }))),
      el("button", { type: "button", id: "keep-mine", text: "Keep mine (replace the file)", onclick: () => save(disk.version.hash) }),
      " ",
      el("button", {
        type: "button", id: "take-disk", text: "Take the version on disk", disabled: !disk.document,
        onclick: () => { load(disk); box.hidden = true; },
      }));
    box.hidden = false;
    say(message, "Not saved: the file changed on disk.", "error");
  }

  function load(disk) {
    if (!disk.document) {
      say(message, "The file on disk cannot be opened as a form: " + (disk.problem || ""), "error");
      return;
    }
    doc = disk.document;
    version = disk.version.hash;
    saved = JSON.stringify(doc);
    diskChanged = false;
    render();
    check();
  }

  async function poll() {
    const answer = await call("GET", "/api/plans/" + encodeURIComponent(data.id) + "/version");
    if (answer.status !== 200 || answer.data.hash === version || diskChanged) return;
    if (answer.data.hash === "absent") {
      diskChanged = true;
      say(message, data.file + " was deleted on disk; Save shows what to do (your version is kept in this page).", "error");
      return;
    }
    if (!dirty()) {
      const disk = await call("GET", "/api/plans/" + encodeURIComponent(data.id));
      if (disk.status === 200) {
        load(disk.data);
        say(message, "Reloaded: " + data.file + " changed on disk.", "ok");
      }
    } else {
      diskChanged = true;
      say(message, data.file + " changed on disk while you were editing; saving will show both versions.", "error");
    }
  }
  setInterval(poll, 1500);

  document.getElementById("save").addEventListener("click", () => save(version));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(version); }
  });
  window.addEventListener("beforeunload", (event) => { if (dirty()) event.preventDefault(); });

  document.getElementById("delete").addEventListener("click", () => {
    document.getElementById("confirm-delete").hidden = false;
    document.getElementById("delete-no").focus();
  });
  document.getElementById("delete-no").addEventListener("click", () => { document.getElementById("confirm-delete").hidden = true; });
  document.getElementById("delete-yes").addEventListener("click", async () => {
    const answer = await call("DELETE", "/api/plans/" + encodeURIComponent(data.id) + "?base=" + encodeURIComponent(version));
    if (answer.status === 204) { saved = JSON.stringify(doc); doc = JSON.parse(saved); location.href = "/"; }
    else say(message, answer.data?.error || "Not deleted (" + answer.status + ").", "error");
  });
  document.getElementById("duplicate").addEventListener("click", () => {
    document.getElementById("duplicate-form").hidden = false;
    const input = document.getElementById("duplicate-id");
    input.value = data.id + "-copy";
    input.focus();
  });
  document.getElementById("duplicate-no").addEventListener("click", () => { document.getElementById("duplicate-form").hidden = true; });
  document.getElementById("duplicate-yes").addEventListener("click", async () => {
    const id = document.getElementById("duplicate-id").value.trim();
    const answer = await call("POST", "/api/plans", { id, from: "plan:" + data.id });
    if (answer.status === 201) location.href = "/plans/" + encodeURIComponent(id);
    else say(message, answer.data?.error || "Not copied (" + answer.status + ").", "error");
  });

  render();
})();
