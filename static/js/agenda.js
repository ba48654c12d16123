/* Codir · agenda: drag and drop ordering of the agenda (the "monter"/"descendre"
   buttons do the same without JavaScript), and copy buttons for calendar addresses.
   No inline script (CSP); the CSRF token comes from the body's hx-headers. */
(function () {
  "use strict";

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      return headers["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function announce(text) {
    var status = document.getElementById("agenda-status");
    if (status) { status.textContent = text; }
  }

  function currentIds(list) {
    return Array.prototype.map.call(list.querySelectorAll(":scope > li[data-item-id]"), function (li) {
      return li.getAttribute("data-item-id");
    });
  }

  function renumber(list) {
    list.querySelectorAll(":scope > li .agenda-number").forEach(function (span, index) {
      span.textContent = String(index + 1);
    });
  }

  function save(list, before) {
    var ids = currentIds(list);
    if (ids.join(",") === before.join(",")) { return; }
    var body = new FormData();
    ids.forEach(function (id) { body.append("ids", id); });
    var saved = list.getAttribute("data-saved");
    var failed = list.getAttribute("data-failed");
    fetch(list.getAttribute("data-reorder-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var wrapper = document.getElementById("agenda-items");
      var template = document.createElement("template");
      template.innerHTML = html.trim();
      var fresh = template.content.firstElementChild;
      if (wrapper && fresh) {
        wrapper.replaceWith(fresh);
        init();
      }
      announce(saved);
    }).catch(function () {
      announce(failed);
      window.setTimeout(function () { window.location.reload(); }, 1500);
    });
  }

  function sortable(list) {
    var dragged = null;
    var before = [];
    list.querySelectorAll(":scope > li[data-item-id]").forEach(function (li) {
      li.setAttribute("draggable", "true");
      li.classList.add("is-draggable");
    });
    list.addEventListener("dragstart", function (event) {
      var li = event.target.closest && event.target.closest("li[data-item-id]");
      if (!li || li.parentElement !== list) { return; }
      dragged = li;
      before = currentIds(list);
      li.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", li.getAttribute("data-item-id"));
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var target = event.target.closest && event.target.closest("li[data-item-id]");
      if (!target || target === dragged || target.parentElement !== list) { return; }
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? target.nextSibling : target);
    });
    list.addEventListener("drop", function (event) {
      if (dragged) { event.preventDefault(); }
    });
    list.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("is-dragging");
      dragged = null;
      renumber(list);
      save(list, before);
    });
  }

  function copyButtons() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("input.feed-url").forEach(function (input) {
      if (input.nextElementSibling && input.nextElementSibling.classList.contains("feed-copy")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-small button-secondary feed-copy";
      button.textContent = document.documentElement.lang === "en" ? "Copy" : "Copier";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          button.textContent = document.documentElement.lang === "en" ? "Copied" : "Copié";
        });
      });
      input.addEventListener("focus", function () { input.select(); });
      input.insertAdjacentElement("afterend", button);
    });
  }

  function focusFromHash() {
    if (!window.location.hash || window.location.hash.indexOf("#point-") !== 0) { return; }
    var target = document.getElementById(window.location.hash.slice(1));
    if (target) { target.focus({ preventScroll: false }); }
  }

  function init() {
    document.querySelectorAll("ol.agenda-sortable[data-reorder-url]").forEach(sortable);
  }

  document.addEventListener("DOMContentLoaded", function () {
    init();
    copyButtons();
    focusFromHash();
  });
})();
