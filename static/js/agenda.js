/* Codir · agenda: drag and drop ordering of the agenda (the "monter"/"descendre"
   buttons do the same without JavaScript), and copy buttons for calendar addresses.
   The numbers of the items are a CSS counter: they follow a move by themselves.
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

  // Each item is an <li> whose title <h3> carries the anchor id "point-<pk>".
  function itemId(li) {
    var title = li.querySelector(":scope > h3[id^='point-']");
    return title ? title.id.slice("point-".length) : null;
  }

  function items(list) {
    return Array.prototype.filter.call(list.children, function (li) {
      return li.tagName === "LI" && itemId(li) !== null;
    });
  }

  function currentIds(list) {
    return items(list).map(itemId);
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
    items(list).forEach(function (li) {
      li.setAttribute("draggable", "true");
      li.classList.add("is-draggable");
    });
    list.addEventListener("dragstart", function (event) {
      var li = event.target.closest && event.target.closest("li");
      while (li && li.parentElement !== list) { li = li.parentElement.closest("li"); }
      if (!li || itemId(li) === null) { return; }
      dragged = li;
      before = currentIds(list);
      li.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", itemId(li));
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var target = event.target.closest && event.target.closest("li");
      while (target && target.parentElement !== list) { target = target.parentElement.closest("li"); }
      if (!target || target === dragged) { return; }
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
    if (!target) { return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus({ preventScroll: false });
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
