"""Forms of the onboarding and the daily pages; choices are the contract names of the engine."""

from __future__ import annotations

from django import forms

from hipcoach.engine.types import GOALS, METHODS, PAIN_AREAS, POSITIONS, RED_FLAG_KEYS

GOAL_LABELS = {
    "running": "Running",
    "sport": "A sport",
    "daily_life": "Everyday life (stairs, sitting, walking)",
    "flexibility": "Flexibility",
    "recovery": "Coming back from an injury",
}
PAIN_AREA_LABELS = {
    "high_hamstring": "High hamstring (under the buttock)",
    "glute": "Buttock (glute)",
    "hip_front": "Front of the hip",
    "groin": "Groin",
    "foot": "Foot",
    "calf": "Calf",
    "knee": "Knee",
    "low_back": "Low back",
}
# The red-flag questions, in plain words; the keys are the engine's contract names.
RED_FLAG_QUESTIONS = {
    "trauma": "Did the pain start with a fall, a crash or a hard blow to the hip?",
    "fever_or_hot_joint": "Do you have a fever, or is the hip hot, red or swollen?",
    "recent_infection_surgery_or_injection": "Have you had an infection, an operation or an injection near the hip in the last six weeks?",
    "cancer_history": "Have you ever had cancer?",
    "unexplained_weight_loss": "Have you lost weight recently without trying?",
    "constant_or_night_pain": "Is the pain there all the time, or does it wake you at night?",
    "cannot_bear_weight": "Are you unable to put your full weight on the leg?",
    "saddle_numbness_or_bladder_bowel_change": "Any numbness around your seat or inner thighs, or a change in bladder or bowel control?",
    "progressive_leg_weakness": "Is a leg getting weaker, or does a foot catch or slap when you walk?",
    "pop_with_bruising": "Did you feel a pop at the back of the thigh, followed by bruising?",
}
assert set(RED_FLAG_QUESTIONS) == set(RED_FLAG_KEYS)
POSITION_LABELS = {
    "prone": "Lying face down (knee bent to 90°)",
    "seated": "Sitting (knees bent over the edge)",
    "supine": "Lying on your back (hip and knee at 90°)",
}
METHOD_LABELS = {
    "phone": "Phone level or inclinometer app",
    "inclinometer": "Inclinometer",
    "goniometer": "Goniometer",
    "camera": "Photo or video, measured after",
    "estimate": "My best estimate",
}
YES_NO = [("no", "No"), ("yes", "Yes")]


class SafetyCheckForm(forms.Form):
    """The red-flag questions (R12), each answered yes or no."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for key, question in RED_FLAG_QUESTIONS.items():
            self.fields[f"rf_{key}"] = forms.ChoiceField(
                label=question,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no."},
            )

    def red_flag_fields(self) -> list[forms.BoundField]:
        return [self[f"rf_{key}"] for key in RED_FLAG_QUESTIONS]

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[f"rf_{key}"] == "yes" for key in RED_FLAG_QUESTIONS}


class AboutYouForm(SafetyCheckForm):
    goals = forms.MultipleChoiceField(
        choices=[(g, GOAL_LABELS[g]) for g in GOALS],
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": "Choose at least one goal."},
    )
    pain_areas = forms.MultipleChoiceField(
        choices=[(a, PAIN_AREA_LABELS[a]) for a in PAIN_AREAS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age = forms.IntegerField(min_value=10, max_value=110, required=False, label="Age (optional)")


def trial_field(label: str, *, required: bool) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=90,
        required=required,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
    )


class MeasurementForm(forms.Form):
    """One IR test of both sides: up to three trials a side (the mean is what counts)."""

    position = forms.ChoiceField(
        choices=[(p, POSITION_LABELS[p]) for p in POSITIONS], initial="prone"
    )
    method = forms.ChoiceField(choices=[(m, METHOD_LABELS[m]) for m in METHODS], initial="phone")

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for side in ("left", "right"):
            for n in (1, 2, 3):
                self.fields[f"{side}_{n}"] = trial_field(
                    f"{side.capitalize()} trial {n} (degrees)", required=n == 1
                )

    def side_fields(self, side: str) -> list[forms.BoundField]:
        return [self[f"{side}_{n}"] for n in (1, 2, 3)]

    def trials(self, side: str) -> list[float]:
        values = [self.cleaned_data.get(f"{side}_{n}") for n in (1, 2, 3)]
        return [v for v in values if v is not None]


class ProgramForm(forms.Form):
    program = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, programs: list[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs


class PainForm(forms.Form):
    score = forms.IntegerField(min_value=0, max_value=10)
    when = forms.ChoiceField(
        choices=[("next_morning", "next morning"), ("during", "during"), ("rest", "rest")]
    )


class ClearanceForm(forms.Form):
    """After a red flag: a clinician has checked the person and cleared them to exercise (R12)."""

    confirm = forms.BooleanField(
        label="A doctor or physical therapist has checked me and cleared me to exercise."
    )
    date = forms.DateField(
        required=False,
        label="When they saw you (leave empty for today)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Who saw you, or what they said (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
