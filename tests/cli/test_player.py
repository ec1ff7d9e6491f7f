"""The player's controls: pause, skip and stop, and what Ctrl-C leaves behind."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from hipcoach.cli.player import Player
from hipcoach.engine.steps import timeline_of
from hipcoach.engine.types import PlannedExercise

HOLD = PlannedExercise(id="stretch", name="A stretch", side="left", sets=2, hold_s=30, rest_s=10)
REPS = PlannedExercise(id="drill", name="A drill", side="both", sets=1, reps=8, hold_s=2)
TIMED = PlannedExercise(id="roll", name="Rolling", side="both", sets=1, time_s=45)


class ScriptedKeys:
    """Presses keys on given polls (0-based); counts the seconds waited."""

    def __init__(
        self, presses: dict[int, str] | None = None, interrupt_at: int | None = None
    ) -> None:
        self.presses = presses or {}
        self.interrupt_at = interrupt_at
        self.polls = 0
        self.waited = 0.0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def poll(self, timeout: float) -> str | None:
        if self.polls == self.interrupt_at:
            raise KeyboardInterrupt
        key = self.presses.get(self.polls)
        self.polls += 1
        self.waited += timeout
        return key


def play(items, keys, *, live=True, pace=1.0):
    records = []
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    player = Player(
        console,
        timeline_of(items),
        record=lambda e, st, d: records.append((e.item.id, st, d)),
        keys=keys,
        pace=pace,
        live=live,
    )
    return player, records, console


def test_every_step_is_recorded_done_with_its_dose() -> None:
    player, records, _ = play([HOLD, REPS, TIMED], ScriptedKeys(), pace=1000)
    outcome = player.run()
    assert [(r[0], r[1]) for r in records] == [
        ("stretch", "done"),
        ("drill", "done"),
        ("roll", "done"),
    ]
    assert records[0][2].sets == 2 and records[0][2].hold_s == 30
    assert outcome.status == "done"


def test_the_timers_take_the_planned_time_at_pace_one() -> None:
    keys = ScriptedKeys()
    player, _, _ = play([HOLD], keys, live=False)
    player.run()
    assert keys.waited == pytest.approx(5 + 30 + 10 + 30)  # get ready, hold, rest, hold


def test_pace_speeds_the_clock() -> None:
    keys = ScriptedKeys()
    player, _, _ = play([HOLD], keys, live=False, pace=5)
    player.run()
    assert keys.waited == pytest.approx((5 + 30 + 10 + 30) / 5)


def test_skip_before_any_set_records_skipped_and_goes_on() -> None:
    player, records, _ = play([HOLD, TIMED], ScriptedKeys({3: "s"}))
    outcome = player.run()
    assert [(r[0], r[1]) for r in records] == [("stretch", "skipped"), ("roll", "done")]
    assert outcome.status == "partial"


def test_skip_after_a_set_records_partial_with_the_sets_done() -> None:
    # get ready 50 ticks, first hold 300 ticks: the key comes during the rest
    player, records, _ = play([HOLD], ScriptedKeys({360: "s"}))
    player.run()
    assert records[0][1] == "partial" and records[0][2].sets == 1


def test_stop_ends_the_workout_and_keeps_what_was_done() -> None:
    player, records, _ = play([TIMED, HOLD, REPS], ScriptedKeys({520: "q"}))
    outcome = player.run()
    assert [(r[0], r[1]) for r in records] == [("roll", "done"), ("stretch", "skipped")]
    assert outcome.stopped and outcome.status == "partial"


def test_pause_waits_for_the_second_press() -> None:
    keys = ScriptedKeys({10: "p", 15: "p"})
    player, records, console = play([TIMED], keys)
    player.run()
    assert records[0][1] == "done"
    assert keys.polls > 50 + 450  # the paused polls came on top of the timer's


def test_ctrl_c_keeps_the_finished_steps_only() -> None:
    player, records, _ = play([TIMED, HOLD], ScriptedKeys(interrupt_at=600))
    with pytest.raises(KeyboardInterrupt):
        player.run()
    assert [(r[0], r[1]) for r in records] == [("roll", "done")]
    assert player.outcome.done == 1


def test_reps_are_prompted_one_by_one_in_a_terminal() -> None:
    player, _, console = play([REPS], ScriptedKeys(), pace=1000)
    player.run()
    assert console.file.getvalue().count("rep") >= 1


@pytest.mark.parametrize("live", [True, False])
def test_reps_are_paced_at_the_exercises_own_tempo(live) -> None:
    slow = PlannedExercise(id="airplane", name="Airplane", side="both", sets=1, reps=4, tempo_s=6)
    keys = ScriptedKeys()
    player, _, _ = play([slow], keys, live=live)
    player.run()
    assert keys.waited == pytest.approx(5 + 4 * 6)  # get ready, then four reps of 6 s
