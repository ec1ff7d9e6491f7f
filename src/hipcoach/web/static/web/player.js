// The hands-free player: today's DayPlan as a timeline of steps (get ready, hold, timed work,
// reps at a tempo, rest, switch sides), spoken and captioned with the same words, an end sound,
// the screen kept awake, and keyboard and screen-reader use. It ends with the pain check and
// hands the workout to the offline-safe queue in app.js. No framework, no build step.
(function () {
  "use strict";
  var dataNode = document.getElementById("player-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var pace = data.pace > 0 ? data.pace : 1;
  var GET_READY_S = 5, SWITCH_S = 5, NEXT_SET_S = 5, REP_GAP_S = 2, DEFAULT_TEMPO_S = 3;

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
  // The engine lists a per-side exercise once per side (left, then right, maybe with different
  // doses); consecutive entries of one exercise are one exercise on screen, with a side switch.
  var groups = 0;
  var blocks = data.plan.exercises.map(function (planned, index, all) {
    var info = data.exercises[planned.id] || {};
    var sides;
    if (planned.side === "both" && info.per_side) sides = ["left", "right"];
    else if (planned.side === "left" || planned.side === "right") sides = [planned.side];
    else sides = [null];
    var continues = index > 0 && all[index - 1].id === planned.id;
    if (!continues) groups++;
    return { index: index, group: groups, continues: continues, planned: planned, info: info,
      sides: sides, setsDone: {}, skipped: false };
  });

  function sideWords(side) { return side ? side + " side" : ""; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function doseWords(p) {
    var parts = [];
    if (p.sets > 1) parts.push(plural(p.sets, "set"));
    if (p.time_s) parts.push(p.time_s + " seconds");
    else if (p.reps && p.hold_s) parts.push(p.reps + " reps, hold " + p.hold_s + " s each");
    else if (p.reps) parts.push(plural(p.reps, "rep"));
    else if (p.hold_s) parts.push("hold " + p.hold_s + " seconds");
    return parts.join(", ");
  }

  function buildSteps() {
    var steps = [];
    blocks.forEach(function (block) {
      var p = block.planned, name = block.info.name || p.name || p.id;
      block.sides.forEach(function (side, sideIndex) {
        var where = side ? ", " + sideWords(side) : "";
        if (sideIndex === 0 && !block.continues) {
          steps.push({ block: block, side: side, kind: "ready", seconds: GET_READY_S,
            say: "Get ready: " + name + where + ". " + doseWords(p) + "." });
        } else {
          steps.push({ block: block, side: side, kind: "switch", seconds: SWITCH_S,
            say: "Switch sides: now the " + sideWords(side) + ". " + doseWords(p) + "." });
        }
        for (var set = 1; set <= (p.sets || 1); set++) {
          var setWords = p.sets > 1 ? "Set " + set + " of " + p.sets + ". " : "";
          if (p.time_s) {
            steps.push({ block: block, side: side, set: set, kind: "work", seconds: p.time_s,
              say: setWords + "Go: " + p.time_s + " seconds.", end: true });
          } else if (p.reps) {
            for (var rep = 1; rep <= p.reps; rep++) {
              var first = rep === 1 ? setWords : "";
              if (p.hold_s) {
                steps.push({ block: block, side: side, set: set, rep: rep, kind: "hold",
                  seconds: p.hold_s, say: first + "Rep " + rep + ": hold.", end: true });
                if (rep < p.reps) steps.push({ block: block, side: side, set: set, rep: rep,
                  kind: "release", seconds: REP_GAP_S, say: "Release." });
              } else {
                steps.push({ block: block, side: side, set: set, rep: rep, kind: "rep",
                  seconds: p.tempo_s || DEFAULT_TEMPO_S, say: first + rep + "." ,
                  end: rep === p.reps });
              }
            }
          } else if (p.hold_s) {
            steps.push({ block: block, side: side, set: set, kind: "hold", seconds: p.hold_s,
              say: setWords + "Hold for " + p.hold_s + " seconds.", end: true });
          }
          if (set < (p.sets || 1)) {
            var rest = p.rest_s || NEXT_SET_S;
            steps.push({ block: block, side: side, set: set, kind: "rest", seconds: rest,
              say: "Rest " + rest + " seconds." });
          }
        }
      });
    });
    return steps;
  }

  var steps = buildSteps();
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

  var shownBlock = null;
  function showBlock(block, side) {
    var p = block.planned, info = block.info;
    ui.exercise.textContent = info.name || p.name || p.id;
    ui.side.textContent = side ? "Now: " + sideWords(side) : "";
    ui.side.hidden = !side;
    ui.dose.textContent = doseWords(p) + (p.load ? " · " + p.load : "") +
      (side || info.per_side ? " (each side)" : "");
    ui.position.textContent = "Exercise " + block.group + " of " + groups;
    if (shownBlock && shownBlock.planned.id === p.id && shownBlock.group === block.group) return;
    shownBlock = block;
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

  var LABELS = { ready: "Get ready", "switch": "Switch sides", work: "Go", hold: "Hold",
    release: "Release", rep: "Reps", rest: "Rest" };

  function showStep() {
    var step = steps[at];
    showBlock(step.block, step.side);
    ui.label.textContent = LABELS[step.kind];
    document.body.dataset.step = step.kind;
    var p = step.block.planned;
    if (step.rep) {
      ui.reps.textContent = "Rep " + step.rep + " of " + p.reps + (p.sets > 1 ? " · set " + step.set + " of " + p.sets : "");
    } else if (step.set && p.sets > 1) {
      ui.reps.textContent = "Set " + step.set + " of " + p.sets;
    } else {
      ui.reps.textContent = "";
    }
    ui.progress.value = at;
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
      if (step.end) beep(step.kind !== "rep");
      if (step.set) step.block.setsDone[(step.side || "both") + ":" + step.set] = true;
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

  // Skip: on to the next exercise (or the next side), recording this one as skipped.
  function skip() {
    if (!running) return;
    var step = steps[at], i = at + 1;
    if (!Object.keys(step.block.setsDone).length) step.block.skipped = true;
    while (i < steps.length && steps[i].block === step.block && steps[i].side === step.side) i++;
    enter(i);
  }

  // Back: to the start of this exercise, or the one before when already at its start.
  function back() {
    if (!running) return;
    var block = steps[at].block, firstOfBlock = at;
    while (firstOfBlock > 0 && steps[firstOfBlock - 1].block === block) firstOfBlock--;
    var target = firstOfBlock;
    if (at === firstOfBlock && firstOfBlock > 0) {
      var prev = steps[firstOfBlock - 1].block;
      target = firstOfBlock - 1;
      while (target > 0 && steps[target - 1].block === prev) target--;
    }
    steps[target].block.skipped = false;
    enter(target);
  }

  // ---- the end: pain check and the log ----
  function exerciseLog() {
    var logs = [];
    blocks.forEach(function (block) {
      var p = block.planned;
      block.sides.forEach(function (side) {
        var done = 0;
        for (var s = 1; s <= (p.sets || 1); s++) if (block.setsDone[(side || "both") + ":" + s]) done++;
        var status = done >= (p.sets || 1) ? "done" : done > 0 ? "partial" : "skipped";
        logs.push({ exercise: p.id, side: side || p.side || "both", status: status, sets: done || null,
          reps: p.reps, hold_s: p.hold_s, time_s: p.time_s });
      });
    });
    return logs;
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
    if (firstChoice) ui.done.querySelector("h2").focus();
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
