// Every page: the service worker, and the queue of records made offline.
// A record (an exercise and side, a workout, a pain report) is queued with an idempotency key
// before it is sent, and sent again until the server has it; the server keeps each key once, so
// a record sent twice (a lost answer, two tabs) is still stored once. A record the server
// refuses stays queued and is shown, with the reason, until the person sends it again or removes
// it: nothing is dropped in silence. The queue belongs to the person who made it: records are
// only sent while that same person is logged in.
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
  var RETRY_MS = 30000;
  var body = document.body;
  var user = body.dataset.user || "";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function save(items) {
    try { window.localStorage.setItem(STORE, JSON.stringify(items)); } catch (e) { /* full */ }
  }
  function update(key, change) {
    save(load().map(function (i) { return i.key === key ? change(i) : i; }));
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function mine(items) { return items.filter(function (i) { return i.user === user; }); }
  function waiting(items) { return items.filter(function (i) { return !i.refused; }); }
  function refused(items) { return items.filter(function (i) { return i.refused; }); }

  // What waits is said in the status line; what the server refused stays, each with its reason
  // and a choice (send again, or remove it), until the person decides: nothing is dropped.
  function render(note) {
    var node = document.getElementById("queue-status");
    if (!node) return;
    var items = user ? mine(load()) : [];
    var queued = waiting(items);
    // While the player runs online, each exercise is sent as it ends: no chatter over the cues.
    var quiet = body.dataset.playing === "1" && navigator.onLine;
    var text = queued.length && !quiet
      ? "Waiting to be sent: " + queued.map(function (i) { return i.label; }).join(", ") + ". " +
        (navigator.onLine ? "Sending…" : "It will be sent when you are back online.")
      : quiet ? "" : (note || "");
    node.textContent = text;
    node.hidden = !text;
    body.dataset.queued = String(queued.length);
    renderRefused(node, refused(items));
  }

  function renderRefused(after, items) {
    var box = document.getElementById("queue-refused");
    body.dataset.refused = String(items.length);
    if (!items.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "queue-refused";
      box.className = "queue refused";
      box.setAttribute("aria-labelledby", "queue-refused-h");
      after.parentNode.insertBefore(box, after.nextSibling);
    }
    box.textContent = "";
    var heading = document.createElement("h2");
    heading.id = "queue-refused-h";
    heading.textContent = "Not saved yet: the server did not accept " +
      (items.length === 1 ? "this record" : "these records");
    box.appendChild(heading);
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(item.label + ": " + item.refused + " "));
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button small";
      again.textContent = "Send again";
      again.addEventListener("click", function () {
        update(item.key, function (i) { delete i.refused; return i; });
        flush();
      });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button small";
      remove.textContent = "Remove";
      remove.addEventListener("click", function () {
        if (!window.confirm("Remove “" + item.label + "” from this device? It is not saved anywhere else.")) return;
        save(load().filter(function (i) { return i.key !== item.key; }));
        render();
      });
      li.appendChild(again);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function reason(response) {
    return response.json().then(function (answer) {
      var detail = answer && answer.detail;
      if (Array.isArray(detail)) {
        detail = detail.map(function (d) { return (d.loc || []).slice(1).join(".") + " " + d.msg; }).join("; ");
      }
      return detail ? String(detail) : "refused (" + response.status + ")";
    }).catch(function () { return "refused (" + response.status + ")"; });
  }

  // Answers worth waiting out (no login, too many requests, the server down or busy) leave a
  // record queued; any other 4xx means the server will not take it as it is: it is kept as
  // refused and shown, never dropped in silence.
  function retryLater(status) {
    return status === 401 || status === 403 || status === 408 || status === 425 ||
      status === 429 || status >= 500;
  }

  var flushing = false, again = false, retryTimer = null;
  function flush() {
    if (!user) { render(); return Promise.resolve(); }
    if (flushing) { again = true; return Promise.resolve(); }
    var pending = waiting(mine(load()));
    if (!pending.length) { render(); return Promise.resolve(); }
    flushing = true;
    var sent = 0;
    var chain = pending.reduce(function (previous, item) {
      return previous.then(function () {
        return fetch(item.url, {
          method: "POST",
          credentials: "same-origin",
          keepalive: true,
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(),
            "Idempotency-Key": item.key },
          body: JSON.stringify(item.body)
        }).then(function (response) {
          if (response.ok) {
            save(load().filter(function (i) { return i.key !== item.key; }));
            sent++;
            // The answer, for a page that waits for it (the player's pain check: what it means).
            return response.json().then(function (answer) {
              document.dispatchEvent(new CustomEvent("queue:answered",
                { detail: { key: item.key, answer: answer } }));
            }).catch(function () { /* not JSON: nothing to tell */ });
          }
          if (retryLater(response.status)) return;
          return reason(response).then(function (why) {
            update(item.key, function (i) { i.refused = why; return i; });
          });
        }).catch(function () { /* offline or unreachable: kept for later */ });
      });
    }, Promise.resolve());
    return chain.then(function () {
      flushing = false;
      body.dataset.sent = String(Number(body.dataset.sent || 0) + sent);
      render(sent ? "Sent: everything you logged is saved." : "");
      document.dispatchEvent(new CustomEvent("queue:flushed", { detail: { sent: sent } }));
      if (again) { again = false; return flush(); }
      if (waiting(mine(load())).length && navigator.onLine && !retryTimer) {
        retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, RETRY_MS);
      }
    });
  }

  function add(item) {
    item.user = user;
    item.queued_at = new Date().toISOString();
    var items = load();
    // One record per key: a record added twice (a double tap) is still one record.
    if (!items.some(function (i) { return i.key === item.key; })) items.push(item);
    save(items);
    render();
  }

  window.hipcoach = { queue: { add: add, flush: flush, render: render,
    pending: function () { return mine(load()); } } };

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
    if (!user && navigator.serviceWorker.getRegistration) {
      // Logged out: this device no longer shows the person's reminders (their workout is
      // theirs); the push service then tells the server the subscription is gone.
      navigator.serviceWorker.getRegistration("/").then(function (registration) {
        if (registration && registration.pushManager) {
          return registration.pushManager.getSubscription().then(function (s) { if (s) return s.unsubscribe(); });
        }
      }).catch(function () {});
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
          score: Number(event.submitter.value),
          side: form.elements.side ? form.elements.side.value : "both",
          place: form.elements.place ? form.elements.place.value : "unspecified" } });
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

