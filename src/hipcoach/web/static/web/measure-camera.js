// The camera way of the guided seated test (measure.js runs the steps): the phone propped
// upright in front of a person sitting on an edge, a pose model (@mediapipe/pose, served by the
// app itself from its own address, `web.pose`) finds the hip, knee and ankle in each frame, on
// the phone. The reading is the shin's angle from vertical in the picture, corrected for the
// phone's own tilt, as the median over the last second of frames that pass the checks below.
// The thigh is held still, so once the shin hangs at rest its knee is pinned there: the shin is
// read from that knee to the ankle found in each frame (on a swung shin the model's knee slides
// outward along it; its ankle does not).
// No frame leaves the phone or is kept: each is drawn on the page's canvas and forgotten.
(function () {
  "use strict";
  var RAD = Math.PI / 180;

  // A frame counts only when all three joints of the side are found with at least this
  // visibility (the model's own 0–1 confidence that the point is in sight).
  var MIN_VISIBILITY = 0.6;
  // The shin's length in the picture against the width between the hips: about 2.3 in an
  // adult seen from the front; outside this the model has mistaken something for a joint.
  var SHIN_TO_HIPS_MIN = 1.2;
  var SHIN_TO_HIPS_MAX = 4.5;
  var WINDOW_MS = 1000;        // the reading is the median over this much of the last frames
  var MIN_FRAMES = 3;          // ... of at least this many frames that passed the checks,
  var SLOW_WINDOW_MS = 3000;   // over up to this long on a phone too slow for that in a second
  var TAP_NEAR = 0.35;         // a tapped ankle at rest: the found one within this many shin lengths
  // The lite model (modelComplexity 0): as accurate as the full one on the rendered frames and
  // about twice as fast (docs/measurement.md).
  var MODEL = 0;
  var LANDMARKS = { left: [23, 25, 27], right: [24, 26, 28] };  // hip, knee, ankle

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
  function distance(a, b) { return Math.hypot(a.x - b.x, a.y - b.y); }

  // The shin's angle from straight down in the picture, in degrees (positive: towards the
  // picture's right), and the phone's roll: where straight down is in the picture of a front
  // camera held upright (x and y of the picture run against the screen's own axes).
  function shinAngle(knee, ankle) { return Math.atan2(ankle.x - knee.x, ankle.y - knee.y) / RAD; }
  function rollOf(beta, gamma) {
    if (beta === null || gamma === null) return 0;
    var b = beta * RAD, g = gamma * RAD;
    return Math.atan2(-Math.sin(g) * Math.cos(b), Math.sin(b)) / RAD;
  }

  // Points in pixels (landmarks are fractions of the picture's width and height).
  function toPixels(mark, width, height) {
    return { x: mark.x * width, y: mark.y * height, v: mark.visibility === undefined ? 1 : mark.visibility };
  }

  // Why a frame does not count (the key of its words: web/words.camera_words), or "" when it does.
  function rejection(marks, side, width, height, tapped) {
    if (!marks) return "no_person";
    var ids = LANDMARKS[side];
    var hip = toPixels(marks[ids[0]], width, height), knee = toPixels(marks[ids[1]], width, height);
    var ankle = toPixels(marks[ids[2]], width, height);
    var other = toPixels(marks[LANDMARKS[side === "left" ? "right" : "left"][0]], width, height);
    if (Math.min(hip.v, knee.v, ankle.v) < MIN_VISIBILITY) return "not_seen";
    if (!(knee.y > hip.y) || !(ankle.y > knee.y)) return "knee_high";
    var shin = distance(knee, ankle), hips = distance(hip, other);
    if (!hips || shin / hips < SHIN_TO_HIPS_MIN || shin / hips > SHIN_TO_HIPS_MAX) return "shin_length";
    if (tapped && tapped.atRest && distance(ankle, tapped.ankle) > TAP_NEAR * distance(tapped.knee, tapped.ankle)) return "not_tapped";
    return "";
  }

  // One frame's reading: the shin's angle from vertical in degrees, corrected for the phone's
  // roll, or why the frame does not count.
  // `pin` is the knee at rest in pixels (or null: the knee found in this frame).
  function frameReading(marks, side, width, height, tilt, tapped, pin) {
    var why = rejection(marks, side, width, height, tapped);
    if (why) return { why: why };
    var ids = LANDMARKS[side];
    var knee = toPixels(marks[ids[1]], width, height);
    var angle = shinAngle(pin || knee, toPixels(marks[ids[2]], width, height));
    return { angle: angle - rollOf(tilt.beta, tilt.gamma), knee: knee };
  }

  function create(options) {
    var video = options.video, canvas = options.canvas, base = options.base, words = options.words;
    var context = canvas.getContext("2d");
    var pose = null, stream = null, running = false, side = "left", tapped = null;
    var frames = [];          // [{t, angle, knee}] of frames that passed, over the last WINDOW_MS
    var pin = null;           // the knee at rest, once the shin's zero is taken
    var tilt = { beta: null, gamma: null };
    var lastMarks = null;
    var stats = { started: 0, firstReadingMs: null, frameMs: [] };

    function onOrientation(event) { tilt = { beta: event.beta, gamma: event.gamma }; }

    function draw(marks) {
      var w = canvas.width = video.videoWidth || canvas.width, h = canvas.height = video.videoHeight || canvas.height;
      context.drawImage(video, 0, 0, w, h);
      var points = [];
      if (marks) points = LANDMARKS[side].map(function (id) { return toPixels(marks[id], w, h); });
      else if (tapped) points = [tapped.knee, tapped.ankle];
      if (points.length < 2) return;
      context.lineWidth = Math.max(4, w / 120);
      context.strokeStyle = "#ffd23f";
      context.beginPath();
      points.forEach(function (p, i) { if (i) context.lineTo(p.x, p.y); else context.moveTo(p.x, p.y); });
      context.stroke();
      context.fillStyle = "#1f5f5b";
      points.forEach(function (p) { context.beginPath(); context.arc(p.x, p.y, context.lineWidth * 1.6, 0, 2 * Math.PI); context.fill(); });
    }

    function onResults(results) {
      var now = Date.now();
      var marks = results.poseLandmarks || null;
      var w = video.videoWidth, h = video.videoHeight;
      lastMarks = marks;
      draw(marks);
      // Read from the knee the zero pins, or the one tapped: the zero after a tap and the
      // trials after it turn about the same point.
      var reading = frameReading(marks, side, w, h, tilt, tapped, pin || (tapped && tapped.knee));
      if (reading.why === undefined) frames.push({ t: now, angle: reading.angle, knee: reading.knee });
    }

    function loop() {
      if (!running) return;
      var began = performance.now();
      var next = function () {
        stats.frameMs.push(performance.now() - began);
        if (stats.frameMs.length > 200) stats.frameMs.shift();
        window.setTimeout(loop, 0);
      };
      if (video.readyState < 2) { window.setTimeout(loop, 50); return; }
      pose.send({ image: video }).then(next, next);
    }

    return {
      // Starts the camera and the model; resolves once both run, rejects with words to show.
      begin: function () {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
          return Promise.reject(words.no_access);
        }
        if (typeof window.Pose !== "function") return Promise.reject(words.no_model);
        stats.started = Date.now();
        pose = new window.Pose({ locateFile: function (file) { return base + file; } });
        pose.setOptions({ modelComplexity: MODEL, smoothLandmarks: true, minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
        pose.onResults(onResults);
        window.addEventListener("deviceorientation", onOrientation);
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
          .then(function (media) {
            stream = media;
            video.srcObject = media;
            return video.play();
          }, function (error) {
            throw (error && error.name === "NotAllowedError") ? words.refused : words.no_camera;
          })
          .then(function () { return pose.initialize(); })
          .then(function () { running = true; loop(); });
      },
      end: function () {
        running = false;
        window.removeEventListener("deviceorientation", onOrientation);
        if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
        video.srcObject = null;
        frames = [];
        if (pose) { var closing = pose; pose = null; closing.close().catch(function () {}); }
      },
      side: function (key) { side = key; tapped = null; pin = null; frames = []; },
      // The zero is taken: the knee stays where it is now (the median of the last second's),
      // or where it was tapped.
      pin: function () {
        if (tapped) { pin = tapped.knee; return; }
        if (!frames.length) return;
        pin = { x: median(frames.map(function (f) { return f.knee.x; })), y: median(frames.map(function (f) { return f.knee.y; })) };
      },
      // The reading now: the median angle over the last WINDOW_MS, or null when too few
      // frames there passed the checks.
      read: function () {
        var now = Date.now();
        while (frames.length && now - frames[0].t > SLOW_WINDOW_MS) frames.shift();
        var recent = frames.filter(function (f) { return now - f.t <= WINDOW_MS; });
        if (recent.length < MIN_FRAMES) recent = frames.slice(-MIN_FRAMES);
        if (recent.length < MIN_FRAMES) return null;
        if (stats.firstReadingMs === null) stats.firstReadingMs = now - stats.started;
        return median(recent.map(function (f) { return f.angle; }));
      },
      // The person's own knee and ankle, tapped on the picture (fractions of its size): frames
      // whose knee is elsewhere no longer count.
      tap: function (knee, ankle) {
        var w = canvas.width, h = canvas.height;
        tapped = { knee: { x: knee.x * w, y: knee.y * h }, ankle: { x: ankle.x * w, y: ankle.y * h }, atRest: true };
        pin = null;
        frames = [];
      },
      // Once swinging, the tapped ankle no longer marks where the ankle is.
      swinging: function () { if (tapped) tapped.atRest = false; },
      // Why the latest frame did not count, in words (or "").
      why: function () {
        var key = rejection(lastMarks, side, video.videoWidth, video.videoHeight, tapped);
        return key ? words[key] : "";
      },
      stats: function () {
        var times = stats.frameMs.slice(5);  // the first frames include compiling the model
        return { firstReadingMs: stats.firstReadingMs, frameMs: times.length ? median(times) : null };
      }
    };
  }

  window.hipcoachCamera = {
    create: create, frameReading: frameReading, median: median, MODEL: MODEL, WINDOW_MS: WINDOW_MS
  };
})();
