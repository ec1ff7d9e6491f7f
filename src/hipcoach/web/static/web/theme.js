// The light or dark look this device was set to on the account page ("as the device" keeps
// the device's own setting). Run before the page is drawn, so it never flashes the other look.
(function () {
  "use strict";
  try {
    var chosen = window.localStorage.getItem("hipcoach.theme");
    if (chosen === "light" || chosen === "dark") document.documentElement.dataset.theme = chosen;
  } catch (e) { /* storage unavailable: the device's own setting */ }
})();
