"""The player's figure: the working side's key poses, moving during a rep, still for a hold;
a still start → end pair for someone who prefers reduced motion."""

from __future__ import annotations

from browserkit import (
    Problems,
    axe_check,
    hold_the_clock,
    play_to_the_end,
    screenshot,
)

# Each time the figure changes: its side, the key pose shown and the step being played.
WATCH = """
() => {
  window.figureSeen = [];
  const box = document.getElementById('ex-figure');
  const note = () => window.figureSeen.push([box.dataset.side || '', box.dataset.frame || '',
      document.body.dataset.step || '', document.getElementById('ex-side').textContent,
      Array.from(box.querySelectorAll('img')).map(i => i.getAttribute('src')).join(' ')]);
  new MutationObserver(note).observe(box, {attributes: true, childList: true});
}
"""


def test_the_figure_shows_the_working_side_and_moves_during_a_rep(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "fern")
    page.goto("/today/")
    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    page.evaluate(WATCH)
    page.get_by_role("button", name="Start workout").click()
    page.locator("#ex-figure img").first.wait_for(state="attached")
    axe_check(page, "player with figure")
    screenshot(page, "player-figure-phone")
    play_to_the_end(page)
    seen = page.evaluate("window.figureSeen")
    right = [row for row in seen if row[3] == "Now: right side"]
    left = [row for row in seen if row[3] == "Now: left side"]
    assert right and left, "a per-side exercise is in today's workout"
    assert all(
        row[0] == "right" and "/right/" in row[4] and "/left/" not in row[4] for row in right
    )
    assert all(row[0] == "left" and "/left/" in row[4] for row in left)
    kinds = {row[2] for row in seen}
    # A held rep moves out to the end pose for the hold and back to the start for the release;
    # a counted rep goes out and back within its own tempo.
    assert {"hold", "release"} <= kinds, kinds
    held = {row[1] for row in seen if row[2] == "hold"}
    assert held and "0" not in held, "a hold shows the end pose"
    assert {row[1] for row in seen if row[2] == "release"} == {"0"}, "a release, the start"
    if "rep" in kinds:
        assert {"0", "1"} <= {row[1] for row in seen if row[2] == "rep"}
    assert problems.errors == []


def test_reduced_motion_shows_a_still_start_and_end(browser, server, arrive):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=server, reduced_motion="reduce"
    )
    hold_the_clock(context)
    try:
        page = context.new_page()
        arrive(context, "gwen")
        page.goto("/today/")
        page.get_by_role("link", name="Start", exact=True).click()
        page.wait_for_url("**/today/player/")
        page.evaluate(WATCH)
        page.get_by_role("button", name="Start workout").click()
        figure = page.locator("#ex-figure")
        figure.locator("img").first.wait_for(state="attached")
        assert "pair" in (figure.get_attribute("class") or "")
        assert figure.locator("img").count() == 2
        assert figure.get_attribute("aria-label").startswith(
            ("Lying", "Sitting", "Standing", "On ")
        )
        screenshot(page, "player-figure-reduced-motion")
        play_to_the_end(page)
        assert {row[1] for row in page.evaluate("window.figureSeen")} <= {""}
    finally:
        context.close()


def test_the_figures_of_today_s_workout_show_offline(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "hana")
    page.goto("/today/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()  # under the worker's control, Today asks it to keep today's figures
    urls = page.evaluate("JSON.parse(document.getElementById('figure-urls').textContent)")
    assert urls
    page.wait_for_function(
        "urls => Promise.all(urls.map(u => caches.match(u))).then(hits => hits.every(Boolean))",
        arg=urls,
        polling=200,
    )
    phone.set_offline(True)
    page.goto("/today/player/")
    page.get_by_role("button", name="Start workout").click()
    image = page.locator("#ex-figure img").first
    image.wait_for(state="attached")
    page.wait_for_function(
        "() => { const i = document.querySelector('#ex-figure img'); return i.complete && i.naturalWidth > 0; }"
    )
    assert image.evaluate("i => i.naturalWidth") == 320
    phone.set_offline(False)
    assert problems.errors == []


def _figures_by_exercise(page) -> list[tuple[str, bool, str]]:
    """Skip through the workout: each exercise's name, whether its figure is drawn facing the
    viewer, and its images' computed transform."""
    seen: dict[str, tuple[str, bool, str]] = {}
    data = page.evaluate("JSON.parse(document.getElementById('player-data').textContent)")
    for _ in range(60):
        if page.locator("#player-done").is_visible():
            break
        name = page.locator("#ex-name").text_content() or ""
        page.locator("#ex-figure img").first.wait_for(state="attached")
        ids = [e["id"] for e in data["plan"]["exercises"] if e["name"] == name]
        facing = bool(ids) and any(s["mirror"] for s in data["figures"].get(ids[0], {}).values())
        transform = page.locator("#ex-figure img").first.evaluate(
            "i => getComputedStyle(i).transform"
        )
        if facing and transform != "none" and not any(row[1] for row in seen.values()):
            screenshot(page, "player-figure-mirrored")
        seen[name] = (name, facing, transform)
        page.locator("#btn-skip").click()
    return list(seen.values())


def test_facing_the_screen_mirrors_the_front_views_and_is_remembered(phone, arrive):
    """Someone facing the screen copies a front view as in a mirror: with the choice made, the
    figures seen from the front are flipped (the working leg on their own side), the others
    are not, and the choice is still made the next time the player opens."""
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "mira")
    page.goto("/today/")
    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    toggle = page.get_by_label("I'm facing the screen")
    assert not toggle.is_checked()
    toggle.check()
    page.reload()
    assert page.get_by_label("I'm facing the screen").is_checked()
    axe_check(page, "player with the mirror choice")
    page.get_by_role("button", name="Start workout").click()
    shown = _figures_by_exercise(page)
    facing = [row for row in shown if row[1]]
    side_on = [row for row in shown if not row[1]]
    assert facing and side_on, shown
    assert all(row[2].startswith("matrix(-1, 0, 0, 1") for row in facing), facing
    assert all(row[2] == "none" for row in side_on), side_on

    page.goto("/today/player/")
    page.get_by_label("I'm facing the screen").uncheck()
    page.reload()
    assert not page.get_by_label("I'm facing the screen").is_checked()
    restart = page.locator("#btn-restart")
    if restart.is_visible():
        restart.click()
    page.get_by_role("button", name="Start workout").click()
    assert all(row[2] == "none" for row in _figures_by_exercise(page))
    assert problems.errors == []
