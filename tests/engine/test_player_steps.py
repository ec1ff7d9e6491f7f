"""The player's timeline: a day's plan as the steps both players play, with the words of each cue."""

from __future__ import annotations

import json

from enginekit import Diary, program, simulate

from hipcoach.content.timing import DEFAULT_TEMPO_S, SIDE_SWITCH_S
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.steps import GET_READY_S, NEXT_SET_S, StepKind, timeline, timeline_of
from hipcoach.engine.types import PlannedExercise

SWINGS = PlannedExercise(id="swing", name="Leg swings", side="left", sets=2, reps=3, tempo_s=2)
SWINGS_RIGHT = PlannedExercise(
    id="swing", name="Leg swings", side="right", sets=2, reps=3, tempo_s=2
)
LIFTS = PlannedExercise(id="lift", name="IR lift", side="both", sets=1, reps=3, hold_s=4, tempo_s=5)
STRETCH = PlannedExercise(id="stretch", name="A stretch", side="both", sets=2, hold_s=30)
ROLL = PlannedExercise(id="roll", name="Rolling", side="both", sets=1, time_s=45)


def kinds_and_seconds(items) -> list[tuple[str, int]]:
    return [(s.kind.value, s.seconds) for s in timeline_of(items).steps]


def test_reps_are_counted_at_the_exercises_own_tempo() -> None:
    assert kinds_and_seconds([SWINGS]) == [
        ("ready", GET_READY_S),
        ("rep", 2),
        ("rep", 2),
        ("rep", 2),
        ("rest", NEXT_SET_S),
        ("rep", 2),
        ("rep", 2),
        ("rep", 2),
    ]


def test_reps_without_a_tempo_take_the_default() -> None:
    plain = PlannedExercise(id="swing", name="Leg swings", side="both", sets=1, reps=2)
    assert [s.seconds for s in timeline_of([plain]).steps[1:]] == [DEFAULT_TEMPO_S] * 2


def test_held_reps_hold_then_release_at_the_tempo() -> None:
    assert kinds_and_seconds([LIFTS]) == [
        ("ready", GET_READY_S),
        ("hold", 4),
        ("release", 5),
        ("hold", 4),
        ("release", 5),
        ("hold", 4),
    ]


def test_holds_timed_work_and_rests() -> None:
    stretch = PlannedExercise(id="s", name="S", side="both", sets=2, hold_s=30, rest_s=10)
    assert kinds_and_seconds([stretch, ROLL]) == [
        ("ready", GET_READY_S),
        ("hold", 30),
        ("rest", 10),
        ("hold", 30),
        ("ready", GET_READY_S),
        ("work", 45),
    ]


def test_the_second_side_follows_a_switch_and_counts_as_the_same_exercise() -> None:
    line = timeline_of([SWINGS, SWINGS_RIGHT, ROLL])
    second = line.of(line.entries[1])
    assert (second[0].kind, second[0].seconds) == (StepKind.SWITCH, SIDE_SWITCH_S)
    assert second[0].say == "Switch sides: now the right. 2 sets, 3 reps."
    assert [e.exercise for e in line.entries] == [1, 1, 2]
    assert line.exercises == 2
    assert [e.first for e in line.entries] == [True, False, True]


def test_every_cue_has_its_words() -> None:
    line = timeline_of([SWINGS, LIFTS, STRETCH])
    says = [s.say for s in line.steps]
    assert says[0] == "Get ready: Leg swings, left side. 2 sets, 3 reps."
    assert says[1:4] == ["Set 1 of 2. 1.", "2.", "3."]
    assert "Rest 5 seconds." in says
    assert "Get ready: IR lift. 3 reps, hold 4 seconds each." in says
    assert "Rep 1: hold." in says and "Release." in says
    assert "Set 2 of 2. Hold for 30 seconds." in says
    assert all(s.say and s.label for s in line.steps)
    assert line.steps[2].count == "Rep 2 of 3 · set 1 of 2"


def test_tones_and_set_ends() -> None:
    line = timeline_of([SWINGS, STRETCH])
    tones = [(s.kind.value, s.rep) for s in line.steps if s.tone]
    assert tones == [("rep", 3), ("rep", 3), ("hold", None), ("hold", None)]
    assert [s.set for s in line.steps if s.ends_set] == [1, 2, 1, 2]


