"""`hipcoach measure`: the mean of the trials, the change since the last like-for-like test
with its measurement-error verdict (R2), and the left/right gap (R3)."""

from __future__ import annotations

import datetime as dt

from hipcoach.tracking.models import Measurement

PRONE = ["measure", "--position", "prone", "--method", "inclinometer"]


def trials(side: str, *values: float) -> list[str]:
    return [a for v in values for a in (f"--{side}", f"{v:g}")]


def test_it_stores_each_side_with_its_trials_and_mean(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 24, 25, 26), *trials("right", 35, 36, 37)).stdout
    row = Measurement.objects.get(date=enrolled.today, side="left")
    assert row.trials == [24.0, 25.0, 26.0] and row.mean == 25.0 and row.kind == "ir"
    assert "24, 25, 26" in text and "25°" in text


def test_a_small_change_is_no_detectable_change(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 25, 25, 25), *trials("right", 35, 35, 35)).stdout
    assert "since 2026-01-05" in text
    assert "no detectable change" in text  # 23° → 25°: under the inclinometer's 6°


def test_a_change_beyond_the_error_is_real(enrolled) -> None:
    enrolled.to(enrolled.today + dt.timedelta(days=7))
    text = enrolled(*PRONE, *trials("left", 30, 31, 32), *trials("right", 35, 35, 35)).stdout
    assert "a real gain" in text  # 23° → 31° in a week


def test_a_change_too_big_for_the_time_asks_for_a_re_test(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 30, 31, 32), *trials("right", 35, 35, 35)).stdout
    assert (
        "please measure again" in text
    )  # 23° → 31° overnight: more than the 6° and a day's change
    assert "a real gain" not in text


def test_a_phone_needs_a_bigger_change(enrolled) -> None:
    enrolled.next_day()
    enrolled(
        "measure",
        "--position",
        "prone",
        "--method",
        "phone",
        *trials("left", 22),
        *trials("right", 34),
    )
    enrolled.next_day()
    text = enrolled(
        "measure",
        "--position",
        "prone",
        "--method",
        "phone",
        *trials("left", 30),
        *trials("right", 34),
    ).stdout
    assert "no detectable change" in text and "10°" in text  # 8° is within a phone's 10°


def test_another_position_is_not_compared(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(
        "measure", "--position", "seated", "--method", "inclinometer", *trials("left", 40, 40, 40)
    ).stdout
    assert "first like-for-like test" in text


def test_the_gap_between_sides(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 22, 22, 22), *trials("right", 36, 36, 36)).stdout
    assert "Left/right gap: 14°" in text and "left side is stiffer" in text
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 33, 33, 33), *trials("right", 36, 36, 36)).stdout
    assert "Left/right gap: 3°" in text and "no detectable difference" in text


def test_fewer_than_three_trials_is_noted(enrolled) -> None:
    enrolled.next_day()
    text = enrolled(*PRONE, *trials("left", 25), *trials("right", 35)).stdout
    assert "Fewer than 3 trials" in text


def test_external_rotation_is_kept_apart(enrolled) -> None:
    enrolled.next_day()
    enrolled(*PRONE, "--kind", "er", *trials("left", 45, 46, 47))
    assert Measurement.objects.filter(kind="er").get().mean == 46.0


def test_an_earlier_date(enrolled) -> None:
    enrolled.next_day()
    enrolled(*PRONE, "--date", "2026-01-05", *trials("left", 25))
    assert Measurement.objects.filter(date="2026-01-05", side="left").count() == 2
