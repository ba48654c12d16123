// A region that scrolls sideways or down (a wide table, a long source text) must be
// reachable with the keyboard (WCAG 2.1.1, axe "scrollable-region-focusable"): give it
// tabindex="0", the role "region" and a name taken from its table's caption or its
// heading. Regions that fit are left alone, so they add no needless tab stop.
(function () {
  "use strict";
  var SELECTOR = ".table-wrap, .minutes-source";

  function nameOf(region) {
    var caption = region.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var section = region.closest("section, .card");
    var heading = section && section.querySelector("h2, h3");
    return heading ? heading.textContent.trim() : document.title;
  }

  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (region) {
      var scrolls = region.scrollWidth > region.clientWidth + 1 ||
        region.scrollHeight > region.clientHeight + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", nameOf(region));
        region.dataset.scrollRegion = "1";
      } else if (!scrolls && region.dataset.scrollRegion) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
        delete region.dataset.scrollRegion;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
