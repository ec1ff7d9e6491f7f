// The hands-free player: plays the engine's timeline of today's workout (get ready, hold, timed
// work, reps at their tempo, rest, switch sides), spoken and captioned with the same words, an
// end sound, the screen kept awake, and keyboard and screen-reader use. It ends with the pain
// check and hands the workout to the offline-safe queue in app.js. No framework, no build step.
(function () {
  "use strict";
  var dataNode = document.getElementById("player-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var pace = data.pace > 0 ? data.pace : 1;

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    intro: $("player-intro"), stage: $("player-stage"), done: $("player-done"),
    exercise: $("ex-name"), side: $("ex-side"), dose: $("ex-dose"), position: $("ex-count"),
    label: $("step-label"), timer: $("timer"), reps: $("rep-counter"), caption: $("caption"),
    srTimer: $("sr-timer"), setup: $("ex-setup"), steps: $("ex-steps"), cues: $("ex-cues"), faults: $("ex-faults"),
    pause: $("btn-pause"), skip: $("btn-skip"), back: $("btn-back"), start: $("btn-start"),
    voice: $("voice-toggle"), progress: $("player-progress"), painForm: $("pain-form"),
    summary: $("done-summary"), saved: $("save-status")
  };

  // ---- the timeline ----
  // The engine's steps (hipcoach.engine.steps), the same the terminal player plays: each with
  // its duration and the words of its cue. This script only plays them. An entry is one
  // exercise and side of the plan: what is logged as done, part done or skipped.
  var timeline = data.timeline;
  var steps = timeline.steps;
  var entries = timeline.entries.map(function (entry) {
    return Object.assign({ info: data.exercises[entry.id] || {}, setsDone: {} }, entry);
  });

  var at = 0, remainingMs = 0, running = false, paused = false, lastTick = 0, timerId = null;
  var lastAnnounced = null, wakeLock = null, audio = null, finished = false;
  var voiceOn = !ui.voice || ui.voice.checked;

  // ---- speech, captions and sound ----
  // Chrome lists its voices only after asking once; ask now so the first cue can be spoken.
  if ("speechSynthesis" in window) {
    try { window.speechSynthesis.getVoices(); } catch (e) { /* no speech */ }
  }

  function say(text) {
    ui.caption.textContent = text;
    if (!voiceOn || !("speechSynthesis" in window)) return;
    try {
      window.speechSynthesis.cancel();
      // Only a voice on this device: a network voice would send the words off the machine.
      var local = window.speechSynthesis.getVoices().filter(function (v) { return v.localService; });
      if (!local.length) return;  // the caption still shows every word
      var utterance = new SpeechSynthesisUtterance(text);
      var lang = (document.documentElement.lang || "en").toLowerCase();
      utterance.voice = local.filter(function (v) { return v.lang.toLowerCase().indexOf(lang) === 0; })[0] || local[0];
      utterance.rate = 1;
      window.speechSynthesis.speak(utterance);
    } catch (e) { /* speech is a help, never a requirement */ }
  }

  function beep(long) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = long ? 660 : 880;
      gain.gain.setValueAtTime(0.25, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + (long ? 0.6 : 0.25));
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + (long ? 0.6 : 0.25));
    } catch (e) { /* no audio on this device */ }
    document.body.dataset.beeps = String(Number(document.body.dataset.beeps || 0) + 1);
  }

  // ---- the screen stays awake while the player runs ----
  function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* denied or unsupported: the timer still runs */ });
  }
  function letSleep() { if (wakeLock) { wakeLock.release(); wakeLock = null; } }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running && !paused) keepAwake();
  });

  // ---- rendering ----
  function renderList(node, items, render) {
    node.textContent = "";
    (items || []).forEach(function (item) {
      var li = document.createElement("li");
      render(li, item);
      node.appendChild(li);
    });
  }

  var shownExercise = null;
  function showEntry(entry) {
    var info = entry.info;
    ui.exercise.textContent = info.name || entry.name || entry.id;
    ui.side.textContent = entry.side_words ? "Now: " + entry.side_words : "";
    ui.side.hidden = !entry.side_words;
    ui.dose.textContent = entry.dose;
    ui.position.textContent = "Exercise " + entry.exercise + " of " + timeline.exercises;
    if (shownExercise === entry.exercise) return;
    shownExercise = entry.exercise;
    ui.setup.textContent = info.starting_position ? "Set-up: " + info.starting_position : "";
    renderList(ui.steps, info.steps, function (li, text) { li.textContent = text; });
    renderList(ui.cues, info.cues, function (li, text) { li.textContent = text; });
    renderList(ui.faults, info.faults, function (li, f) {
      var strong = document.createElement("strong");
      strong.textContent = f.fault + " ";
      li.appendChild(strong);
      li.appendChild(document.createTextNode(f.fix));
    });
  }

  function showStep() {
    var step = steps[at];
    showEntry(entries[step.entry]);
    ui.label.textContent = step.label;
    document.body.dataset.step = step.kind;
    ui.reps.textContent = step.count;
    ui.progress.value = at;
    // The figure (figures.js) moves in time with the step.
    document.dispatchEvent(new CustomEvent("player:step", { detail: { step: step, entry: entries[step.entry] } }));
    say(step.say);
    lastAnnounced = null;
  }

  function showTime() {
    var seconds = Math.max(0, Math.ceil(remainingMs * pace / 1000));
    ui.timer.textContent = seconds >= 60
      ? Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0")
      : String(seconds);
    // Screen readers hear the start, ten seconds left and the last three, not every tick.
    var step = steps[at];
    var worth = seconds === step.seconds || seconds === 10 || (seconds <= 3 && seconds > 0);
    if (worth && lastAnnounced !== seconds && step.seconds > 3) {
      lastAnnounced = seconds;
      ui.srTimer.textContent = seconds + (seconds === 1 ? " second" : " seconds") + " left";
    }
  }

  // ---- the clock ----
  function enter(index) {
    at = index;
    if (at >= steps.length) { finish(); return; }
    remainingMs = steps[at].seconds * 1000 / pace;
    showStep();
    showTime();
  }

  function tick() {
    var now = performance.now();
    if (!paused) remainingMs -= now - lastTick;
    lastTick = now;
    if (remainingMs <= 0) {
      var step = steps[at];
      if (step.tone) beep(step.kind !== "rep");
      if (step.set) entries[step.entry].setsDone[step.set] = true;
      enter(at + 1);
      return;
    }
    showTime();
  }

  function start() {
    ui.intro.hidden = true;
    ui.stage.hidden = false;
    running = true;
    paused = false;
    keepAwake();
    lastTick = performance.now();
    enter(0);
    timerId = window.setInterval(tick, 100);
    ui.pause.focus();
  }

  function togglePause() {
    if (!running) return;
    paused = !paused;
    ui.pause.textContent = paused ? "Resume" : "Pause";
    ui.pause.setAttribute("aria-pressed", paused ? "true" : "false");
    document.body.dataset.paused = paused ? "1" : "0";
    if (paused) { say("Paused."); letSleep(); } else { say("Go on. " + steps[at].say); keepAwake(); }
    lastTick = performance.now();
  }

  // Skip: on to the next exercise (or the next side); what was not done is logged as skipped.
  function skip() {
    if (!running) return;
    var entry = steps[at].entry, i = at + 1;
    while (i < steps.length && steps[i].entry === entry) i++;
    enter(i);
  }

  // Back: to the start of this exercise (its first side), or of the one before when already
  // at its start.
  function exerciseAt(index) { return entries[steps[index].entry].exercise; }
  function back() {
    if (!running) return;
    var exercise = exerciseAt(at), target = at;
    while (target > 0 && exerciseAt(target - 1) === exercise) target--;
    if (target === at && target > 0) {
      exercise = exerciseAt(target - 1);
      while (target > 0 && exerciseAt(target - 1) === exercise) target--;
    }
    enter(target);
  }

  // ---- the end: pain check and the log ----
  function exerciseLog() {
    return entries.map(function (entry) {
      var done = 0;
      for (var s = 1; s <= entry.sets; s++) if (entry.setsDone[s]) done++;
      var status = done >= entry.sets ? "done" : done > 0 ? "partial" : "skipped";
      return { exercise: entry.id, side: entry.side, status: status, sets: done || null,
        reps: entry.reps, hold_s: entry.hold_s, time_s: entry.time_s };
    });
  }

  function overall(logs) {
    var done = logs.filter(function (l) { return l.status === "done"; }).length;
    if (done === logs.length) return "done";
    if (done === 0 && !logs.some(function (l) { return l.status === "partial"; })) return "skipped";
    return "partial";
  }

  var finalLog = null;
  function finish() {
    if (finished) return;
    finished = true;
    running = false;
    window.clearInterval(timerId);
    letSleep();
    ui.stage.hidden = true;
    ui.done.hidden = false;
    var logs = exerciseLog();
    finalLog = { date: data.plan.date, status: overall(logs), exercises: logs,
      pre_run: !!data.plan.pre_run };
    var counts = { done: 0, partial: 0, skipped: 0 };
    logs.forEach(function (l) { counts[l.status]++; });
    ui.summary.textContent = "Workout " + finalLog.status + ": " + counts.done + " of " +
      logs.length + " exercises and sides done" +
      (counts.partial ? ", " + counts.partial + " part done" : "") +
      (counts.skipped ? ", " + counts.skipped + " skipped" : "") + ".";
    document.body.dataset.step = "done";
    say("Well done. How much pain did you feel during the workout, from 0 to 10?");
    var firstChoice = ui.painForm.querySelector("input");
    if (firstChoice) document.getElementById("done-h").focus();
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  ui.painForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = ui.painForm.querySelector("input[name=pain]:checked");
    var body = Object.assign({}, finalLog, { pain_during: chosen ? Number(chosen.value) : null });
    var key = newKey();
    window.hipcoach.queue.add({ key: key, url: data.log_url, body: body,
      label: "workout of " + data.plan.date });
    ui.painForm.hidden = true;
    ui.saved.hidden = false;
    ui.saved.querySelector("a").focus();
    window.hipcoach.queue.flush();
  });

  // ---- controls ----
  ui.start.addEventListener("click", start);
  ui.pause.addEventListener("click", togglePause);
  ui.skip.addEventListener("click", skip);
  ui.back.addEventListener("click", back);
  if (ui.voice) ui.voice.addEventListener("change", function () {
    voiceOn = ui.voice.checked;
    if (!voiceOn && "speechSynthesis" in window) window.speechSynthesis.cancel();
  });
  document.addEventListener("keydown", function (event) {
    if (!running || event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key === " " && (tag === "button" || tag === "input")) return; // the button's own
    if (event.key === " " || event.key === "p") { event.preventDefault(); togglePause(); }
    else if (event.key === "n" || event.key === "ArrowRight") { event.preventDefault(); skip(); }
    else if (event.key === "b" || event.key === "ArrowLeft") { event.preventDefault(); back(); }
  });
  ui.progress.max = Math.max(1, steps.length);
  if (!steps.length) ui.start.disabled = true;
})();
