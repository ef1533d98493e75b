// legation dashboard: progressive enhancement only (every page works without it).
"use strict";

// Filter forms navigate to a clean, shareable URL: empty fields are left out.
function cleanSubmit(form, event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    const text = String(value).trim();
    if (text) params.append(name, text);
  }
  const action = form.getAttribute("action") || window.location.pathname;
  const query = params.toString();
  window.location.assign(action + (query ? "?" + query : ""));
}

// The dyad form: /dyad?a=…&b=… resolves names ("North Korea") and redirects to /dyad/A/B.
function dyadSubmit(form, event) {
  event.preventDefault();
  const a = form.elements.namedItem("a").value.trim();
  const b = form.elements.namedItem("b").value.trim();
  if (a && b) window.location.assign("/dyad?" + new URLSearchParams({ a, b }).toString());
}

// Hovering a country in the network lights its ties and fades the rest.
function networkHover(svg) {
  const edges = svg.querySelectorAll(".edge");
  for (const node of svg.querySelectorAll(".node")) {
    const id = node.dataset.id;
    node.addEventListener("mouseenter", () => {
      for (const edge of edges) {
        const mine = edge.dataset.source === id || edge.dataset.target === id;
        edge.classList.toggle("lit", mine);
        edge.classList.toggle("faded", !mine);
      }
    });
    node.addEventListener("mouseleave", () => {
      for (const edge of edges) edge.classList.remove("lit", "faded");
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-filters]")) {
    form.addEventListener("submit", (event) => cleanSubmit(form, event));
    if (form.hasAttribute("data-autosubmit")) {
      for (const field of form.querySelectorAll("select, input[type=checkbox]")) {
        field.addEventListener("change", () => form.requestSubmit());
      }
    }
  }
  for (const form of document.querySelectorAll("form[data-dyad]")) {
    form.addEventListener("submit", (event) => dyadSubmit(form, event));
  }
  for (const svg of document.querySelectorAll("svg.network")) networkHover(svg);
});
