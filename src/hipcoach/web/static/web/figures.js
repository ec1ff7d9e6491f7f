// The exercise figure in the player: the working side's key poses (drawn on the server from the
// pose data), moving start → end and back in time with the step being played — a rep at its
// tempo, still at the end of a hold — or, for someone who prefers reduced motion, a still
// start → end pair. On Today it fetches the workout's figures once, so the player has them
// offline (the service worker keeps them). No framework, no build step.
(function () {
  "use strict";
  // ---- Today: the service worker keeps the figures of today's workout for offline use ----
  // (It fetches them itself, in the background: the page stays as light as it was.)
  var keep = document.getElementById("figure-urls");
  if (keep && "serviceWorker" in navigator) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ keepFigures: JSON.parse(keep.textContent) });
      }
    }).catch(function () { /* no service worker: figures load when shown */ });
  }

  // ---- the player ----
  var dataNode = document.getElementById("player-data");
  var box = document.getElementById("ex-figure");
  if (!dataNode || !box) return;
  var data = JSON.parse(dataNode.textContent);
  var figures = data.figures || {};
  var pace = data.pace > 0 ? data.pace : 1;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var caption = document.getElementById("ex-figure-alt");
  // "I'm facing the screen": a figure seen from the front has its left leg on the screen's
  // right, so someone copying it face to face moves the other leg; shown as in a mirror, the
  // working leg is on their own side. Remembered on this device.
  var MIRROR = "hipcoach.mirror";
  var mirrorToggle = document.getElementById("mirror-toggle");
  function mirrored() {
    try { return window.localStorage.getItem(MIRROR) === "1"; } catch (e) { return false; }
  }
  if (mirrorToggle) {
    mirrorToggle.checked = mirrored();
    mirrorToggle.addEventListener("change", function () {
      try {
        if (mirrorToggle.checked) window.localStorage.setItem(MIRROR, "1");
        else window.localStorage.removeItem(MIRROR);
      } catch (e) { /* storage refused: the choice holds for this page */ }
      if (shownSet) box.classList.toggle("mirrored", mirrorToggle.checked && !!shownSet.mirror);
    });
  }
  var images = [], shownSet = null, timers = [];

  function setFor(entry) {
    var sides = figures[entry.id];
    if (!sides) return null;
    return sides[entry.side] || sides.both || sides.left || null;
  }

  function build(set) {
    Array.prototype.slice.call(box.querySelectorAll("img")).forEach(function (img) { img.remove(); });
    var urls = reduced ? [set.urls[0], set.urls[set.urls.length - 1]] : set.urls;
    images = urls.map(function (url, i) {
      var img = document.createElement("img");
      img.src = url;
      img.alt = "";
      img.width = 320;
      img.height = 240;
      img.dataset.key = String(i);
      box.insertBefore(img, caption);
      return img;
    });
    caption.textContent = set.alt;
    box.setAttribute("aria-label", set.alt);
    box.dataset.side = set.side;
    box.classList.toggle("pair", reduced);
    box.classList.toggle("mirrored", !!set.mirror && (mirrorToggle ? mirrorToggle.checked : mirrored()));
    box.hidden = false;
    shownSet = set;
  }

  function show(index, seconds) {
    if (reduced) return;
    images.forEach(function (img, i) {
      img.style.transitionDuration = Math.max(0.15, seconds) + "s";
      img.classList.toggle("shown", i === index);
    });
    box.dataset.frame = String(index);
  }

  function later(ms, fn) { timers.push(setTimeout(fn, ms)); }
  function stop() { timers.forEach(clearTimeout); timers = []; }

  // One rep: out through the key poses and back, taking the rep's own time.
  function rep(seconds) {
    var last = images.length - 1;
    var path = [];
    for (var i = 1; i <= last; i++) path.push(i);
    for (var j = last - 1; j >= 0; j--) path.push(j);
    var each = seconds / path.length;
    path.forEach(function (index, k) {
      later(k * each * 1000, function () { show(index, each * 0.9); });
    });
  }

  // Paused, the figure stops where it is; on resume it shows the pose of the step it is in.
  var pauseButton = document.getElementById("btn-pause");
  var current = null;
  if (pauseButton && "MutationObserver" in window) {
    new MutationObserver(function () {
      if (pauseButton.getAttribute("aria-pressed") === "true") {
        stop();
        images.forEach(function (img) { img.style.transitionDuration = "0s"; });
      } else if (current) {
        show(current.kind === "hold" ? images.length - 1 : 0, 0.4);
      }
    }).observe(pauseButton, { attributes: true, attributeFilter: ["aria-pressed"] });
  }

  document.addEventListener("player:step", function (event) {
    var step = event.detail.step, entry = event.detail.entry;
    current = step;
    var set = setFor(entry);
    stop();
    if (!set) { box.hidden = true; shownSet = null; return; }
    if (set !== shownSet) { build(set); show(0, 0); }
    var seconds = step.seconds / pace;
    var last = images.length - 1;
    if (step.kind === "rep") {
      rep(seconds);
    } else if (step.kind === "hold") {
      show(last, Math.min(1.5, seconds / 3));
    } else if (step.kind === "work") {
      var cycle = Math.max(2, Math.min(4, seconds / 4));
      for (var t = 0; t + cycle <= seconds; t += cycle) {
        (function (at) { later(at * 1000, function () { rep(cycle); }); })(t);
      }
    } else {
      show(0, 0.6);
    }
  });
})();
