/* Codir · the live meeting. The page follows the facilitator without being reloaded:
   an EventSource on the meeting's event stream says when the live state changed, then
   the fragment is fetched and swapped into #live-state. If the stream cannot be opened
   (old browser, proxy that buffers), the fragment is polled every two seconds.
   The secretary's notes survive a swap: a text area with the focus or unsaved text keeps
   its text, its caret and the focus. Clocks tick here from the server's figures.
   No inline script (CSP). */
(function () {
  "use strict";

  var container = document.getElementById("live-state");
  if (!container) { return; }
  var eventsUrl = container.getAttribute("data-events-url");
  var fragmentUrl = container.getAttribute("data-fragment-url");
  var announcer = document.getElementById("live-announce");
  var connectionNote = document.getElementById("live-connection");
  var POLL_MS = 2000;

  function state() { return container.querySelector(".live-state"); }

  function version() {
    var node = state();
    return node ? parseInt(node.getAttribute("data-version"), 10) : -1;
  }

  function currentItem() {
    var node = state();
    return node ? node.getAttribute("data-current-item") || "" : "";
  }

  // --- Clocks ------------------------------------------------------------------------

  var base = performance.now();

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = (m < 10 ? "0" : "") + m;
    var ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  function tick() {
    var passed = Math.floor((performance.now() - base) / 1000);
    container.querySelectorAll("[data-clock]").forEach(function (clock) {
      var running = clock.getAttribute("data-running") === "1";
      var value = parseInt(clock.getAttribute("data-elapsed"), 10) + (running ? passed : 0);
      clock.textContent = format(value);
      var planned = parseInt(clock.getAttribute("data-planned") || "0", 10);
      if (planned) { clock.classList.toggle("is-over", value > planned); }
    });
    container.querySelectorAll("[data-phases-elapsed]").forEach(function (list) {
      var elapsed = parseInt(list.getAttribute("data-phases-elapsed"), 10) + passed;
      var phases = list.querySelectorAll("[data-phase-from]");
      phases.forEach(function (phase, index) {
        var from = parseInt(phase.getAttribute("data-phase-from"), 10);
        var to = parseInt(phase.getAttribute("data-phase-to"), 10);
        var last = index === phases.length - 1;
        var current = elapsed >= from && (elapsed < to || last);
        phase.className = current ? "phase-current" : (elapsed >= to ? "phase-past" : "phase-next");
        if (current) { phase.setAttribute("aria-current", "step"); }
        else { phase.removeAttribute("aria-current"); }
      });
    });
  }

  window.setInterval(tick, 1000);

  // --- Swapping the fragment, keeping what the person is doing ----------------------

  function capture() {
    var active = document.activeElement;
    var kept = { focusId: null, start: null, end: null, notes: [] };
    if (active && container.contains(active) && active.id) {
      kept.focusId = active.id;
      if (typeof active.selectionStart === "number") {
        kept.start = active.selectionStart;
        kept.end = active.selectionEnd;
      }
    }
    container.querySelectorAll("textarea[data-saved]").forEach(function (area) {
      if (area === active || area.value !== area.getAttribute("data-saved")) {
        kept.notes.push({ id: area.id, value: area.value, dirty: area.value !== area.getAttribute("data-saved") });
      }
    });
    return kept;
  }

  function restore(kept) {
    kept.notes.forEach(function (note) {
      var area = document.getElementById(note.id);
      if (!area || area.value === note.value) { return; }
      area.value = note.value;
      if (note.dirty) {
        // The save that was waiting may have been lost with the old form: ask again.
        area.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    if (kept.focusId) {
      var element = document.getElementById(kept.focusId);
      if (element && !element.disabled) {
        element.focus({ preventScroll: true });
        if (kept.start !== null && typeof element.setSelectionRange === "function") {
          try { element.setSelectionRange(kept.start, kept.end); } catch (error) { /* radio */ }
        }
      }
    }
  }

  function updated(previousItem) {
    base = performance.now();
    tick();
    var now = currentItem();
    if (now !== previousItem && announcer) {
      var node = state();
      var title = node ? node.getAttribute("data-current-title") : "";
      announcer.textContent = title ? announcer.getAttribute("data-prefix") + title : "";
    }
    document.dispatchEvent(new CustomEvent("live:updated", { detail: { version: version() } }));
  }

  function swap(html) {
    var kept = capture();
    var previousItem = currentItem();
    container.innerHTML = html;
    if (window.htmx) { window.htmx.process(container); }
    restore(kept);
    updated(previousItem);
  }

  var loading = false;
  var again = false;

  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(fragmentUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "HX-Request": "true" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      var fresh = template.content.querySelector(".live-state");
      var freshVersion = fresh ? parseInt(fresh.getAttribute("data-version"), 10) : -2;
      if (freshVersion !== version()) { swap(html); }
    }).catch(function () { /* next event or poll tries again */ }).then(function () {
      loading = false;
      if (again) { again = false; refresh(); }
    });
  }

  // The actions (htmx) answer with the fragment: keep notes and focus there too.
  var pending = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target === container) {
      pending = { kept: capture(), item: currentItem() };
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === container && pending) {
      restore(pending.kept);
      updated(pending.item);
      pending = null;
    }
  });
  // Notes refused (409, the meeting was closed meanwhile): show why in the status line.
  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr.status === 409 && container.contains(event.detail.target)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // Notes saved: what the server has is now what was sent.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var area = event.detail.elt.querySelector && event.detail.elt.querySelector("textarea[data-saved]");
    if (area) { event.detail.elt.setAttribute("data-sending", area.value); }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    var area = form.querySelector && form.querySelector("textarea[data-saved]");
    if (area && event.detail.xhr.status === 200 && form.hasAttribute("data-sending")) {
      area.setAttribute("data-saved", form.getAttribute("data-sending"));
    }
  });

  // --- Being told of changes ----------------------------------------------------------

  var poller = null;

  function poll() {
    if (poller) { return; }
    if (connectionNote) { connectionNote.hidden = false; }
    poller = window.setInterval(refresh, POLL_MS);
  }

  if (window.EventSource && eventsUrl) {
    var failures = 0;
    var source = new EventSource(eventsUrl + "?v=" + version());
    source.addEventListener("open", function () { failures = 0; });
    source.addEventListener("change", function (event) {
      failures = 0;
      if (parseInt(event.data, 10) !== version()) { refresh(); }
    });
    source.addEventListener("error", function () {
      // A stream ends every minute and the browser reconnects: only repeated failures
      // without a successful connection mean the push channel does not work here.
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        poll();
      }
    });
  } else {
    poll();
  }
})();
