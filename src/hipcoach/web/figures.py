"""Exercise figures on the web: the images, the exercise library pages, and what the player and
Today need to show them (URLs that change when the drawing does, and text alternatives)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext

from hipcoach.content.library import category_words as content_category_words
from hipcoach.content.library import equipment_words
from hipcoach.content.schema import Exercise
from hipcoach.content.translations import figure_words
from hipcoach.engine.types import DayPlan
from hipcoach.figures import faces_viewer, figure_key, figure_pngs
from hipcoach.figures.words import describe
from hipcoach.web.content import library

SIDES = ("left", "right", "both")
A_YEAR_S = 365 * 24 * 3600


def sides_of(exercise: Exercise) -> tuple[str, ...]:
    return ("left", "right") if exercise.per_side else ("both",)


def figure_set(exercise: Exercise, side: str) -> dict | None:
    """The URLs of an exercise's key-pose figures on `side`, their names, and the words for them.

    Each URL carries the drawing's digest, so a browser or the service worker may keep it for
    good: a change to the pose data or the drawing changes the URL.
    """
    if exercise.poses is None:
        return None
    if side not in sides_of(exercise):
        side = sides_of(exercise)[0]
    version = figure_key(exercise.poses, side, _size())
    names, moves = figure_words(exercise, get_language() or "en")
    urls = [
        reverse("figure", args=[exercise.id, side, i]) + f"?v={version}"
        for i in range(len(exercise.poses.keys))
    ]
    return {
        "side": side,
        "urls": urls,
        "thumbnail": urls[exercise.poses.thumbnail_index],  # the pose that shows it best
        "names": names,  # in the request's language, as the words (the drawing is one)
        "alt": describe(exercise.poses, side, text=gettext, moves=moves),
        # Seen from the front: the player mirrors it for someone facing the screen, if asked.
        "mirror": faces_viewer(exercise.poses),
    }


def _size() -> tuple[int, int]:
    from hipcoach.figures import FIGURE_SIZE

    return FIGURE_SIZE


def thumbnail(exercise_id: str, side: str) -> dict | None:
    """The pose that shows an exercise best (its `thumbnail`, else the start) on `side` (the
    first side done), for Today's list."""
    exercise = library().exercises.get(exercise_id)
    if exercise is None:
        return None
    figures = figure_set(exercise, side)
    return {"url": figures["thumbnail"], "alt": figures["alt"]} if figures else None


def plan_figures(plan: DayPlan) -> dict[str, dict[str, dict]]:
    """For the player: every exercise of the plan, every side it is done on → its figure set."""
    found: dict[str, dict[str, dict]] = {}
    exercises = library().exercises
    for item in plan.exercises:
        exercise = exercises.get(item.id)
        if exercise is None or exercise.poses is None:
            continue
        sides = found.setdefault(item.id, {})
        for side in sides_of(exercise) if item.side == "both" else (item.side,):
            figures = figure_set(exercise, side)
            if figures is not None:
                sides[side] = figures
    return found


def plan_figure_urls(plan: DayPlan) -> list[str]:
    """Every figure URL the player will show for `plan`, to keep for offline use."""
    return [
        url
        for sides in plan_figures(plan).values()
        for figures in sides.values()
        for url in figures["urls"]
    ]


def figure(request: HttpRequest, exercise_id: str, side: str, index: int) -> HttpResponse:
    """One key pose of an exercise on one side, as a PNG (drawn on first use, then cached)."""
    exercise = library().exercises.get(exercise_id)
    if exercise is None or exercise.poses is None or side not in sides_of(exercise):
        raise Http404("no such figure")
    if not 0 <= index < len(exercise.poses.keys):
        raise Http404("no such key pose")
    return _png(request, figure_pngs(exercise.poses, side)[index], exercise.poses, side)


def hip_test_set(position: str) -> dict:
    """The hip test in `position` (prone, seated, supine), step by step: each step's figure URL
    (carrying the drawing's digest, as an exercise's) and its words, in the request's
    language."""
    from hipcoach.figures.hip_test import hip_test_figures, hip_test_steps
    from hipcoach.vocabulary import Position

    chosen = Position(position)
    test = hip_test_figures()[chosen]
    steps = hip_test_steps(chosen, get_language() or "en")
    version = figure_key(test.poses, "left", _size())
    return {
        "position": chosen,
        "steps": [
            {
                "url": reverse("hip_test_figure", args=[chosen.value, i]) + f"?v={version}",
                "words": words,
            }
            for i, words in enumerate(steps)
        ],
    }


def hip_test_figure(request: HttpRequest, position: str, index: int) -> HttpResponse:
    """One step of the hip test in one position, as a PNG (drawn on first use, then cached)."""
    from hipcoach.figures.hip_test import hip_test_figures
    from hipcoach.vocabulary import Position

    try:
        test = hip_test_figures()[Position(position)]
    except ValueError:
        raise Http404("no such test position") from None
    if not 0 <= index < len(test.poses.keys):
        raise Http404("no such step")
    return _png(request, figure_pngs(test.poses, "left")[index], test.poses, "left")


def _png(request: HttpRequest, png: bytes, poses, side: str) -> HttpResponse:
    """A figure's PNG, kept for good by the browser when asked for by its current URL."""
    response = HttpResponse(png, content_type="image/png")
    current = request.GET.get("v") == figure_key(poses, side, _size())
    response["Cache-Control"] = f"private, max-age={A_YEAR_S}, immutable" if current else "no-cache"
    return response


def category_words(exercise: Exercise) -> str:
    """'Soft tissue', 'Activation', … as the page shows it, in the request's language."""
    return content_category_words(exercise.category, gettext)


def _appearances(exercise_id: str) -> list[str]:
    """Where an exercise is used: 'Program · phase · workout' for each workout that has it."""
    found = []
    for program in sorted(library().programs.values(), key=lambda p: p.name):
        for phase in program.phases:
            for workout in phase.workouts:
                if any(block.exercise == exercise_id for block in workout.blocks):
                    found.append(f"{program.name} · {phase.name} · {workout.name}")
    return found


def exercise_list(request: HttpRequest) -> HttpResponse:
    """Every exercise of the library, with its figure, by category."""
    exercises = sorted(library().exercises.values(), key=lambda e: (e.category.value, e.name))
    rows = [
        {
            "exercise": e,
            "category": category_words(e),
            "figures": figure_set(e, sides_of(e)[0]),
            "used": bool(_appearances(e.id)),
        }
        for e in exercises
    ]
    return render(request, "web/exercises.html", {"nav": "exercises", "rows": rows})


def exercise_page(request: HttpRequest, exercise_id: str) -> HttpResponse:
    """One exercise: its figure on each side, steps, cues, faults, what it is for, where it is."""
    exercise = library().exercises.get(exercise_id)
    if exercise is None:
        raise Http404("no such exercise")
    exercises = library().exercises
    context = {
        "nav": "exercises",
        "exercise": exercise,
        "category": category_words(exercise),
        "equipment": ", ".join(equipment_words([exercise], gettext)),
        "figures": [f for f in (figure_set(exercise, s) for s in sides_of(exercise)) if f],
        "appearances": _appearances(exercise.id),
        "regressions": [exercises[i] for i in exercise.regressions if i in exercises],
        "progressions": [exercises[i] for i in exercise.progressions if i in exercises],
    }
    return render(request, "web/exercise.html", context)
