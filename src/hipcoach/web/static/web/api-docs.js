// The API docs page: Swagger UI titles the page with an h1, then starts its sections (the
// groups of endpoints, the schemas) at h3, skipping a level, and nests from there. A screen
// reader's list of headings should read them one level up, as they are. Swagger UI draws (and
// redraws) its own markup as sections open, so this follows it as it changes.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !("MutationObserver" in window)) return;
  function level() {
    root.querySelectorAll("h3, h4, h5, h6").forEach(function (h) {
      if (!h.hasAttribute("aria-level")) {
        h.setAttribute("aria-level", String(Number(h.tagName.charAt(1)) - 1));
      }
    });
  }
  new MutationObserver(level).observe(root, { childList: true, subtree: true });
  level();
})();
