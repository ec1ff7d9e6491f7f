"""`hipcoach cleared`: after a red flag, a clinician's clearance lets the program start or go on."""

from __future__ import annotations

from coachkit import INIT


def test_a_person_stopped_at_init_can_start_once_cleared(coach) -> None:
    stopped = coach(*INIT, "--red-flag", "trauma", ok=False)
    assert stopped.exit_code == 3
    refused = coach("today", ok=False)
    assert "hipcoach cleared" in refused.stderr
    coach("cleared", "--yes", "--note", "GP: no fracture")
    coach(*INIT)
    plan = coach.json("today", "--json")
    assert plan["stop"] is False
    assert plan["exercises"]


def test_a_red_flag_at_a_weekly_screen_stops_until_cleared(enrolled) -> None:
    enrolled.next_day()
    assert enrolled("screen", "--red-flag", "constant_or_night_pain", ok=False).exit_code == 3
    assert enrolled.json("today", "--json")["stop"] is True
    enrolled.next_day()
    assert enrolled.json("today", "--json")["stop"] is True
    enrolled("cleared", "--yes")
    plan = enrolled.json("today", "--json")
    assert plan["stop"] is False
    assert "red_flag" not in plan["flags"]
    assert any(d["rule"] == "R12" and "cleared" in d["reason"] for d in plan["decisions"])


def test_a_new_red_flag_after_clearance_stops_again(enrolled) -> None:
    enrolled("screen", "--red-flag", "constant_or_night_pain", ok=False)
    enrolled.next_day()
    enrolled("cleared", "--yes")
    enrolled.next_day()
    enrolled("screen", "--red-flag", "pop_with_bruising", ok=False)
    assert enrolled.json("today", "--json")["stop"] is True


def test_clearance_with_nothing_to_clear_is_refused(enrolled) -> None:
    result = enrolled("cleared", "--yes", ok=False)
    assert result.exit_code == 1
    assert "nothing to clear" in result.stderr


def test_clearance_must_be_confirmed(enrolled) -> None:
    enrolled("screen", "--red-flag", "trauma", ok=False)
    result = enrolled("cleared", input="n\n", ok=False)
    assert result.exit_code == 1
    assert enrolled.json("today", "--json")["stop"] is True


def test_a_yes_after_a_clearance_on_the_same_day_stops_again(enrolled) -> None:
    enrolled("screen", "--red-flag", "trauma", ok=False)
    enrolled("cleared", "--yes")
    assert enrolled.json("today", "--json")["stop"] is False
    assert enrolled("screen", "--red-flag", "cannot_bear_weight", ok=False).exit_code == 3
    plan = enrolled.json("today", "--json")
    assert plan["stop"] is True and "red_flag" in plan["flags"]
    result = enrolled("go", "--pace", "0", "--yes", ok=False)
    assert result.exit_code != 0


def test_a_yes_that_stops_nothing_is_not_called_all_clear(enrolled) -> None:
    # A painful hop alone is not a red flag (R17 needs groin pain in a runner as well).
    result = enrolled("screen", "--red-flag", "painful_hop")
    assert "all clear" not in result.stdout
    assert "none of your answers stops the program" in result.stdout
    assert enrolled.json("today", "--json")["stop"] is False


def test_a_young_person_set_up_without_a_test_is_told_to_measure_first(coach) -> None:
    # R15 (Peck 2017): no workout for a 14-year-old with knee pain until both hips are measured.
    set_up = coach("init", "--yes", "--goal", "running", "--pain-area", "knee", "--age", "14")
    assert "measure both hips" in set_up.stdout and "hipcoach measure" in set_up.stdout
    assert "today's workout" not in set_up.stdout
    assert coach.json("today", "--json")["stop"] is True
    coach(
        "measure", "--position", "seated", "--method", "goniometer", "--left", "35", "--right", "36"
    )
    plan = coach.json("today", "--json")
    assert plan["stop"] is False and plan["exercises"]


def test_a_referral_for_pain_names_no_clearance_and_refuses_one(enrolled) -> None:
    """R13 (pain above 5 on most days of two weeks) stops today and refers: `today` says so
    and names nothing to record, and `cleared` refuses, as the web and the API do."""
    for _ in range(14):
        enrolled("pain", "--next-morning", "7")
        enrolled.next_day()
    enrolled("pain", "--next-morning", "7")
    plan = enrolled.json("today", "--json")
    assert plan["stop"] is True and "R13" in {d["rule"] for d in plan["decisions"]}
    assert plan["ended_by"] == []
    shown = enrolled("today", ok=False).output
    assert "To go on" not in shown and "hipcoach cleared" not in shown
    refused = enrolled("cleared", "--yes", ok=False)
    assert refused.exit_code == 1 and "nothing to clear" in refused.stderr


def test_a_red_flag_stop_names_the_clearance_and_its_command(enrolled) -> None:
    enrolled("screen", "--red-flag", "trauma", ok=False)
    assert enrolled.json("today", "--json")["ended_by"] == ["clearance"]
    shown = enrolled("today", ok=False).output
    assert "To go on: record that a clinician has cleared you (hipcoach cleared)" in shown
