// Every page: the service worker, and the queue of records made offline.
// A record (a workout, a pain report) is queued with an idempotency key before it is sent, and
// sent again until the server has it; the server keeps each key once, so a record sent twice
// (a lost answer, two tabs) is still stored once. The queue belongs to the person who made it:
// records are only sent while that same person is logged in.
(function () {
  "use strict";
  // "Today" is the person's own day: the server reads their time zone from this cookie. An IANA
  // name ("America/Los_Angeles") is a valid cookie value as it is: it is stored unencoded, as
  // the server reads it (an encoded one, "Pacific%2FKiritimati", was once read as no zone).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var stored = document.cookie.split(/;\s*/).indexOf("hipcoach_tz=" + zone) !== -1;
    if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone) && !stored) {
      document.cookie = "hipcoach_tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (e) { /* no Intl: the server's day is used */ }
})();

(function () {
  "use strict";
  var STORE = "hipcoach.queue";
  var body = document.body;
  var user = body.dataset.user || "";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function save(items) { window.localStorage.setItem(STORE, JSON.stringify(items)); }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function mine(items) { return items.filter(function (i) { return i.user === user; }); }

  function render(note) {
    var node = document.getElementById("queue-status");
    if (!node) return;
    var waiting = user ? mine(load()) : [];
    if (!waiting.length && !note) { node.hidden = true; node.textContent = ""; return; }
    var text = waiting.length
      ? "Waiting to be sent: " + waiting.map(function (i) { return i.label; }).join(", ") + ". " +
        (navigator.onLine ? "Sending…" : "It will be sent when you are back online.")
      : note;
    node.textContent = text;
    node.hidden = false;
    body.dataset.queued = String(waiting.length);
  }

  var flushing = false;
  function flush() {
    if (flushing || !user) { render(); return Promise.resolve(); }
    var pending = mine(load());
    if (!pending.length) { render(); return Promise.resolve(); }
    flushing = true;
    var sent = 0;
    var chain = pending.reduce(function (previous, item) {
      return previous.then(function () {
        return fetch(item.url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(),
            "Idempotency-Key": item.key },
          body: JSON.stringify(item.body)
        }).then(function (response) {
          // 2xx: stored (or stored before). Other 4xx but 401/403: the record itself is wrong
          // and will never be accepted, so it leaves the queue with a note instead of looping.
          var done = response.ok || (response.status >= 400 && response.status < 500 &&
            response.status !== 401 && response.status !== 403);
          if (done) {
            save(load().filter(function (i) { return i.key !== item.key; }));
            if (response.ok) sent++;
            else item.rejected = true;
          }
        }).catch(function () { /* offline: keep it for later */ });
      });
    }, Promise.resolve());
    return chain.then(function () {
      flushing = false;
      render(sent ? "Sent: everything you logged is saved." : "");
      body.dataset.sent = String(Number(body.dataset.sent || 0) + sent);
    });
  }

  function add(item) {
    item.user = user;
    item.queued_at = new Date().toISOString();
    var items = load();
    items.push(item);
    save(items);
    render();
  }

  window.hipcoach = { queue: { add: add, flush: flush, pending: function () { return mine(load()); } } };

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { render(); });

  if ("serviceWorker" in navigator) {
    if (body.dataset.sw) {
      navigator.serviceWorker.register(body.dataset.sw, { scope: "/" }).catch(function () {});
      if (body.dataset.keepOffline && navigator.onLine) {
        navigator.serviceWorker.ready.then(function (registration) {
          if (registration.active) registration.active.postMessage("keep-pages");
        });
      }
    } else if (!user && window.caches) {
      // Logged out: forget the pages kept for offline use, they were someone's own.
      caches.keys().then(function (keys) {
        keys.forEach(function (key) { if (key.indexOf("hipcoach-pages") === 0) caches.delete(key); });
      });
    }
  }

  // Forms that should act on change (the "running after this" switch), with a button as fallback.
  document.querySelectorAll("[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.submit(); });
    var fallback = form.querySelector("[data-fallback]");
    if (fallback) fallback.hidden = true;
  });

  // A one-tap form (the next-morning pain check) works offline too: with no network its
  // answer joins the queue instead of being posted.
  document.querySelectorAll("form[data-offline-url]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine || !event.submitter) return;
      event.preventDefault();
      add({ key: window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()),
        url: form.dataset.offlineUrl, label: form.dataset.label,
        body: { date: form.dataset.date, when: form.elements.when.value,
          score: Number(event.submitter.value) } });
      var section = form.closest("section");
      if (section) section.hidden = true;
    });
  });

  document.addEventListener("DOMContentLoaded", function () { render(); flush(); });
  if (document.readyState !== "loading") { render(); flush(); }
})();

// The safety check: "None of these" and a ticked question exclude each other (the server
// refuses both together; this saves a round trip).
(function () {
  "use strict";
  var none = document.querySelector("input[name=none_of_these]");
  if (!none) return;
  var flags = Array.prototype.slice.call(document.querySelectorAll("input[name=red_flags]"));
  none.addEventListener("change", function () {
    if (none.checked) flags.forEach(function (f) { f.checked = false; });
  });
  flags.forEach(function (f) {
    f.addEventListener("change", function () { if (f.checked) none.checked = false; });
  });
})();
