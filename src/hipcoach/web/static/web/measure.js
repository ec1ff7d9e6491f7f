// The guided seated test of hip internal rotation, hands-free after one tap, by one of two ways:
// the phone's own tilt sensor (the phone flat along the front of the shin), or its camera (the
// phone propped in front; measure-camera.js). The person sits on a high edge, knee at 90°; the
// shin hanging straight down is the zero, and each trial is the angle the shin has swung out
// from it, taken only once the reading is steady. The steps below are the same for both ways;
// a way supplies the reading, its zero and its words. The steps are spoken (a voice on the
// device only) and shown as captions. At the end the trials fill the page's own form
// (#trial-form), which is sent as typed numbers would be: the server's checks are the one door.
// Only those angles leave the phone. No framework, no build step.
(function () {
  "use strict";
  var root = document.getElementById("guided");
  var form = document.getElementById("trial-form");
  if (!root || !form) return;

  // A trial is taken when the reading stays within STEADY_DEG for STEADY_MS.
  var STEADY_DEG = 1;
  var STEADY_MS = 1000;
  var TICK_MS = 100;          // the reading is sampled this often
  var PLACE_S = 10;           // seconds to lay the phone on the shin before it is zeroed
  var UPRIGHT_DEG = 30;       // at zero the phone's long side is within this of vertical
  var MIN_SWING_DEG = 3;      // a trial needs the foot swung out at least this far
  var RETURN_DEG = 5;         // "hanging straight down again": within this of the zero
  var KNEE_DRIFT_DEG = 15;    // the foot come forward more than this (the knee straightening)
  var NO_READING_MS = 3000;   // no reading from the sensor by then: the browser has none
  var SAVE_DELAY_S = 6;       // the result is said and shown this long before it is sent
  var TRIALS = 3;             // a side's trials (R1), and a fourth when they disagree
  // The camera's reading, a median of landmarks found afresh in each frame, moves by a degree
  // or so between frames even on a held pose: steady for it is within this.
  var CAMERA_STEADY_DEG = 2;
  var CAMERA_PLACE_S = 15;     // seconds to prop the phone up, step back and sit
  var CAMERA_NO_READING_MS = 20000;  // no shin found by then: say what the camera sees
  var ERROR_DEG = parseFloat(root.dataset.error);  // the method's MDC (R2), from the server
  var SIDES = [{ key: "left" }, { key: "right" }];
  // The guided test's sentences in the page's language, both ways' (web/words.camera_words).
  var wordsNode = document.getElementById("camera-words");
  var CAMERA_WORDS = wordsNode ? JSON.parse(wordsNode.textContent) : {};
  var LOCALE = document.documentElement.lang || "en";
  // A number as the page's language writes it (4,5 in German).
  function number(value) { return typeof value === "number" ? value.toLocaleString(LOCALE) : String(value); }
  // A sentence of CAMERA_WORDS with its {slots} filled in.
  function words(key, slots) {
    return CAMERA_WORDS[key].replace(/\{(\w+)\}/g, function (all, name) {
      return slots && name in slots ? number(slots[name]) : all;
    });
  }

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    intro: $("guided-intro"), start: $("guided-start"), stage: $("guided-stage"),
    message: $("guided-message"), side: $("guided-side"), step: $("guided-step"),
    reading: $("guided-reading"), caption: $("guided-caption"), stop: $("guided-stop"),
    voice: $("guided-voice"), voiceNotice: $("guided-voice-notice"), typed: $("typed-guide"),
    results: { left: $("guided-left"), right: $("guided-right") },
    cameraStart: $("camera-start"), cameraView: $("camera-view"), video: $("camera-video"),
    canvas: $("camera-canvas"), confirm: $("camera-confirm"), yes: $("camera-yes"), tapShin: $("camera-tap")
  };

  // ---- vectors: the sensor's angles as the direction of "up" in the phone's own axes ----
  var RAD = Math.PI / 180;
  // W3C device orientation: R = Rz(alpha)·Rx(beta)·Ry(gamma); "up" seen from the phone is the
  // last row of R, which alpha (the compass) does not change.
  function upVector(beta, gamma) {
    var b = beta * RAD, g = gamma * RAD;
    return [-Math.sin(g) * Math.cos(b), Math.sin(b), Math.cos(g) * Math.cos(b)];
  }
  function dot(a, b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
  function cross(a, b) {
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  }
  function unit(a) {
    var n = Math.sqrt(dot(a, a)) || 1;
    return [a[0] / n, a[1] / n, a[2] / n];
  }
  function between(a, b) { return Math.acos(Math.max(-1, Math.min(1, dot(unit(a), unit(b))))) / RAD; }

  // The zero: the shin hanging straight down. Whatever way the phone sits on the shin, "up" seen
  // from the phone at that moment *is* the shin's axis, and the screen's normal, made level, is
  // the direction the shin faces. The foot swinging out turns the shin about that direction, so
  // the angle is the part of the tilt across it; a foot come forward (the knee straightening) is
  // the part along it, kept apart so it is not read as rotation.
  function frameOf(up) {
    var axis = unit(up);
    var screen = [0, 0, 1];
    var facing = unit([screen[0] - dot(screen, axis) * axis[0], screen[1] - dot(screen, axis) * axis[1],
      screen[2] - dot(screen, axis) * axis[2]]);
    return { axis: axis, facing: facing, across: cross(axis, facing) };
  }
  function anglesOf(up, frame) {
    var along = dot(up, frame.axis), fore = dot(up, frame.facing), side = dot(up, frame.across);
    return {
      out: Math.atan2(Math.abs(side), Math.sqrt(along * along + fore * fore)) / RAD,
      forward: Math.abs(Math.atan2(fore, along)) / RAD
    };
  }

  // ---- speech and captions, as the player does: a voice on this device only ----
  var voiceOn = !ui.voice || ui.voice.checked;
  function localVoices() {
    if (!("speechSynthesis" in window)) return [];
    try {
      // A network voice would send the words off the phone.
      return window.speechSynthesis.getVoices().filter(function (v) { return v.localService; });
    } catch (e) { return []; }
  }
  function checkVoice() {
    var none = !localVoices().length;
    ui.voiceNotice.hidden = !none;
    ui.voice.disabled = none;
    if (none) ui.voice.checked = false;
    voiceOn = ui.voice.checked;
  }
  if ("speechSynthesis" in window) {
    try {
      window.speechSynthesis.getVoices();
      window.speechSynthesis.addEventListener("voiceschanged", checkVoice);
    } catch (e) { /* no speech */ }
  }
  if (localVoices().length) checkVoice();
  else window.setTimeout(checkVoice, 1200);
  ui.voice.addEventListener("change", function () { voiceOn = ui.voice.checked; });

  function say(text) {
    ui.caption.textContent = text;
    if (!voiceOn) return;
    var local = localVoices();
    if (!local.length) return;  // the caption shows every word
    try {
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(text);
      var lang = (document.documentElement.lang || "en").toLowerCase();
      utterance.voice = local.filter(function (v) { return v.lang.toLowerCase().indexOf(lang) === 0; })[0] || local[0];
      window.speechSynthesis.speak(utterance);
    } catch (e) { /* speech is a help, never a requirement */ }
  }

  var wakeLock = null;
  function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; })
      .catch(function () { /* the test runs anyway */ });
  }
  function letSleep() { if (wakeLock) { wakeLock.release(); wakeLock = null; } }

  // ---- the test ----
  var run = null;      // the test under way
  var way = null;      // the way it is read: SENSOR or a camera way
  var latest = null;   // the way's latest reading, or null while it has none
  var samples = [];    // [{t, up}] (a reading) over the last STEADY_MS of the current phase, and one before
  var timer = null;

  // ---- the tilt sensor: a reading is "up" seen from the phone ----
  var sensorUp = null;
  function onOrientation(event) {
    if (event.beta === null || event.gamma === null || event.beta === undefined) return;
    sensorUp = upVector(event.beta, event.gamma);
  }
  var SENSOR = {
    method: root.dataset.method, error: ERROR_DEG, steadyDeg: STEADY_DEG,
    lost: function (now) { return now - run.started >= NO_READING_MS; },
    begin: function () { sensorUp = null; window.addEventListener("deviceorientation", onOrientation); },
    end: function () { window.removeEventListener("deviceorientation", onOrientation); },
    read: function () { return sensorUp; },
    placeSeconds: function () { return PLACE_S; },
    // The zero, from a steady second of readings: each within half of STEADY_DEG of their mean.
    zero: function (ups) {
      var mean = unit(ups.reduce(function (a, up) { return [a[0] + up[0], a[1] + up[1], a[2] + up[2]]; }, [0, 0, 0]));
      var wobble = Math.max.apply(null, ups.map(function (up) { return between(up, mean); }));
      if (wobble * 2 > STEADY_DEG) return null;
      var tilt = Math.min(between(mean, [0, 1, 0]), between(mean, [0, -1, 0]));
      if (tilt > UPRIGHT_DEG) return { warn: words("tilt_lay") };
      return { frame: frameOf(mean) };
    },
    angles: anglesOf,
    firstWords: words("tilt_first"),
    nextWords: function (key) { return words("tilt_next_" + key); },
    noReading: function () { return noSensorWords(); }
  };

  // ---- the camera: a reading is the shin's angle from vertical in the picture ----
  function cameraWay(camera) {
    return {
      method: root.dataset.cameraMethod, error: parseFloat(root.dataset.cameraError), confirm: true,
      steadyDeg: CAMERA_STEADY_DEG,
      // Not found for a while once seated: say what the camera sees (the countdown, the
      // question and the save wait on the person, not on the picture).
      lost: function (now) {
        return ["place", "confirm", "save"].indexOf(run.phase) === -1 && now - run.since >= CAMERA_NO_READING_MS;
      },
      tap: function (knee, ankle) { camera.tap(knee, ankle); },
      begin: function () {},
      end: function () { camera.end(); ui.cameraView.hidden = true; ui.confirm.hidden = true; },
      read: function () { return camera.read(); },
      side: function (key) { camera.side(key); },
      placeSeconds: function (index) { return index === 0 ? CAMERA_PLACE_S : 3; },
      zero: function (values) {
        if (spread(values) > CAMERA_STEADY_DEG) return null;
        camera.pin();
        return { frame: values.reduce(function (a, b) { return a + b; }, 0) / values.length };
      },
      swinging: function () { camera.swinging(); },
      // Front on, the camera sees the foot swing out but not come forward: that check is the
      // tilt sensor's only.
      angles: function (angle, rest) { return { out: Math.abs(angle - rest), forward: 0 }; },
      firstWords: CAMERA_WORDS.first,
      nextWords: function (key) { return CAMERA_WORDS["next_" + key]; },
      noReading: function () {
        return CAMERA_WORDS["not_found_" + side().key].replace("{why}", camera.why() || CAMERA_WORDS.no_person);
      },
      confirmWords: function (key) { return CAMERA_WORDS["confirm_" + key]; },
      stats: camera.stats
    };
  }

  function phase(name, sideIndex) {
    run.phase = name;
    if (sideIndex !== undefined) run.side = sideIndex;
    run.since = Date.now();
    run.warned = false;
    samples = [];
  }
  function side() { return SIDES[run.side]; }
  function trials() { return run.trials[side().key]; }
  function spread(values) { return Math.max.apply(null, values) - Math.min.apply(null, values); }
  function degrees(values) { return values.map(function (v) { return number(v) + "°"; }).join(", "); }
  function spoken(values) {
    return values.length < 2 ? number(values[0])
      : words("and", { some: values.slice(0, -1).map(number).join(", "), last: values[values.length - 1] });
  }

  function showTrials(key) {
    var values = run.trials[key], node = ui.results[key];
    node.hidden = !values.length;
    node.textContent = words("result_" + key, { values: degrees(values) }) +
      (values.length > 1 ? " · " + words("spread", { spread: spread(values) }) : "");
  }

  // Steady: a full STEADY_MS of samples whose values stay within the way's steady range.
  function steadyValue(valueOf) {
    var now = Date.now();
    if (!samples.length || now - samples[0].t < STEADY_MS) return null;
    var values = samples.map(function (s) { return valueOf(s.up); });
    if (spread(values) > way.steadyDeg) return null;
    return values.reduce(function (a, b) { return a + b; }, 0) / values.length;
  }

  function tick() {
    var now = Date.now();
    latest = way.read();
    if (latest === null) {
      samples = [];  // steady means a second of readings without a gap
      if (way.lost(now)) fail(way.noReading());
      else if (run.phase === "place") STEPS.place(now);  // the countdown runs on regardless
      return;
    }
    samples.push({ t: now, up: latest });
    // Kept: the readings of the last STEADY_MS and the one just before them. On a slow phone
    // the camera's model holds the page for most of a second a frame, so ticks come that far
    // apart; with only the readings inside the window, a full STEADY_MS would never be seen.
    while (samples.length > 1 && now - samples[1].t >= STEADY_MS) samples.shift();
    STEPS[run.phase](now);
  }

  function askToSwing() {
    if (way.swinging) way.swinging();
    var n = trials().length + 1;
    ui.step.textContent = words("trial_of", { n: n, total: Math.max(TRIALS, n) });
    say(words("swing_" + side().key, { n: n }));
    phase("swing");
  }

  var STEPS = {
    place: function (now) {
      var left = Math.ceil(way.placeSeconds(run.side) - (now - run.since) / 1000);
      ui.reading.textContent = String(Math.max(left, 0));
      if (left > 0) return;
      ui.step.textContent = words("zeroing");
      ui.reading.textContent = "0°";
      say(words("keep_still"));
      phase("zero");
    },
    zero: function () {
      if (!samples.length || Date.now() - samples[0].t < STEADY_MS) return;
      var zero = way.zero(samples.map(function (s) { return s.up; }));
      if (!zero) return;
      if (zero.warn) {
        if (!run.warned) say(zero.warn);
        run.warned = true;
        return;
      }
      run.frame = zero.frame;
      if (way.confirm && !run.confirmed) {
        ui.confirm.hidden = false;
        ui.step.textContent = CAMERA_WORDS.check;
        say(way.confirmWords(side().key));
        phase("confirm");
        return;
      }
      askToSwing();
    },
    confirm: function () { /* waits for a tap on the picture or the yes button */ },
    swing: function () {
      var frame = run.frame;
      var now = way.angles(latest, frame);
      ui.reading.textContent = Math.round(now.out) + "°";
      var out = steadyValue(function (up) { return way.angles(up, frame).out; });
      if (out === null || out < MIN_SWING_DEG) return;
      var forward = steadyValue(function (up) { return way.angles(up, frame).forward; });
      if (forward === null) return;
      if (forward > KNEE_DRIFT_DEG) {
        if (!run.warned) say(words("knee_forward"));
        run.warned = true;
        return;
      }
      take(Math.round(out));
    },
    back: function () {
      var frame = run.frame;
      ui.reading.textContent = Math.round(way.angles(latest, frame).out) + "°";
      var out = steadyValue(function (up) { return way.angles(up, frame).out; });
      if (out !== null && out <= RETURN_DEG) askToSwing();
    },
    save: function (now) {
      var left = Math.ceil(SAVE_DELAY_S - (now - run.since) / 1000);
      if (left > 0) return;
      stop();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }
  };

  function take(value) {
    var values = trials();
    values.push(value);
    showTrials(side().key);
    var apart = spread(values);
    if (values.length < TRIALS) {
      say(words("again", { value: value }));
      phase("back");
    } else if (values.length === TRIALS && apart > way.error) {
      say(words("one_more", { value: value, apart: apart, error: way.error }));
      phase("back");
    } else {
      sideDone(value);
    }
  }

  function sideDone(value) {
    var values = trials();
    var apart = values.length > TRIALS && spread(values) > way.error;
    var done = words("done_" + side().key + (apart ? "_apart" : ""),
      { value: value, values: spoken(values), error: way.error });
    if (run.side + 1 < SIDES.length) {
      phase("place", run.side + 1);
      run.confirmed = false;
      if (way.side) way.side(side().key);
      ui.side.textContent = words("side_" + side().key);
      ui.step.textContent = words("get_ready");
      say(done + " " + way.nextWords(side().key));
      return;
    }
    fill();
    phase("save");
    ui.side.textContent = words("done");
    ui.step.textContent = words("saving");
    ui.reading.textContent = "✓";
    say(done + " " + words("test_done"));
  }

  function fill() {
    form.elements.position.value = root.dataset.position;
    form.elements.method.value = way.method;
    SIDES.forEach(function (s) {
      var values = run.trials[s.key];
      for (var n = 1; form.elements[s.key + "_" + n]; n++) {
        form.elements[s.key + "_" + n].value = n <= values.length ? String(values[n - 1]) : "";
      }
    });
  }

  function begin(chosen) {
    way = chosen;
    run = { trials: { left: [], right: [] }, side: 0, started: Date.now() };
    latest = null;
    document.body.classList.add("guided-running");
    ui.intro.hidden = true;
    ui.message.hidden = true;
    ui.stage.hidden = false;
    ui.results.left.hidden = ui.results.right.hidden = true;
    way.begin();
    if (way.side) way.side("left");
    keepAwake();
    phase("place", 0);
    ui.side.textContent = words("side_left");
    ui.step.textContent = words("get_ready");
    ui.reading.textContent = String(way.placeSeconds(0));
    say(way.firstWords);
    timer = window.setInterval(tick, TICK_MS);
    ui.stage.scrollIntoView({ block: "start" });
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
    if (way) way.end();
    letSleep();
    if ("speechSynthesis" in window) try { window.speechSynthesis.cancel(); } catch (e) { /* none */ }
  }

  function reset() {
    stop();
    document.body.classList.remove("guided-running");
    ui.stage.hidden = true;
    ui.intro.hidden = false;
  }

  function fail(text) {
    reset();
    ui.message.textContent = text;
    ui.message.hidden = false;
    if (ui.typed) ui.typed.open = true;
  }

  function noSensorWords() { return words("no_sensor"); }
  var REFUSED = words("sensor_refused");
  var INSECURE = words("sensor_insecure");

  function start() {
    // On iOS, speech and the sensor are allowed only from a tap: both are asked for here.
    if (voiceOn && "speechSynthesis" in window) {
      try { window.speechSynthesis.speak(new SpeechSynthesisUtterance("")); } catch (e) { /* none */ }
    }
    if (!window.isSecureContext) return fail(INSECURE);
    if (!("DeviceOrientationEvent" in window)) return fail(noSensorWords());
    var ask = window.DeviceOrientationEvent.requestPermission;
    if (typeof ask === "function") {
      ask.call(window.DeviceOrientationEvent).then(function (answer) {
        if (answer === "granted") begin(SENSOR);
        else fail(REFUSED);
      }, function () { fail(REFUSED); });
      return;
    }
    if (navigator.permissions && navigator.permissions.query) {
      navigator.permissions.query({ name: "accelerometer" }).then(function (status) {
        if (status.state === "denied") fail(REFUSED);
        else begin(SENSOR);
      }, function () { begin(SENSOR); });
      return;
    }
    begin(SENSOR);
  }

  // ---- the camera way: load the model from the app, open the camera, then the same steps ----
  var poseLoaded = null;
  function loadPose() {
    if (!poseLoaded) {
      poseLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.dataset.pose + "pose.js";
        script.onload = resolve;
        script.onerror = function () { poseLoaded = null; reject(CAMERA_WORDS.no_model); };
        document.head.appendChild(script);
      });
    }
    return poseLoaded;
  }

  function startCamera() {
    if (voiceOn && "speechSynthesis" in window) {
      try { window.speechSynthesis.speak(new SpeechSynthesisUtterance("")); } catch (e) { /* none */ }
    }
    if (!window.isSecureContext) return fail(CAMERA_WORDS.insecure);
    // The phone's tilt corrects for a phone not quite upright; iOS asks for it on this tap.
    var ask = window.DeviceOrientationEvent && window.DeviceOrientationEvent.requestPermission;
    if (typeof ask === "function") ask.call(window.DeviceOrientationEvent).catch(function () { /* uncorrected */ });
    ui.cameraStart.disabled = true;
    ui.message.hidden = true;
    var camera = window.hipcoachCamera.create({ video: ui.video, canvas: ui.canvas, base: root.dataset.pose, words: CAMERA_WORDS });
    loadPose().then(function () { return camera.begin(); }).then(function () {
      ui.cameraStart.disabled = false;
      ui.cameraView.hidden = false;
      var chosen = cameraWay(camera);
      root.cameraStats = chosen.stats;  // time to a first reading and per frame, for the note
      begin(chosen);
    }).catch(function (why) {
      ui.cameraStart.disabled = false;
      camera.end();
      fail(typeof why === "string" ? why : CAMERA_WORDS.no_start);
    });
  }

  function confirmed() {
    ui.confirm.hidden = true;
    run.confirmed = true;
    askToSwing();
  }
  var taps = [];
  if (ui.cameraStart) {
    ui.cameraStart.addEventListener("click", startCamera);
    ui.yes.addEventListener("click", confirmed);
    ui.tapShin.addEventListener("click", function () {
      taps = [];
      say(CAMERA_WORDS["tap_" + side().key]);
    });
    ui.canvas.addEventListener("click", function (event) {
      if (!run || run.phase !== "confirm") return;
      // The picture is fitted inside the canvas's box (object-fit: contain, a portrait camera
      // under the height limit): a tap is read where it falls on the picture itself.
      var box = ui.canvas.getBoundingClientRect();
      var scale = Math.min(box.width / ui.canvas.width, box.height / ui.canvas.height);
      var w = ui.canvas.width * scale, h = ui.canvas.height * scale;
      taps.push({ x: (event.clientX - box.left - (box.width - w) / 2) / w, y: (event.clientY - box.top - (box.height - h) / 2) / h });
      if (taps.length < 2) return;
      way.tap(taps[0], taps[1]);
      taps = [];
      phase("zero");  // the zero again, from frames that agree with the knee tapped
      run.confirmed = true;
      ui.confirm.hidden = true;
      say(CAMERA_WORDS.tapped);
    });
  }

  ui.start.addEventListener("click", start);
  ui.stop.addEventListener("click", function () {
    reset();
    ui.start.focus();
  });
})();
