// The hands-free player: plays the engine's timeline of today's workout (get ready, hold, timed
// work, reps at their tempo, rest, switch sides, and the cues said while a step runs), spoken and
// captioned with the same words, an end sound, the screen kept awake, and keyboard and
// screen-reader use. Each exercise and side is handed to the offline-safe queue (app.js) as soon
// as it ends, so nothing finished is lost; where the workout stands is kept on the device, so a
// reload or a closed tab resumes it. No framework, no build step.
(function () {
  "use strict";
  var dataNode = document.getElementById("player-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var pace = data.pace > 0 ? data.pace : 1;
  var queue = window.hipcoach.queue;

  var $ = function (id) { return document.getElementById(id); };
  // The page's language (base.html's lang): the dates, and the sentences the server put in
  // the person's language (data.words, each with {slots} filled here).
  var LANG = document.documentElement.lang || "en";
  var WORDS = data.words || {};
  var words = function (key, slots) {
    return (WORDS[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return slots && name in slots ? String(slots[name]) : all;
    });
  };
  // A plan's date (YYYY-MM-DD) in the person's way: "Tuesday 1 December", "Tuesday, December 1".
  var dayInWords = function (iso) {
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]).toLocaleDateString(LANG,
      { weekday: "long", day: "numeric", month: "long" });
  };
  var ui = {
    intro: $("player-intro"), stage: $("player-stage"), done: $("player-done"),
    exercise: $("ex-name"), side: $("ex-side"), dose: $("ex-dose"), position: $("ex-count"),
    label: $("step-label"), timer: $("timer"), reps: $("rep-counter"), caption: $("caption"),
    srTimer: $("sr-timer"), setup: $("ex-setup"), steps: $("ex-steps"), cues: $("ex-cues"),
    faults: $("ex-faults"), equipment: $("ex-equipment"), pausedBanner: $("paused-banner"),
    pause: $("btn-pause"), skip: $("btn-skip"), back: $("btn-back"), start: $("btn-start"),
    voice: $("voice-toggle"), voiceNotice: $("voice-notice"), progress: $("player-progress"),
    painForm: $("pain-form"), summary: $("done-summary"), saved: $("save-status"),
    resume: $("resume"), resumeText: $("resume-text"), resumeButton: $("btn-resume"),
    restart: $("btn-restart"), again: $("btn-again"), doneHeading: $("done-h")
  };

  // ---- the timeline ----
  // The engine's steps (hipcoach.engine.steps), the same the terminal player plays: each with
  // its duration, the words of its cue and the cues said while it runs (marks). This script only
  // plays them. An entry is one exercise and side of the plan: what is logged as done, part
  // done or skipped.
  var timeline = data.timeline;
  var steps = timeline.steps;
  var entries = timeline.entries.map(function (entry) {
    return Object.assign({ info: data.exercises[entry.id] || {} }, entry);
  });
  var firstStep = entries.map(function (entry) {
    for (var i = 0; i < steps.length; i++) if (steps[i].entry === entry.index) return i;
    return steps.length;
  });

  var at = 0, remainingMs = 0, running = false, paused = false, lastTick = 0, timerId = null;
  var lastAnnounced = null, marksSaid = 0, wakeLock = null, audio = null, leaving = false;
  var voiceOn = !ui.voice || ui.voice.checked;

  // ---- where the workout stands, kept on this device ----
  // One run: from Start (or Start again) to the end. Its id makes the idempotency keys of its
  // records, so a record queued twice (a reload while it was being sent) is stored once, and a
  // second run of the same day adds records instead of replacing them.
  var STATE = "hipcoach.workout." + (document.body.dataset.user || "");
  // The statuses, worst first, with their words: the server's (`vocabulary.STATUS_ORDER`).
  var RANK = {}, STATUS_WORDS = {};
  data.statuses.forEach(function (s, i) { RANK[s.value] = i; STATUS_WORDS[s.value] = s.label; });
  // A whole made of parts (an exercise of its sides, a workout of its exercises): done when
  // every part was, skipped when none was begun, else partly done (`vocabulary.overall_status`).
  function overallOf(parts) {
    if (parts.length && parts.every(function (s) { return s === "done"; })) return "done";
    return parts.every(function (s) { return s === "skipped"; }) ? "skipped" : "partial";
  }
  var shape = entries.map(function (e) { return e.id + ":" + e.side + ":" + e.sets; }).join("|");
  var run = null;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function keep() {
    try { window.localStorage.setItem(STATE, JSON.stringify(run)); } catch (e) { /* full */ }
  }
  function kept() {
    try {
      var found = JSON.parse(window.localStorage.getItem(STATE) || "null");
      // Only today's run of this same plan resumes (the plan changes with "running after this").
      return found && found.date === data.plan.date && found.shape === shape ? found : null;
    } catch (e) { return null; }
  }
  function newRun() {
    // sets: the sets finished of the entry in progress; records: records queued per entry;
    // logged: the sets in the last record of each entry; best: each entry's best status.
    run = { date: data.plan.date, shape: shape, id: newKey(), entry: 0, sets: [], records: {},
      logged: {}, best: {}, finished: false, pain: false };
    keep();
  }

  // ---- logging, as it goes ----
  function entryStatus(entry, sets) {
    return sets >= entry.sets ? "done" : sets > 0 ? "partial" : "skipped";
  }

  // Queue a record of entry `i` with the sets finished in it. Nothing is queued when an earlier
  // record of this run already holds as much (a reload, a Back and forth).
  function record(i, sets) {
    var entry = entries[i];
    var before = run.records[i] || 0;
    if (before && sets <= (run.logged[i] || 0)) return;
    var status = entryStatus(entry, sets);
    var body = { exercise: entry.id, side: entry.side, status: status };
    if (sets) {
      body.sets = sets;
      body.reps = entry.reps;
      body.hold_s = entry.hold_s;
      body.time_s = entry.time_s;
    }
    queue.add({ key: run.id + "-" + i + "-" + before, url: data.exercise_url, body: body,
      label: (entry.info.name || entry.name) + (entry.side_words ? ", " + entry.side_words : "") +
        " (" + dayInWords(data.plan.date) + ")" });
    run.records[i] = before + 1;
    run.logged[i] = sets;
    if (!(i in run.best) || RANK[status] > RANK[run.best[i]]) run.best[i] = status;
    keep();
    queue.flush();
  }

  // Leaving mid-exercise (a reload, another page, a closed tab): what was finished of it is
  // queued now, part done, and the workout resumes at the start of this exercise and side.
  function saveProgress() {
    if (!running || !run || run.finished) return;
    if (run.sets.length) record(run.entry, run.sets.length);
    keep();
  }

  // ---- speech, captions and sound ----
  function localVoices() {
    if (!("speechSynthesis" in window)) return [];
    try {
      // Only a voice on this device: a network voice would send the words off the machine.
      return window.speechSynthesis.getVoices().filter(function (v) { return v.localService; });
    } catch (e) { return []; }
  }

  // No voice on this device: say so, and untick the box rather than pretend to speak.
  function checkVoice() {
    var none = !localVoices().length;
    if (ui.voiceNotice) ui.voiceNotice.hidden = !none;
    if (ui.voice) {
      ui.voice.disabled = none;
      if (none) ui.voice.checked = false;
      else if (ui.voice.dataset.auto === "off") ui.voice.checked = true;
      ui.voice.dataset.auto = none ? "off" : "";
      voiceOn = ui.voice.checked;
    }
  }
  if ("speechSynthesis" in window) {
    // Chrome lists its voices only after asking once, and tells when they are ready.
    try {
      window.speechSynthesis.getVoices();
      window.speechSynthesis.addEventListener("voiceschanged", checkVoice);
    } catch (e) { /* no speech */ }
  }
  if (localVoices().length) checkVoice();
  else window.setTimeout(checkVoice, 1200);

  function say(text) {
    ui.caption.textContent = text;
    if (!voiceOn) return;
    var local = localVoices();
    if (!local.length) return;  // the caption still shows every word
    try {
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(text);
      var lang = LANG.toLowerCase();
      utterance.lang = LANG;  // the voice speaks the page's language, German words in German
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
    if (document.visibilityState === "hidden") saveProgress();
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

  function equipmentOf(entry) {
    return (entry.info.equipment || []).map(function (e) { return e.replace(/_/g, " "); });
  }

  var shownExercise = null;
  function showEntry(entry) {
    var info = entry.info;
    ui.exercise.textContent = info.name || entry.name || entry.id;
    ui.side.textContent = entry.side_words ? "Now: " + entry.side_words : "";
    ui.side.hidden = !entry.side_words;
    ui.dose.textContent = entry.dose;
    ui.position.textContent = words("exercise_of", { n: entry.exercise, total: timeline.exercises });
    var needs = equipmentOf(entry);
    ui.equipment.textContent = needs.length ? words("you_need", { items: needs.join(", ") }) : "";
    ui.equipment.hidden = !needs.length;
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
    // The equipment stands out while getting into position.
    ui.equipment.classList.toggle("now", step.kind === "ready" || step.kind === "switch");
    // The figure (figures.js) moves in time with the step.
    document.dispatchEvent(new CustomEvent("player:step", { detail: { step: step, entry: entries[step.entry] } }));
    say(step.say);
    lastAnnounced = null;
    marksSaid = 0;
  }

  function showTime() {
    var seconds = Math.max(0, Math.ceil(remainingMs * pace / 1000));
    ui.timer.textContent = seconds >= 60
      ? Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0")
      : String(seconds);
    var step = steps[at];
    // The cues said while a step runs (halfway, 3-2-1), each once, in order.
    var marks = step.marks || [];
    while (marksSaid < marks.length && seconds <= marks[marksSaid].left && seconds > 0) {
      say(marks[marksSaid].say);
      marksSaid++;
    }
    // Screen readers hear the start, ten seconds left and the last three, not every tick (a
    // step with its own 3-2-1 already says those in the caption).
    var counted = marks.some(function (m) { return m.left === 1; });
    var worth = seconds === step.seconds || seconds === 10 || (seconds <= 3 && seconds > 0 && !counted);
    if (worth && lastAnnounced !== seconds && step.seconds > 3) {
      lastAnnounced = seconds;
      ui.srTimer.textContent = seconds + (seconds === 1 ? " second" : " seconds") + " left";
    }
  }

  // ---- the clock ----
  function enter(index) {
    // Leaving an exercise and side forwards (its end, or Skip) logs it, with the sets done.
    var from = steps[at] ? steps[at].entry : null;
    var to = index < steps.length ? steps[index].entry : null;
    if (running && from !== null && from !== to && index > at) record(from, run.sets.length);
    if (to !== null && to !== from) { run.entry = to; run.sets = []; }
    at = index;
    if (at >= steps.length) { finish(); return; }
    keep();
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
      // A set is done when its last step ends, not any step of it.
      if (step.ends_set && run.sets.indexOf(step.set) === -1) { run.sets.push(step.set); keep(); }
      enter(at + 1);
      return;
    }
    showTime();
  }

  function start(from) {
    ui.intro.hidden = true;
    ui.done.hidden = true;
    ui.stage.hidden = false;
    running = true;
    paused = false;
    showPaused();
    document.body.dataset.playing = "1";
    keepAwake();
    lastTick = performance.now();
    at = from;
    run.entry = steps[from].entry;
    run.sets = [];
    enter(from);
    timerId = window.setInterval(tick, 100);
    // The player is laid out on one screen (app.css); focusing must not scroll it away.
    ui.pause.focus({ preventScroll: true });
  }

  function showPaused() {
    ui.pause.textContent = paused ? "Resume" : "Pause";
    ui.pause.setAttribute("aria-pressed", paused ? "true" : "false");
    document.body.dataset.paused = paused ? "1" : "0";
    ui.pausedBanner.hidden = !paused;
  }

  function pause(on) {
    if (!running || paused === on) return;
    paused = on;
    showPaused();
    if (paused) { say(words("paused")); letSleep(); } else { say(words("go_on") + " " + steps[at].say); keepAwake(); }
    lastTick = performance.now();
  }
  function togglePause() { pause(!paused); }

  // Skip: on to the next exercise (or the next side); what was not done is logged as skipped.
  function skip() {
    if (!running) return;
    var entry = steps[at].entry, i = at + 1;
    while (i < steps.length && steps[i].entry === entry) i++;
    enter(i);
  }

  // Back: to the start of this exercise (its first side), or of the one before when already
  // at its start. Sets finished in what is left are logged first, part done.
  function exerciseAt(index) { return entries[steps[index].entry].exercise; }
  function back() {
    if (!running) return;
    var exercise = exerciseAt(at), target = at;
    while (target > 0 && exerciseAt(target - 1) === exercise) target--;
    if (target === at && target > 0) {
      exercise = exerciseAt(target - 1);
      while (target > 0 && exerciseAt(target - 1) === exercise) target--;
    }
    if (run.sets.length) record(run.entry, run.sets.length);
    run.entry = steps[target].entry;
    run.sets = [];
    enter(target);
  }

  // ---- the end: the summary, and the pain check (a record of its own) ----
  function overall() {
    return overallOf(entries.map(function (e) { return run.best[e.index] || "skipped"; }));
  }

  function finish() {
    running = false;
    window.clearInterval(timerId);
    letSleep();
    document.body.dataset.playing = "0";
    if (!run.finished) {
      run.finished = true;
      // The day's workout gets this run's status; the server keeps the better of it and what
      // the day already had, so a second run skipped through never undoes the first.
      queue.add({ key: run.id + "-finish", url: data.log_url,
        body: { date: data.plan.date, status: overall(), pre_run: !!data.plan.pre_run },
        label: words("workout_of", { day: dayInWords(data.plan.date) }) });
      keep();
      queue.flush();
    }
    showDone();
  }

  function showDone() {
    ui.intro.hidden = true;
    ui.stage.hidden = true;
    ui.done.hidden = false;
    // Counted in exercises, as everywhere (the sides of one exercise count once).
    var byExercise = {};
    entries.forEach(function (e) {
      (byExercise[e.exercise] = byExercise[e.exercise] || []).push(run.best[e.index] || "skipped");
    });
    var counts = { done: 0, partial: 0, skipped: 0 };
    Object.keys(byExercise).forEach(function (n) { counts[overallOf(byExercise[n])]++; });
    var status = overall();
    ui.summary.textContent = words("summary",
      { status: STATUS_WORDS[status], done: counts.done, total: timeline.exercises }) +
      (counts.partial ? ", " + counts.partial + " " + STATUS_WORDS.partial : "") +
      (counts.skipped ? ", " + counts.skipped + " " + STATUS_WORDS.skipped : "") + ".";
    document.body.dataset.step = "done";
    // Nothing done this time (skipped through): no pain to report, and none is asked.
    var ask = status !== "skipped" && !run.pain;
    ui.painForm.hidden = !ask;
    ui.saved.hidden = !run.pain;
    if (ask) say(words("ask_pain"));
    else say(words(status === "skipped" ? "nothing_done" : "well_done"));
    ui.doneHeading.focus();
  }

  ui.painForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = ui.painForm.querySelector("input[name=pain]:checked");
    if (!chosen) return;
    queue.add({ key: run.id + "-pain", url: data.pain_url,
      body: { date: data.plan.date, when: "during", score: Number(chosen.value),
        side: ui.painForm.elements.side.value, place: ui.painForm.elements.place.value },
      label: words("pain_of", { day: dayInWords(data.plan.date) }) });
    run.pain = true;
    keep();
    ui.painForm.hidden = true;
    ui.saved.hidden = false;
    ui.saved.focus();
    queue.flush();
  });

  // The pain score answered where it is given: the plan's own words for what it changes, and
  // the safety questions first when the plan asks for them (severe pain, R18).
  document.addEventListener("queue:answered", function (event) {
    if (!run || event.detail.key !== run.id + "-pain") return;
    var advice = event.detail.answer && event.detail.answer.advice;
    if (!advice || !advice.decisions.length) return;
    var words = $("pain-advice-words");
    words.textContent = "";
    advice.decisions.forEach(function (d) {
      var line = document.createElement("p");
      line.textContent = d.reason;
      words.appendChild(line);
    });
    $("pain-advice-screen").hidden = !advice.screen_first;
    $("pain-advice").hidden = false;
  });

  // ---- leaving mid-workout asks first ----
  window.addEventListener("beforeunload", function (event) {
    if (!running || leaving) return;
    saveProgress();
    event.preventDefault();
    event.returnValue = "";
  });
  window.addEventListener("pagehide", saveProgress);
  // The links around the player (the menu above it): pause, and ask in words what happens.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !running || event.defaultPrevented) return;
    // A link within the page ("Skip to content") or to a new tab leaves nothing.
    if (link.getAttribute("href").charAt(0) === "#" || link.target === "_blank") return;
    event.preventDefault();
    pause(true);
    var ok = window.confirm(words("leave"));
    if (!ok) return;
    saveProgress();
    leaving = true;
    window.location.href = link.href;
  });

  // ---- controls ----
  function resumeWords(state) {
    var entry = entries[state.entry] || entries[0];
    return words("stopped_at", { n: entry.exercise, total: timeline.exercises,
      name: (entry.info.name || entry.name) + (entry.side_words ? ", " + entry.side_words : "") }) +
      ". " + words("resume_tail");
  }

  ui.start.addEventListener("click", function () { newRun(); start(0); });
  ui.resumeButton.addEventListener("click", function () { start(firstStep[run.entry]); });
  ui.restart.addEventListener("click", function () { newRun(); start(0); });
  ui.again.addEventListener("click", function () { newRun(); start(0); });
  ui.pause.addEventListener("click", togglePause);
  ui.skip.addEventListener("click", skip);
  ui.back.addEventListener("click", back);
  if (ui.voice) ui.voice.addEventListener("change", function () {
    voiceOn = ui.voice.checked;
    ui.voice.dataset.auto = "";
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

  // ---- opening the player: a fresh start, a workout to resume, or a pain check still open ----
  run = kept();
  if (run && run.finished && !run.pain && overall() !== "skipped") {
    showDone();
  } else if (run && !run.finished && (run.entry > 0 || run.sets.length || Object.keys(run.records).length)) {
    ui.resumeText.textContent = resumeWords(run);
    ui.resume.hidden = false;
    ui.start.hidden = true;
  }
  document.body.dataset.ready = "1";
})();
