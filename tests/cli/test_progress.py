"""`hipcoach progress`: phase, gates, adherence and streak, the IR and pain charts."""

from __future__ import annotations

import datetime as dt

from coachkit import BASELINE


def week_of_workouts(coach, days: int, *, skip: tuple[int, ...] = ()) -> None:
    for day in range(days):
        if day not in skip:
            coach("log", "--status", "done")
            coach("pain", "--during", str(day % 4))
        coach.next_day()


def test_progress_json_has_the_contract_keys(enrolled) -> None:
    report = enrolled.json("progress", "--json")
    assert {"phase", "gates", "adherence", "measurements", "pain"} <= set(report)
    assert report["phase"] == "mobility"
    assert report["measurements"][0] | {} == {
        "date": "2026-01-05",
        "side": "left",
        "position": "prone",
        "method": "inclinometer",
        "kind": "ir",
        "trials": [22.0, 24.0, 23.0],
        "mean": 23.0,
    }


def test_adherence_and_streak(enrolled) -> None:
    week_of_workouts(enrolled, 10, skip=(3,))
    report = enrolled.json("progress", "--json")
    assert report["adherence"] == 0.9  # 9 of days 0-9; today (day 10) is not due yet
    assert report["streak"] == 6  # days 4-9
    enrolled("log", "--status", "partial")
    report = enrolled.json("progress", "--json")
    assert report["adherence"] == round(9.5 / 11, 3) and report["streak"] == 7


def test_progress_draws_ir_left_and_right_and_pain(enrolled) -> None:
    week_of_workouts(enrolled, 7)
    enrolled(
        "measure",
        "--position",
        "prone",
        "--method",
        "inclinometer",
        "--left",
        "27",
        "--left",
        "27",
        "--left",
        "27",
        "--right",
        "35",
        "--right",
        "35",
        "--right",
        "35",
    )
    text = enrolled("progress").stdout
    assert "phase: mobility" in text
    assert "Internal rotation, prone, inclinometer" in text and "left (blue), right (red)" in text
    assert "┤" in text and "2026-01-05 … 2026-01-12" in text
    assert "Pain, the worst report of each day" in text
    assert "Workouts done: 100% of the last 7 days · streak: 7 days" in text


def test_progress_before_any_test_or_report(coach) -> None:
    coach("init", "--yes", "--program", "hip-ir-primer")
    text = coach("progress").stdout
    assert "No IR test yet" in text and "No pain reports yet" in text
    assert dt.date.today().isoformat() in coach("progress", "--json").stdout


def test_own_activities_are_reported(enrolled) -> None:
    enrolled("activities", "--rate", "run 5 km=3", "--rate", "sit through a film=5")
    enrolled.next_day()
    enrolled("activities", "--rate", "run 5 km=6", "--rate", "sit through a film=6")
    report = enrolled.json("progress", "--json")
    assert [a["score"] for a in report["activities"]] == [4.0, 6.0]
    assert "Your activities: 4.0/10" in enrolled("progress").stdout


def test_the_gate_checklist_reads_each_value_against_its_target(coach) -> None:
    # The plan's own words, as the web shows them ("3 of 14 days"), never recomputed here.
    coach("init", "--yes", "--program", "hip-foundations", "--goal", "running", *BASELINE)
    week_of_workouts(coach, 3)
    out = " ".join(coach("progress").stdout.split())
    assert "Days in this phase: 3 of 14 days" in out
    assert "Internal rotation" in out and "23° of" in out
    assert "now 3" not in out


def test_progress_after_more_than_five_years_says_why_there_is_no_plan(enrolled) -> None:
    """Back after six years: no plan for today (too long to plan), and progress says so and
    still shows the records, instead of failing."""
    import datetime as dt

    enrolled.to(enrolled.today + dt.timedelta(days=6 * 366))
    shown = enrolled("progress").output
    assert "more than 5 years after your program started" in shown
    assert "Internal rotation" in shown
    report = enrolled.json("progress", "--json")
    assert report["day"] is None and "5 years" in report["unplanned"]


def test_progress_sums_up_pain_by_side(enrolled) -> None:
    enrolled("pain", "--side", "right", "--place", "buttock", "--during", "5")
    enrolled("pain", "--side", "right", "--place", "knee", "--rest", "2")
    text = enrolled("progress").stdout
    assert "right side: 2 reports, worst 5/10 (the buttock, the knee)" in " ".join(text.split())
    report = enrolled.json("progress", "--json")
    assert {(p["side"], p["place"]) for p in report["pain"]} >= {("right", "buttock")}
    assert report["pain_by_side"].startswith("Pain by side, the last 14 days: left side: ")
