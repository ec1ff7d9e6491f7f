"""One vocabulary: both front ends ask the red-flag questions word for word the same, and an
unknown red-flag key is an error on every input path."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from coachkit import START

from hipcoach.scenarios.checks import check_scenario
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Profile, RedFlagScreen
from hipcoach.tracking.safety import record_screen
from hipcoach.vocabulary import PainTiming, RedFlag, Side, WorkoutStatus, values

QUESTIONS = [flag.question for flag in RedFlag]


def asked_in_terminal(output: str) -> list[str]:
    """The red-flag questions in the order the terminal asked them (each ends '? [y/N]')."""
    return re.findall(r"(?:^|: |\n)([A-Z][^?:\n]*\?) \[y/N\]", output)


def asked_on_the_web(page: str) -> list[str]:
    """The red-flag questions in the order the page shows them."""
    return [
        html.unescape(q)
        for q in re.findall(r'<span class="question" id="rf_[a-z_]+">([^<]*)</span>', page)
    ]


def test_the_terminal_init_asks_the_vocabulary_questions_in_order(coach) -> None:
    answers = "\n".join(["1", "", ""] + ["n"] * len(RedFlag) + ["n", "hip-ir-primer"]) + "\n"
    result = coach("init", input=answers)
    assert asked_in_terminal(result.stdout) == QUESTIONS


def test_the_terminal_screen_asks_the_same_questions(enrolled) -> None:
    result = enrolled("screen", input="n\n" * len(RedFlag))
    assert asked_in_terminal(result.stdout) == QUESTIONS


def test_the_web_onboarding_and_check_ask_the_same_questions(client, charlie, alice) -> None:
    client.force_login(charlie)
    assert asked_on_the_web(client.get("/start/").content.decode()) == QUESTIONS
    client.force_login(alice)
    assert asked_on_the_web(client.get("/check/").content.decode()) == QUESTIONS


def test_both_front_ends_word_them_identically(coach, client, charlie) -> None:
    terminal = coach(
        "init", input="\n".join(["", "", ""] + ["n"] * len(RedFlag) + ["n", ""]) + "\n"
    )
    client.force_login(charlie)
    web = client.get("/start/").content.decode()
    assert asked_in_terminal(terminal.stdout) == asked_on_the_web(web)


def test_the_questions_are_the_clear_ones() -> None:
    # The two bugs of the old copies: a window of weeks nobody sourced, and "treated for" cancer.
    words = " ".join(QUESTIONS)
    assert "weeks" not in words and "treated" not in words
    assert RedFlag.recent_infection_surgery_or_injection.question.startswith("Have you recently")
    assert RedFlag.cancer_history.question == "Have you ever had cancer?"


def test_the_vocabulary_imports_nothing_of_ours_and_no_django() -> None:
    # Every layer imports it (the engine and content too), so it must stay a leaf.
    import ast

    import hipcoach.vocabulary as vocabulary

    tree = ast.parse(Path(vocabulary.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"__future__", "enum"}


def test_values_are_the_contract() -> None:
    # product.md: other tools rely on these names, byte for byte.
    assert values(RedFlag) == (
        "trauma",
        "fever_or_hot_joint",
        "recent_infection_surgery_or_injection",
        "cancer_history",
        "unexplained_weight_loss",
        "constant_or_night_pain",
        "cannot_bear_weight",
        "saddle_numbness_or_bladder_bowel_change",
        "progressive_leg_weakness",
        "pop_with_bruising",
        "painful_hop",
        "recent_load_increase",
    )
    assert values(Side) == ("left", "right", "both")
    assert values(WorkoutStatus) == ("done", "skipped", "partial")
    assert values(PainTiming) == ("during", "next_morning", "rest")


# --- an unknown red-flag key is an error on every path ----------------------------------------


def test_unknown_key_in_the_terminal_screen(enrolled) -> None:
    result = enrolled("screen", "--yes", "--red-flag", "sore_knee", ok=False)
    assert result.exit_code == 1 and "unknown red-flag question 'sore_knee'" in result.stderr
    assert RedFlagScreen.objects.count() == 1  # only init's


def test_unknown_key_in_the_service(alice) -> None:
    with pytest.raises(InputError, match="unknown red-flag question 'traumaa'"):
        record_screen(alice, answers={"traumaa": True}, on=START, today=START)


def test_unknown_key_in_the_api(client, alice) -> None:
    client.force_login(alice)
    before = RedFlagScreen.objects.count()
    response = client.post(
        "/api/v1/screens",
        {"date": "2026-01-05", "answers": {"sore_knee": True}},
        content_type="application/json",
    )
    assert response.status_code == 400 and "sore_knee" in response.json()["detail"]
    assert RedFlagScreen.objects.count() == before


def test_unknown_key_in_the_web_form_is_not_taken(client, charlie) -> None:
    client.force_login(charlie)
    response = client.post("/start/", {"goals": ["running"], "red_flags": ["sore_knee"]})
    assert response.status_code == 200 and "sore_knee is not one of the available" in (
        response.content.decode()
    )
    assert not Profile.objects.filter(person=charlie).exists()


def test_unknown_key_in_a_scenario_file(tmp_path) -> None:
    from hipcoach.content.yamlfile import ContentError, read
    from hipcoach.tracking.programs import library

    path = tmp_path / "s.yaml"
    path.write_text(
        "program: hip-ir-primer\nstart: 2026-01-05\nevents:\n"
        "  - day: 0\n    red_flags: {sore_knee: true}\n",
        encoding="utf-8",
    )
    data, lines = read(path)
    with pytest.raises(ContentError, match="'sore_knee' is not a red-flag question"):
        check_scenario(
            data,
            lines,
            str(path),
            programs=library().programs,
            exercises=library().exercises,
        )


def test_unknown_key_in_a_restored_backup(enrolled, tmp_path) -> None:
    import json

    backup = tmp_path / "backup.json"
    enrolled("backup", str(backup))
    document = json.loads(backup.read_text())
    document["data"]["screens"][0]["answers"]["sore_knee"] = True
    backup.write_text(json.dumps(document))
    result = enrolled("restore", str(backup), "--force", ok=False)
    assert result.exit_code == 1
    assert "not restored" in result.stderr and "red-flag question 'sore_knee'" in result.stderr
    assert "sore_knee" not in RedFlagScreen.objects.get().answers  # nothing changed
