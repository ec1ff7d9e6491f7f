"""`hipcoach export`, `backup` and `restore`: data out, and back in without losing newer work."""

from __future__ import annotations

import csv
import io
import json

from hipcoach.tracking.models import ExerciseLog, Measurement, PainReport, WorkoutLog


def some_history(coach) -> None:
    coach("go", "--pace", "0", "--yes", "--pain", "2")
    coach("note", "Felt loose after the primer.")
    coach.next_day()
    coach("pain", "--next-morning", "1")


def test_export_json_has_every_record(enrolled) -> None:
    some_history(enrolled)
    data = enrolled.json("export", "--format", "json")
    assert data["person"] == "local" and data["profile"]["goals"] == ["running"]
    assert len(data["workouts"]) == 1 and data["workouts"][0]["exercises"]
    assert {p["when"] for p in data["pain"]} == {"during", "next_morning"}
    assert (
        len(data["measurements"]) == 2
        and data["notes"][0]["text"] == "Felt loose after the primer."
    )


def test_export_csv_is_one_tidy_table(enrolled, tmp_path) -> None:
    some_history(enrolled)
    out = tmp_path / "hipcoach.csv"
    enrolled("export", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == ["date", "record", "name", "side", "value", "unit", "detail"]
    records = {r["record"] for r in rows}
    assert {
        "workout",
        "exercise",
        "pain",
        "measurement",
        "note",
        "red_flag_screen",
        "enrollment",
    } <= records
    left = next(r for r in rows if r["record"] == "measurement" and r["side"] == "left")
    assert left["value"] == "23.0" and left["detail"] == "trials 22; 24; 23"


def test_pain_by_side_and_place_is_recorded_said_and_exported(enrolled, tmp_path) -> None:
    result = enrolled("pain", "--side", "left", "--place", "high_hamstring", "--during", "3")
    assert "3/10 (green), left side, the high hamstring" in result.output
    enrolled("pain", "--rest", "1")
    stored = {(p.when, p.side, p.place) for p in PainReport.objects.all()}
    assert stored == {("during", "left", "high_hamstring"), ("rest", "both", "unspecified")}
    out = tmp_path / "hipcoach.csv"
    enrolled("export", "--format", "csv", "--out", str(out))
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text())) if r["record"] == "pain"]
    assert {(r["name"], r["side"], r["detail"]) for r in rows} == {
        ("during", "left", "high_hamstring"),
        ("rest", "both", "unspecified"),
    }


def test_backup_and_restore_round_trip(enrolled, tmp_path) -> None:
    some_history(enrolled)
    before = enrolled.json("export")
    backup = tmp_path / "backup.json"
    enrolled("backup", str(backup))
    assert json.loads(backup.read_text())["format"] == "hipcoach-backup"
    enrolled("restore", str(backup))
    assert enrolled.json("export") == before


def test_restore_refuses_to_drop_newer_data(enrolled, tmp_path) -> None:
    some_history(enrolled)
    backup = tmp_path / "backup.json"
    enrolled("backup", str(backup))
    enrolled.next_day()
    enrolled("pain", "--rest", "3")  # recorded after the backup
    result = enrolled("restore", str(backup), ok=False)
    assert result.exit_code == 1
    assert "after the backup was taken" in result.stderr and "--force" in result.stderr
    assert PainReport.objects.filter(when="rest").exists()
    enrolled("restore", str(backup), "--force")
    assert not PainReport.objects.filter(when="rest").exists()


def test_restore_into_a_fresh_install(enrolled, tmp_path) -> None:
    some_history(enrolled)
    backup = tmp_path / "backup.json"
    enrolled("backup", str(backup))
    counts = (WorkoutLog.objects.count(), ExerciseLog.objects.count(), Measurement.objects.count())
    from django.contrib.auth.models import User

    User.objects.all().delete()  # as on a new machine
    assert enrolled("today", ok=False).exit_code == 1
    enrolled("restore", str(backup))
    assert (
        WorkoutLog.objects.count(),
        ExerciseLog.objects.count(),
        Measurement.objects.count(),
    ) == counts
    assert enrolled.json("today", "--json")["day"] == 1


def test_restore_refuses_what_is_not_a_backup(enrolled, tmp_path) -> None:
    for text, message in (
        ("{not json", "not JSON"),
        ('{"format": "other"}', "not a hipcoach backup"),
    ):
        path = tmp_path / "bad.json"
        path.write_text(text)
        result = enrolled("restore", str(path), ok=False)
        assert result.exit_code == 1 and message in result.stderr
    missing = enrolled("restore", str(tmp_path / "nope.json"), ok=False)
    assert missing.exit_code == 1 and "cannot read" in missing.stderr


def test_backup_and_export_never_replace_a_file_without_force(enrolled, tmp_path) -> None:
    kept = tmp_path / "notes.txt"
    kept.write_text("someone's own file\n")
    refused = enrolled("backup", str(kept), ok=False)
    assert (
        refused.exit_code == 1
        and "already exists" in refused.stderr
        and "--force" in refused.stderr
    )
    assert kept.read_text() == "someone's own file\n"
    refused = enrolled("export", "--format", "csv", "--out", str(kept), ok=False)
    assert refused.exit_code == 1 and kept.read_text() == "someone's own file\n"
    enrolled("backup", str(kept), "--force")
    assert json.loads(kept.read_text())["format"]


def test_backup_never_writes_into_a_folder_a_device_or_through_a_link(enrolled, tmp_path) -> None:
    for target in (tmp_path, "/dev/null"):
        refused = enrolled("backup", str(target), "--force", ok=False)
        assert refused.exit_code == 1 and "not a plain file" in refused.stderr
    victim = tmp_path / "system-file"
    victim.write_text("important\n")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    assert enrolled("backup", str(link), ok=False).exit_code == 1
    enrolled("backup", str(link), "--force")  # the link is replaced, the file it named is not
    assert victim.read_text() == "important\n" and not link.is_symlink()
