"""`hipcoach today`: the plan as a table or as the DayPlan JSON contract."""

from __future__ import annotations

import datetime as dt


def test_today_json_is_a_dayplan(enrolled) -> None:
    plan = enrolled.json("today", "--json")
    assert {"day", "date", "phase", "stop", "flags", "minutes", "exercises", "decisions"} <= set(
        plan
    )
    assert plan["day"] == 0 and plan["date"] == enrolled.today.isoformat()
    assert plan["phase"] == "mobility" and plan["stop"] is False
    for item in plan["exercises"]:
        assert {"id", "side", "sets", "reps", "hold_s", "time_s"} <= set(item)
        assert item["side"] in ("left", "right", "both")
    for decision in plan["decisions"]:
        assert {"rule", "reason", "evidence"} <= set(decision)


def test_today_shows_exercises_minutes_and_reasons(enrolled) -> None:
    text = enrolled("today").stdout
    assert "Day 1 (" in text and "phase: mobility" in text and "min" in text
    assert "Why:" in text and "R1" in text  # the baseline test is explained
    assert "hipcoach go" in text


def test_a_future_date_plans_ahead(enrolled) -> None:
    plan = enrolled.json("today", "--json", "--date", "2026-01-19")
    assert plan["day"] == 14 and plan["date"] == "2026-01-19"


def test_pre_run_is_passed_to_the_engine(enrolled) -> None:
    plan = enrolled.json("today", "--json", "--pre-run")
    assert plan["pre_run"] is True
    assert any(e["after_run"] for e in plan["exercises"])  # the holds, after the run (R8)
    assert "(after the run)" in enrolled("today", "--pre-run").stdout


def test_a_date_before_the_start_is_refused(enrolled) -> None:
    result = enrolled("today", "--date", "2025-12-31", ok=False)
    assert result.exit_code == 1 and "before your program started" in result.stderr


def test_the_plan_follows_new_records(enrolled) -> None:
    """The plan cache is keyed by the records: a new record gives a new plan."""
    before = enrolled.json("today", "--json")
    enrolled("pain", "--rest", "7")
    after = enrolled.json("today", "--json")
    assert before != after


def test_today_before_init_says_what_to_do(coach) -> None:
    result = coach("today", ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: hipcoach is not set up yet: run `hipcoach init` first"


def test_the_cached_plan_is_the_fresh_plan(enrolled) -> None:
    from hipcoach.tracking.people import local_person
    from hipcoach.tracking.plans import compute_plan

    first = enrolled.json("today", "--json")  # computed and cached
    second = enrolled.json("today", "--json")  # from the cache
    fresh = compute_plan(local_person(), on=dt.date.today()).to_json()
    assert first == second == fresh


def test_today_offers_one_line_of_the_phases_education(enrolled) -> None:
    text = enrolled("today").stdout
    assert "Learn: " in text and "hipcoach program show" in text


def test_a_swapped_exercise_is_marked_and_explained_by_name(coach) -> None:
    from coachkit import INIT

    coach(*INIT, "--pain-area", "high_hamstring")
    plan = coach.json("today", "--json")
    swapped = [item for item in plan["exercises"] if item.get("replaces")]
    assert swapped, "sit-bone pain swaps at least one primer exercise (R11)"
    text = coach("today").stdout
    assert "(swapped)" in text
    assert "Swapped:" in text and "ir activation" not in text  # names, not ids, in the words


def test_a_check_is_asked_for_with_its_reason_and_commands(enrolled) -> None:
    """A week with no workout: the check comes back after the break (R14 before R7)."""
    enrolled.to(enrolled.today + dt.timedelta(days=7))
    plan = enrolled.json("today", "--json")
    assert "reassess" in plan["flags"]
    text = " ".join(enrolled("today").stdout.split())
    assert (
        "Time for a check (back after a break): measure both hips (hipcoach measure)"
        " and answer the safety questions (hipcoach screen)." in text
    )
    assert "reassess" not in text  # flags in words, not codes
