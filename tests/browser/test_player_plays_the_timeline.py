"""The web player plays the engine's timeline as given: every cue in order, none left out, spoken
as captioned, each countdown starting at the step's own seconds (reps at the exercise's tempo),
a tone where the timeline asks for one. The page's clock is the test's: the workout plays at
its own pace, every tick of it, in a fraction of a second."""

from __future__ import annotations

import json

from browserkit import Problems, play, play_to_the_end

# A voice on the device that records what it is asked to say (headless Chromium has none).
FAKE_VOICE = """
(() => {
  const spoken = [];
  const voice = {localService: true, lang: 'en-GB', name: 'test voice'};
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
    getVoices: () => [voice], cancel: () => {}, speak: (u) => spoken.push(u.text)}});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  window.spokenCues = spoken;
})();
"""

# Each time the caption changes: the caption, the countdown shown and the step's kind.
WATCH = """
() => {
  window.shown = [];
  const caption = document.getElementById('caption');
  new MutationObserver(() => window.shown.push([caption.textContent,
      document.getElementById('timer').textContent, document.body.dataset.step]))
    .observe(caption, {childList: true, characterData: true, subtree: true});
}
"""


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else str(seconds)


def follow(played: list[list], steps: list[dict]) -> int:
    """Check that `played` ([caption, timer or None, kind or None] rows) is the timeline in
    order, nothing missing and nothing more: every step's cue, as it starts, with its countdown
    at the step's seconds; between them, every cue said while the step ran (marks), each once.
    How many marks were played."""
    expected = []
    for s in steps:
        expected.append((s["say"], clock(s["seconds"]), s["kind"], True))
        expected.extend((m["say"], None, s["kind"], False) for m in s["marks"])
    for n, ((caption, timer, kind), (say, seconds, step_kind, is_step)) in enumerate(
        zip(played, expected, strict=False)
    ):
        assert caption == say and kind in (None, step_kind), (n, caption, kind, say, step_kind)
        assert timer is None or not is_step or timer == seconds, (n, caption, timer, seconds)
    assert len(played) == len(expected), "every step and every cue is played, once"
    return sum(not e[3] for e in expected)


def test_the_player_plays_every_step_of_the_timeline(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    page.add_init_script(FAKE_VOICE)
    arrive(phone, "erin")
    page.goto("/today/")
    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    data = json.loads(page.locator("#player-data").text_content())
    steps, plan = data["timeline"]["steps"], data["plan"]["exercises"]

    # The precondition: today's workout has reps authored at a tempo other than the default
    # (a rep counted, or the release between two held reps, takes the tempo).
    paced = [
        s
        for s in steps
        if s["kind"] in ("rep", "release") and plan[s["entry"]]["tempo_s"] not in (None, 3)
    ]
    assert paced and all(s["seconds"] == plan[s["entry"]]["tempo_s"] for s in paced)

    page.evaluate(WATCH)
    page.get_by_role("button", name="Start workout").click()
    play_to_the_end(page)

    shown = page.evaluate("window.shown")
    played = [row for row in shown if row[2] != "done"]
    assert follow(played, steps) > 0
    assert any(row[0].startswith("Halfway") for row in played)
    spoken = page.evaluate("window.spokenCues")
    end = spoken.index("Well done. How much pain did you feel during the workout, from 0 to 10?")
    follow([[words, None, None] for words in spoken[:end]], steps)  # spoken as captioned
    tones = sum(1 for s in steps if s["tone"])
    assert int(page.locator("body").get_attribute("data-beeps") or 0) == tones
    assert problems.errors == []


def test_back_goes_to_the_start_of_the_exercise_not_of_the_side(phone, arrive):
    page = phone.new_page()
    arrive(phone, "fran")
    page.goto("/today/")
    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    timeline = json.loads(page.locator("#player-data").text_content())["timeline"]
    entries, steps = timeline["entries"], timeline["steps"]
    second = next(e for e in entries[1:] if e["exercise"] == entries[e["index"] - 1]["exercise"])
    first_side = entries[second["index"] - 1]
    start = next(s for s in steps if s["entry"] == first_side["index"])

    page.get_by_role("button", name="Start workout").click()
    page.keyboard.press("Space")  # paused: nothing moves on while we look
    for _ in range(second["index"]):  # skip, one exercise and side at a time
        page.keyboard.press("n")
    assert page.locator("#ex-side").inner_text() == "Now: " + second["side_words"]
    assert page.locator("body").get_attribute("data-step") == "switch"
    page.keyboard.press("Space")
    switch = next(s for s in steps if s["entry"] == second["index"])
    assert switch["kind"] == "switch"
    play(page, switch["seconds"])
    assert page.locator("body").get_attribute("data-step") != "switch"
    page.keyboard.press("Space")
    page.keyboard.press("b")
    assert page.locator("#ex-side").inner_text() == "Now: " + first_side["side_words"]
    assert page.locator("#caption").inner_text() == start["say"]
