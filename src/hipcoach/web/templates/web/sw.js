// hipcoach's service worker (version {{ version }}): today's workout and the player work offline.
// Pages: network first, the last copy when offline. Static files: cache first (their names
// change with their version). The API is never cached; records made offline wait in the page's
// queue (app.js), not here.
"use strict";
var PAGES = "hipcoach-pages-{{ version }}";
var STATIC = "hipcoach-static-{{ version }}";
var PRECACHE_PAGES = {{ pages|safe }};
var PRECACHE_STATIC = {{ static_files|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all([
    // The offline page is no one's own: it is kept with the static files, so that logging out
    // (which forgets the pages kept, they were the person's) never leaves the browser's error.
    caches.open(STATIC).then(function (cache) {
      return cache.addAll(PRECACHE_STATIC.concat(["{{ offline_url }}"]));
    }),
    keepPages()
  ]).then(function () { return self.skipWaiting(); }));
});

// Each page is fetched once for a while, however often it is asked for: on the first visit the
// worker keeps the pages as it installs and the today page asks again as soon as it is ready.
// A page not kept (a redirect while the person is not set up yet) is fetched again next time.
var KEEP_FRESH_MS = 60 * 1000;
var kept = {};  // page → {at, done}: this worker's last fetch of it

function keepPages() {
  return caches.open(PAGES).then(function (cache) {
    return Promise.all(PRECACHE_PAGES.map(function (url) { return keepPage(cache, url); }));
  });
}

function keepPage(cache, url) {
  var last = kept[url];
  if (last && Date.now() - last.at < KEEP_FRESH_MS) return last.done;
  var entry = { at: Date.now() };
  var forget = function () { if (kept[url] === entry) delete kept[url]; };
  entry.done = fetch(url, { credentials: "same-origin" }).then(function (r) {
    if (r.ok && !r.redirected) return cache.put(url, r);
    forget();
  }).catch(forget);
  kept[url] = entry;
  return entry.done;
}

// The today page asks for its pages to be kept (at install the person may not have had a
// program yet, and the player may never have been opened online).
self.addEventListener("message", function (event) {
  if (event.data === "keep-pages") event.waitUntil(keepPages());
  // The today page names the figures of today's workout: keep them for the player offline.
  if (event.data && Array.isArray(event.data.keepFigures)) {
    var wanted = event.data.keepFigures.filter(function (url) {
      return typeof url === "string" && url.indexOf("{{ figures_url }}") === 0;
    });
    event.waitUntil(caches.open(STATIC).then(function (cache) {
      return Promise.all(wanted.map(function (url) {
        return cache.match(url).then(function (hit) {
          if (hit) return;
          return fetch(url, { credentials: "same-origin" }).then(function (r) {
            if (r.ok && !r.redirected) return cache.put(url, r);
          }).catch(function () {});
        });
      }));
    }));
  }
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("hipcoach-") === 0 && key !== PAGES && key !== STATIC;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function isPage(request, url) {
  return request.mode === "navigate" || PRECACHE_PAGES.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/api/") === 0) return;
  // Static files, exercise figures (their URLs carry the drawing's version) and the camera
  // test's pose model (its URLs carry the package's version): cache first, so a re-test by
  // camera works offline once the model has been loaded.
  if (url.pathname.indexOf("{{ static_url }}") === 0 || url.pathname.indexOf("{{ figures_url }}") === 0 ||
      url.pathname.indexOf("{{ pose_url }}") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(STATIC).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  if (!isPage(request, url)) return;
  var key = url.pathname + url.search;
  event.respondWith(fetch(request).then(function (response) {
    // Keep only real pages of a logged-in person; a redirect to the log-in page is not one.
    if (response.ok && !response.redirected && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    // Offline: the page as last seen, else the app's offline page (never the browser's error).
    return caches.open(PAGES).then(function (cache) {
      return cache.match(key)
        .then(function (hit) { return hit || cache.match(url.pathname); })
        .then(function (hit) { return hit || caches.match("{{ offline_url }}"); })
        .then(function (hit) { return hit || Response.error(); });
    });
  }));
});

// The daily reminder (web push, sent by `hipcoach worker`): the day's workout, or why there is
// none, as a notification; tapping it opens the page it names (the player), in a window of the
// app already open if there is one. Only this app's own pages are opened.
var REMINDER_ICON = "{{ icon_url }}";

self.addEventListener("push", function (event) {
  var message = {};
  try { message = event.data ? event.data.json() : {}; } catch (e) { message = {}; }
  var title = typeof message.title === "string" && message.title ? message.title : "hipcoach";
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof message.body === "string" ? message.body : "",
    tag: typeof message.tag === "string" ? message.tag : "hipcoach-reminder",
    icon: REMINDER_ICON,
    badge: REMINDER_ICON,
    data: { url: typeof message.url === "string" ? message.url : "{{ today_url }}" }
  }));
});

function ownPage(path) {
  var url = new URL(path || "{{ today_url }}", self.location.origin);
  return url.origin === self.location.origin ? url.href : new URL("{{ today_url }}", self.location.origin).href;
}

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = ownPage(event.notification.data && event.notification.data.url);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (new URL(windows[i].url).origin === self.location.origin && "navigate" in windows[i]) {
        return windows[i].navigate(target).then(function (client) { return client && client.focus(); });
      }
    }
    return self.clients.openWindow(target);
  }));
});