def test_the_timeline_is_plain_json() -> None:
    data = json.loads(json.dumps(timeline_of([SWINGS, SWINGS_RIGHT, LIFTS]).to_json()))
    assert data["exercises"] == 2
    first = data["entries"][0]
    assert (first["id"], first["side"], first["sets"], first["reps"]) == ("swing", "left", 2, 3)
    assert data["entries"][0]["dose"] == "2 × 3 reps, each side"
    assert data["steps"][1] == {
        "entry": 0,
        "kind": "rep",
        "label": "Reps",
        "seconds": 2,
        "say": "Set 1 of 2. 1.",
        "count": "Rep 1 of 3 · set 1 of 2",
        "set": 1,
        "rep": 1,
        "tone": False,
        "ends_set": False,
        "marks": [],
    }


def test_long_holds_hear_halfway_and_a_countdown() -> None:
    line = timeline_of([STRETCH, ROLL])
    hold = next(s for s in line.steps if s.kind is StepKind.HOLD)
    assert [(m.left, m.say) for m in hold.marks] == [
        (15, "Halfway: 15 seconds to go."),
        (3, "3."),
        (2, "2."),
        (1, "1."),
    ]
    work = next(s for s in line.steps if s.kind is StepKind.WORK)
    assert [m.left for m in work.marks] == [22, 3, 2, 1]


def test_a_switch_of_sides_counts_down_and_short_steps_stay_quiet() -> None:
    line = timeline_of([SWINGS, SWINGS_RIGHT, LIFTS])
    switch = next(s for s in line.steps if s.kind is StepKind.SWITCH)
    assert [m.say for m in switch.marks] == ["3.", "2.", "1."]
    short = [s for s in line.steps if s.kind in (StepKind.HOLD, StepKind.REP, StepKind.READY)]
    assert all(s.marks == () for s in short)  # a 4-second hold per rep: no chatter
    medium = timeline_of([PlannedExercise(id="m", name="M", side="both", sets=1, hold_s=12)])
    assert [m.left for m in medium.steps[1].marks] == [3, 2, 1]  # no halfway under 20 s


def test_a_dose_authored_with_a_tempo_reaches_the_steps() -> None:
    paced = program(mobility_blocks=[{"exercise": "bridge", "dose": {"reps": 5, "tempo_s": 4}}])
    [plan] = simulate(Diary(), 0, program=paced)
    assert [e.tempo_s for e in plan.exercises] == [4]
    assert plan.to_json()["exercises"][0]["tempo_s"] == 4
    reps = [s.seconds for s in timeline(plan).steps if s.kind is StepKind.REP]
    assert reps == [4] * 5


def test_a_stopped_plan_has_no_steps() -> None:
    [plan] = simulate(Diary().answers(0, trauma=True), 0)
    assert plan.stop and timeline(plan).steps == () and timeline(plan).exercises == 0


def test_one_dose_in_words_written_and_spoken() -> None:
    assert dose_text(LIFTS) == "3 reps, 4 s hold each"
    assert dose_text(SWINGS, per_side=True) == "2 × 3 reps, each side"
    assert dose_text(LIFTS, spoken=True) == "3 reps, hold 4 seconds each"
    assert dose_text(STRETCH, spoken=True) == "2 sets, hold 30 seconds"
    assert dose_text(ROLL, spoken=True) == "45 seconds"
    one = PlannedExercise(id="x", name="X", side="both", sets=1, reps=1, load="light band")
    assert dose_text(one) == "1 rep, light band"
    assert dose_text(one, spoken=True) == "1 rep, light band"


def test_a_run_is_counted_in_exercises_the_sides_of_one_counting_once() -> None:
    """Both players say this at the end: an exercise done on one side only is partly done."""
    line = timeline_of([SWINGS, SWINGS_RIGHT, ROLL, STRETCH])
    tally = line.tally({0: "done", 1: "skipped", 2: "done"})  # the stretch never reached
    assert (tally.done, tally.partial, tally.skipped) == (1, 1, 1)
    assert tally.status == "partial"
    assert tally.words() == "3 exercises: 1 done, 1 partly done, 1 skipped"
    every = line.tally({0: "done", 1: "done", 2: "done", 3: "done"})
    assert (every.done, every.status, every.words()) == (3, "done", "3 exercises: 3 done")
    assert line.tally({}).status == "skipped"


def test_the_order_of_statuses_is_the_vocabularys() -> None:
    from hipcoach.vocabulary import STATUS_ORDER, WorkoutStatus, overall_status, status_rank

    assert [status_rank(s) for s in STATUS_ORDER] == [0, 1, 2]
    assert status_rank("done") > status_rank("partial") > status_rank("skipped")
    assert overall_status() is WorkoutStatus.skipped
    assert overall_status("done", "partial") is WorkoutStatus.partial
    assert overall_status("skipped", "skipped") is WorkoutStatus.skipped