// A "Copy" button copies the text of the element it names (the calendar address), and says so.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) { button.hidden = true; return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
      });
    });
  });
})();

// The install prompt, at a sensible moment: the browser's offer is kept, and shown as a button
// only where the page has one (the today page, once a workout has been finished), never on
// arrival.
(function () {
  "use strict";
  var offer = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offer = event;
    var button = document.getElementById("install-app");
    if (button) button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#install-app");
    if (!button || !offer) return;
    offer.prompt();
    offer.userChoice.then(function () { button.hidden = true; offer = null; });
  });
  window.addEventListener("appinstalled", function () {
    var button = document.getElementById("install-app");
    if (button) button.hidden = true;
  });
})();

// After an account is deleted, this browser forgets what it kept of that person: the workout in
// progress, the records waiting to be sent (there is no account left to send them to), and the
// pages kept for offline use. The app's own offline page stays.
(function () {
  "use strict";
  var gone = document.body.dataset.forgetUser;
  if (!gone) return;
  try {
    window.localStorage.removeItem("hipcoach.workout." + gone);
    var queue = JSON.parse(window.localStorage.getItem("hipcoach.queue") || "[]");
    window.localStorage.setItem("hipcoach.queue", JSON.stringify(
      queue.filter(function (item) { return String(item.user) !== gone; })));
  } catch (e) { /* storage unavailable: nothing kept */ }
  if (window.caches) {
    caches.keys().then(function (keys) {
      keys.forEach(function (key) { if (key.indexOf("hipcoach-pages") === 0) caches.delete(key); });
    });
  }
})();

// The look chosen on the account page, for this device: kept in its storage (theme.js applies
// it before each page is drawn), applied at once.
(function () {
  "use strict";
  var choice = document.getElementById("theme-choice");
  if (!choice) return;
  var current = "device";
  try { current = window.localStorage.getItem("hipcoach.theme") || "device"; } catch (e) { return; }
  choice.hidden = false;
  var radio = document.getElementById("theme-" + current);
  if (radio) radio.checked = true;
  choice.addEventListener("change", function (event) {
    var value = event.target.value;
    try {
      if (value === "device") window.localStorage.removeItem("hipcoach.theme");
      else window.localStorage.setItem("hipcoach.theme", value);
    } catch (e) { return; }
    if (value === "device") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = value;
  });
})();
