"""Figures drawn from the pose data: `hipcoach program poses`, the cache, and their weight."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from hipcoach.cli import app
from hipcoach.content.loader import load_library
from hipcoach.figures import FIGURE_SIZE, cache_folder, figure_pngs, images

runner = CliRunner()
WORKOUT_BUDGET_BYTES = 250_000  # issue 13: one workout's figures add at most about 250 KB


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test draws into its own data home."""
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path / "home"))


def run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "160"})


def test_poses_writes_both_sides_of_one_exercise(tmp_path: Path) -> None:
    out = tmp_path / "figures"
    result = run("program", "poses", "--exercise", "prone-ir-activation", "--out", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "prone-ir-activation-left-end.png",
        "prone-ir-activation-left-start.png",
        "prone-ir-activation-right-end.png",
        "prone-ir-activation-right-start.png",
    ]
    with Image.open(out / names[0]) as image:
        assert image.size == FIGURE_SIZE
    assert "4 figures of 1 exercise" in result.output


def test_an_exercise_on_both_sides_at_once_is_drawn_once(tmp_path: Path) -> None:
    out = tmp_path / "figures"
    result = run("program", "poses", "--exercise", "glute-bridge", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "glute-bridge-both-start.png",
        "glute-bridge-both-top.png",
    ]


def test_the_contact_sheet_has_a_row_for_every_posed_exercise(tmp_path: Path) -> None:
    sheet = tmp_path / "sheets" / "poses.png"
    result = run("program", "poses", "--sheet", str(sheet))
    assert result.exit_code == 0, result.output
    posed = [e for e in load_library().exercises.values() if e.poses is not None]
    with Image.open(sheet) as image:
        assert image.height >= 180 * len(posed)
    assert f"contact sheet of {len(posed)} exercises" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say where to write: --out DIR"),
        (("--sheet", "poses.jpg"), "the contact sheet is a PNG image"),
        (("--exercise", "prone-ir-activaton", "--out", "x"), "did you mean 'prone-ir-activation'"),
    ],
)
def test_poses_says_what_is_wrong(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run("program", "poses", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_an_unwritable_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("program", "poses", "--exercise", "glute-bridge", "--out", str(blocker / "in"))
    assert result.exit_code == 1
    assert "cannot write the figures" in result.output


def test_figures_are_cached_in_the_data_home_and_reused() -> None:
    poses = load_library().exercises["glute-bridge"].poses
    first = figure_pngs(poses, "both")
    cached = sorted(cache_folder().glob("*.png"))
    assert len(cached) == len(poses.keys)
    for path in cached:  # a cached file is what is served next time, not drawn again
        path.write_bytes(b"cached")
    assert figure_pngs(poses, "both") == [b"cached"] * len(poses.keys)
    assert first[0].startswith(b"\x89PNG")


def test_the_working_side_is_drawn_in_the_accent_colour_on_its_own_side() -> None:
    """Face down seen from the feet: the left leg is on the left of the picture, the right on
    the right; the accent colour marks the leg that works."""
    poses = load_library().exercises["prone-ir-activation"].poses
    for side in ("left", "right"):
        image = images(poses, side)[0].convert("RGB")
        width = image.width
        accent = [
            x
            for x in range(width)
            for y in range(0, image.height, 2)
            if _is_accent(image.getpixel((x, y)))
        ]
        assert accent, side
        middle = sum(accent) / len(accent)
        assert (middle < width / 2) == (side == "left"), side


def _is_accent(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return g > r + 25 and b > r + 20  # the teal of the working side, in any shade


def test_every_workout_s_figures_fit_the_budget() -> None:
    library = load_library()
    weight: dict[str, int] = {}
    worst = 0
    for program in library.programs.values():
        for phase in program.phases:
            for workout in phase.workouts:
                total = 0
                for block in workout.blocks:
                    exercise = library.exercises[block.exercise]
                    if block.exercise not in weight:
                        sides = ("left", "right") if exercise.per_side else ("both",)
                        weight[block.exercise] = sum(
                            len(png) for s in sides for png in figure_pngs(exercise.poses, s)
                        )
                    total += weight[block.exercise]
                worst = max(worst, total)
                assert total <= WORKOUT_BUDGET_BYTES, (program.id, workout.id, total)
    assert worst > 0


def test_a_figure_is_a_small_palette_png() -> None:
    poses = load_library().exercises["seated-ir-activation"].poses
    png = figure_pngs(poses, "left")[0]
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "P"
    assert len(png) < 16_000
