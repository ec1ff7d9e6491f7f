// The account page's "this device" part of the daily reminder: subscribe this browser to web
// push (with the server's VAPID key) and send the subscription to the server, or stop it.
// Shown only where the browser can receive pushes; the rest of the reminder form works without it.
// Its sentences come from the page (data-words-*), in the page's language.
(function () {
  "use strict";
  var box = document.getElementById("push-device");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  var status = document.getElementById("push-status");
  var on = document.getElementById("push-on");
  var off = document.getElementById("push-off");

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function serverKey() {
    var text = box.dataset.key.replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(text + "===".slice((text.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function tell(words) { status.textContent = words; }

  function said(name, problem) {
    return (box.dataset["words" + name] || "").replace("{problem}", problem || "");
  }

  function send(data) {
    return fetch(box.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.detail || said("Refused"));
        return answer;
      });
    });
  }

  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }

  on.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        tell(said("Blocked"));
        return;
      }
      return navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey() });
      }).then(function (subscription) {
        return send(subscription.toJSON());
      }).then(function () {
        show(true);
        tell(said("On"));
      });
    }).catch(function (error) { tell(said("NotOn", error.message)); });
  });

  off.addEventListener("click", function () {
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return;
      return send({ endpoint: subscription.endpoint, remove: true }).then(function () {
        return subscription.unsubscribe();
      });
    }).then(function () {
      show(false);
      tell(said("Off"));
    }).catch(function (error) { tell(said("NotOff", error.message)); });
  });

  // A browser may renew its subscription on its own: this device's current one is sent again
  // (the server keeps one row per address), so the reminder follows it.
  navigator.serviceWorker.ready.then(function (registration) {
    return registration.pushManager.getSubscription();
  }).then(function (subscription) {
    show(Boolean(subscription));
    if (subscription && Notification.permission === "granted") send(subscription.toJSON()).catch(function () {});
  });
  box.hidden = false;
})();
