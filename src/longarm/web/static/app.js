// longarm pages: highlight the path of a selected reason in the bill of materials or the
// ownership chains, and follow a batch job's progress. Plain JavaScript, no dependencies.
"use strict";

function clearHighlights() {
  document.querySelectorAll(".node.hl, .node.hl-end").forEach((n) => n.classList.remove("hl", "hl-end"));
  document.querySelectorAll(".reason.selected").forEach((r) => r.classList.remove("selected"));
}

function highlight(root, ids, sep) {
  let found = 0;
  for (let k = 1; k <= ids.length; k++) {
    const key = ids.slice(0, k).join(sep);
    root.querySelectorAll('.node[data-path="' + CSS.escape(key) + '"]').forEach((node) => {
      node.classList.add(k === ids.length ? "hl-end" : "hl");
      found++;
    });
  }
  return found;
}

function selectReason(button) {
  clearHighlights();
  button.classList.add("selected");
  const path = JSON.parse(button.dataset.path || "[]");
  if (!path.length) return;
  let target;
  if (button.dataset.kind === "owners") {
    // an ownership chain runs from the top owner down to the party; the drawing grows upward
    target = document.getElementById("ownership");
    if (target) highlight(target, path.slice().reverse(), "<");
  } else {
    target = document.getElementById("tree-" + button.dataset.line);
    if (target) highlight(target, path, "/");
  }
  const end = target && target.querySelector(".node.hl-end");
  if (end) end.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function followJob(box) {
  const url = box.dataset.statusUrl;
  const bar = box.querySelector(".bar");
  const text = box.querySelector(".progress-text");
  async function poll() {
    try {
      const answer = await fetch(url, { credentials: "same-origin" });
      const job = await answer.json();
      const pct = job.total ? Math.round((100 * job.done) / job.total) : 0;
      if (bar) bar.style.width = pct + "%";
      if (text) text.textContent = job.state + " · " + job.done + " of " + (job.total || "?") + " lines · " + pct + " %";
      box.dataset.state = job.state;
      if (job.state === "done" || job.state === "failed") {
        window.location.reload();
        return;
      }
    } catch (e) {
      if (text) text.textContent = "waiting for the server…";
    }
    setTimeout(poll, 700);
  }
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.reason").forEach((b) => b.addEventListener("click", () => selectReason(b)));
  document.querySelectorAll("[data-status-url]").forEach((box) => {
    if (box.dataset.state !== "done" && box.dataset.state !== "failed") followJob(box);
  });
});
