"""Forms of the onboarding and the daily pages: values and words from `hipcoach.vocabulary`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Goal,
    Method,
    PainArea,
    PainPlace,
    PainTiming,
    Position,
    RedFlag,
    Side,
    Term,
)
from hipcoach.web.words import labelled_lazily, lazy_label, term_label, term_words


def _capital_label(term: Term, with_words: bool = False) -> str:
    label = capfirst(term_label(term))
    return f"{label}: {term_words(term)}" if with_words else label


capital_label = lazy(_capital_label, str)

NONE_OF_THESE = _("None of these")


class SafetyCheckForm(forms.Form):
    """The red-flag questions (R12) as one short list: each "yes" ticked, one by one, or the
    single "none of these". Every question of `RedFlag` is on it, in its order."""

    red_flags = forms.MultipleChoiceField(
        choices=[(flag.value, lazy_label(flag)) for flag in RedFlag],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Safety check"),
    )
    none_of_these = forms.BooleanField(required=False, label=NONE_OF_THESE)

    def __init__(self, *args, safety: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.safety = safety
        if not safety:  # after a clinician's clearance: the screen they cleared stands
            del self.fields["red_flags"], self.fields["none_of_these"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.safety:
            return data
        ticked = data.get("red_flags") or []
        if ticked and data.get("none_of_these"):
            self.add_error(
                "none_of_these",
                _("You ticked “{none}” and a question above: untick one of them.").format(
                    none=NONE_OF_THESE
                ),
            )
        elif not ticked and not data.get("none_of_these"):
            self.add_error(
                "none_of_these",
                _("Tick each question that is true for you, or “{none}”.").format(
                    none=NONE_OF_THESE
                ),
            )
        return data

    def answers(self) -> dict[str, bool] | None:
        """Every question's answer; None when the questions were not asked (after a clearance)."""
        if not self.safety:
            return None
        ticked = set(self.cleaned_data["red_flags"])
        return {flag.value: flag.value in ticked for flag in RedFlag}


class AboutYouForm(SafetyCheckForm):
    goals = forms.MultipleChoiceField(
        choices=labelled_lazily(Goal),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": _("Choose at least one goal.")},
    )
    pain_areas = forms.MultipleChoiceField(
        choices=labelled_lazily(PainArea),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age = forms.IntegerField(min_value=10, max_value=110, required=False, label=_("Age (optional)"))


def trial_field(label: str, *, required: bool) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=90,
        required=required,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
    )


TRIALS_TYPED = 3  # the trials a side the typed form shows (R1)
TRIALS_GUIDED_MAX = 4  # the guided test asks for a fourth when the three disagree


class MeasurementForm(forms.Form):
    """One IR test of both sides: three trials a side (the mean is what counts), and a fourth
    the guided tilt-sensor test fills when the first three disagree beyond the method's error.

    The guided test (`static/web/measure.js`) fills and submits this same form, so what it
    measures passes the same checks as typed numbers (`tracking.measuring.measure`)."""

    guided_position = Position.seated.value
    guided_method = Method.sensor.value
    guided_camera_method = Method.camera_guided.value

    # The position's name only: its set-up, in words and drawn step by step, is above the form
    # (a select on a phone cut "Lying face down: knee bent to 90°, the foot falling…" short).
    position = forms.ChoiceField(
        choices=[(p.value, capital_label(p)) for p in Position],
        initial=Position.prone.value,
        help_text="Each position is drawn step by step above.",
    )
    method = forms.ChoiceField(
        choices=[(m.value, capital_label(m)) for m in Method], initial=Method.phone.value
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for side in MEASURED_SIDES:
            for n in range(1, TRIALS_GUIDED_MAX + 1):
                words = _("Left trial {n} (degrees)") if side == "left" else ""
                words = words or _("Right trial {n} (degrees)")
                self.fields[f"{side}_{n}"] = trial_field(words.format(n=n), required=n == 1)

    @property
    def guided_error(self) -> float:
        """How far the guided test can be out (its MDC, R2): trials further apart get a fourth."""
        from hipcoach.engine.measurement import mdc

        return mdc(self.guided_method)

    @property
    def guided_camera_error(self) -> float:
        """How far the guided camera test can be out (R2; UNSOURCED, as the phone until
        validated)."""
        from hipcoach.engine.measurement import mdc

        return mdc(self.guided_camera_method)

    def side_fields(self, side: str) -> list[forms.BoundField]:
        """A side's trial fields: the three typed ones, then the guided test's fourth."""
        return [self[f"{side}_{n}"] for n in range(1, TRIALS_GUIDED_MAX + 1)]

    def trials(self, side: str) -> list[float]:
        values = [self.cleaned_data.get(f"{side}_{n}") for n in range(1, TRIALS_GUIDED_MAX + 1)]
        return [v for v in values if v is not None]


class ProgramForm(forms.Form):
    def __init__(self, *args, programs: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"] = forms.ChoiceField(widget=forms.RadioSelect, choices=programs)


# Where a pain score is: optional, so one tap still saves a score (both sides, place not
# said: the whole person, as every report was before these were asked). The default first.
PAIN_SIDES = [
    (Side.both.value, _("Both sides, or not one side")),
    (Side.left.value, _("Left")),
    (Side.right.value, _("Right")),
]
PAIN_PLACES = [(PainPlace.unspecified.value, _("Not saying"))] + [
    (place.value, lazy_label(place)) for place in PainPlace if place is not PainPlace.unspecified
]


class PainForm(forms.Form):
    """A pain score, when it was felt, and (optional) on which side and where."""

    score = forms.IntegerField(min_value=0, max_value=10)
    when = forms.ChoiceField(choices=labelled_lazily(PainTiming))
    side = forms.ChoiceField(choices=PAIN_SIDES, required=False, label=_("Which side?"))
    place = forms.ChoiceField(choices=PAIN_PLACES, required=False, label=_("Where?"))

    def clean_side(self) -> str:
        return self.cleaned_data.get("side") or Side.both.value

    def clean_place(self) -> str:
        return self.cleaned_data.get("place") or PainPlace.unspecified.value


class ClearanceForm(forms.Form):
    """After a red flag: a clinician has checked the person and cleared them to exercise (R12)."""

    confirm = forms.BooleanField(
        label=_("A doctor or physical therapist has checked me and cleared me to exercise.")
    )
    date = forms.DateField(
        required=False,
        label=_("When they saw you (leave empty for today)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label=_("Who saw you, or what they said (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
