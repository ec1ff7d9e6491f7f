"""`hipcoach go`: the guided player logs each exercise and side as it is finished."""

from __future__ import annotations

import re

import pytest

from hipcoach.tracking.models import ExerciseLog, PainReport, WorkoutLog


def test_go_plays_and_logs_every_exercise_and_side(enrolled) -> None:
    plan = enrolled.json("today", "--json")
    result = enrolled("go", "--pace", "0", "--yes", "--pain", "2")
    logged = list(
        ExerciseLog.objects.order_by("created", "id").values_list("exercise", "side", "status")
    )
    assert logged == [(e["id"], e["side"], "done") for e in plan["exercises"]]
    workout = WorkoutLog.objects.get()
    assert workout.status == "done" and workout.date == enrolled.today
    assert PainReport.objects.get().score == 2 and PainReport.objects.get().when == "during"
    assert "Get ready" in result.stdout and "workout done" in result.stdout


def test_go_shows_steps_cues_and_switches_sides(enrolled) -> None:
    text = enrolled("go", "--pace", "0", "--yes").stdout
    assert "1. " in text and "• " in text  # numbered steps and cues
    assert "left side" in text and "right side" in text
    assert "Switch sides: now the right." in text


def test_go_names_what_the_workout_needs_and_each_exercise_s_set_up(enrolled) -> None:
    from hipcoach.content.loader import load_library

    exercises = load_library().exercises
    plan = enrolled.json("today", "--json")
    shown = enrolled("go", "--pace", "0", "--yes").stdout
    text = " ".join(re.sub("[│╭╮╰╯─]", " ", shown).split())  # the words, without the panels
    first = exercises[plan["exercises"][0]["id"]]
    needed = dict.fromkeys(
        item.replace("_", " ") for e in plan["exercises"] for item in exercises[e["id"]].equipment
    )
    assert f"You need: {', '.join(needed)}" in text  # the whole workout's, before it starts
    assert "Set-up: " + " ".join(first.starting_position.split()) in text
    assert f"You need: {', '.join(i.replace('_', ' ') for i in first.equipment)}" in text


def test_go_records_the_dose_done(enrolled) -> None:
    plan = enrolled.json("today", "--json")
    enrolled("go", "--pace", "0", "--yes")
    first = ExerciseLog.objects.order_by("created", "id").first()
    item = plan["exercises"][0]
    assert (first.sets, first.reps, first.hold_s, first.time_s) == (
        item["sets"],
        item["reps"],
        item["hold_s"],
        item["time_s"],
    )


def test_the_pain_check_reads_the_answer(enrolled) -> None:
    enrolled("go", "--pace", "0", input="3\n")
    assert PainReport.objects.get().score == 3


def test_the_pain_check_can_be_skipped(enrolled) -> None:
    result = enrolled("go", "--pace", "0", input="\n")
    assert not PainReport.objects.exists()
    assert "hipcoach pain --during" in result.stdout


@pytest.mark.parametrize("pain", ["11", "-1"])
def test_go_refuses_a_bad_pain_before_starting(enrolled, pain) -> None:
    result = enrolled("go", "--pace", "0", "--yes", "--pain", pain, ok=False)
    assert result.exit_code != 0
    assert not WorkoutLog.objects.exists() and not ExerciseLog.objects.exists()


def test_the_pain_check_may_name_its_side_and_place(enrolled) -> None:
    where = ["--pain-side", "right", "--pain-place", "groin"]
    enrolled("go", "--pace", "0", "--yes", "--pain", "4", *where)
    report = PainReport.objects.get()
    assert (report.score, report.side, report.place) == (4, "right", "groin")


def test_go_refuses_an_unknown_pain_side_before_starting(enrolled) -> None:
    result = enrolled("go", "--pace", "0", "--yes", "--pain", "2", "--pain-side", "up", ok=False)
    assert "unknown pain side 'up'" in result.output
    assert not WorkoutLog.objects.exists() and not ExerciseLog.objects.exists()


def test_go_stops_on_a_red_flag(enrolled) -> None:
    enrolled("screen", "--yes", "--red-flag", "trauma", ok=False)
    result = enrolled("go", "--pace", "0", "--yes", ok=False)
    assert result.exit_code == 3 and "Stop" in result.stdout
    assert not WorkoutLog.objects.exists()


def test_a_second_go_the_same_day_adds_to_the_workout(enrolled) -> None:
    enrolled("go", "--pace", "0", "--yes")
    count = ExerciseLog.objects.count()
    enrolled("go", "--pace", "0", "--yes")
    assert WorkoutLog.objects.count() == 1 and ExerciseLog.objects.count() == 2 * count


def test_go_on_an_earlier_day(enrolled) -> None:
    enrolled.next_day()
    enrolled("go", "--pace", "0", "--yes", "--date", "2026-01-05")
    assert WorkoutLog.objects.get().date.isoformat() == "2026-01-05"
