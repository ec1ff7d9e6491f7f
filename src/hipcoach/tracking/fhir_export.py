"""A person's record as FHIR R4: a Bundle (type collection) built and checked with the R4B
models of `fhir.resources`, for a clinic's record system.

It holds a Patient, an Observation for every hip internal-rotation test of each side, one for
every pain score, and a CarePlan (the program, its phase, today's exercises as activities).
The codes, and where each comes from, are in docs/interop.md.

The Patient carries no name, e-mail, age or address: only an identifier local to this install
(the person's record number here), so that a file shared by mistake names nobody; the clinic
links it to its own patient. Ids are derived from the person and the record, so exporting twice
gives the same resources.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.contrib.auth.models import User
from django.utils import timezone

from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import Enrollment, Measurement, PainReport
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import library
from hipcoach.tracking.progress import where_words
from hipcoach.vocabulary import Kind, Method, PainPlace, PainTiming, Position

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
BODY_POSITION = "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"

# SNOMED CT (docs/interop.md gives the source of each)
RANGE_OF_JOINT_MOVEMENT = ("364564000", "Range of joint movement (observable entity)")
HIP_JOINT = "24136001"  # Hip joint structure (body structure)
LATERALITY = "272741003"  # Laterality (attribute)
SIDES = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
POSITIONS = {
    "prone": ("1240000", "Prone body position"),
    "seated": ("33586001", "Sitting position"),
    "supine": ("40199007", "Supine body position"),
}
# LOINC
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

ID_NAMESPACE = uuid.UUID("0f6d7c1e-3b2a-4c55-9a51-6a2f0e8b7d34")  # this export's ids


def _uid(person: User, *parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(p) for p in (person.pk, *parts))))


def _concept(system: str, code: str, display: str, text: str | None = None) -> dict:
    return {
        "coding": [{"system": system, "code": code, "display": display}],
        "text": text or display,
    }


def bundle(person: User, *, today: dt.date) -> dict:
    """The person's Bundle as FHIR JSON (a dict), checked by parsing it into the R4B models
    (ValueError if it does not validate: a fault here, never the person's)."""
    from fhir.resources.R4B.bundle import Bundle

    patient = _uid(person, "patient")
    entries = [_entry(patient, _patient(person, patient))]
    rows = Measurement.objects.filter(person=person, kind=Kind.ir.value).order_by(
        "date", "created", "id"
    )
    entries += [_entry(_uid(person, "ir", row.pk), _rotation(row, patient)) for row in rows]
    pains = PainReport.objects.filter(person=person).order_by("date", "created", "id")
    entries += [_entry(_uid(person, "pain", row.pk), _pain(row, patient)) for row in pains]
    plan = _care_plan(person, patient, today)
    if plan is not None:
        entries.append(_entry(_uid(person, "careplan", plan.pop("_enrollment")), plan))
    document = {
        "resourceType": "Bundle",
        "id": _uid(person, "bundle", today.isoformat()),
        "type": "collection",
        "timestamp": timezone.now().replace(microsecond=0).isoformat(),
        "entry": entries,
    }
    Bundle.model_validate(document)  # the R4B models' own checks: a fault here is ours
    return document


def bundle_json(person: User, *, today: dt.date) -> str:
    return json.dumps(bundle(person, today=today), indent=2, ensure_ascii=False) + "\n"


def _entry(uid: str, resource: dict) -> dict:
    return {"fullUrl": f"urn:uuid:{uid}", "resource": {"id": uid, **resource}}


def _patient(person: User, uid: str) -> dict:
    return {
        "resourceType": "Patient",
        "identifier": [
            {
                "use": "secondary",
                "type": {"text": "hipcoach record number (local to one hipcoach install)"},
                "value": str(person.pk),
                "assigner": {"display": "hipcoach"},
            }
        ],
        "active": True,
    }


def _rotation(row: Measurement, patient: str) -> dict:
    side_code, side_words = SIDES[row.side]
    position_code, position_words = POSITIONS[row.position]
    trials = ", ".join(f"{t:g}°" for t in row.trials)
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(CATEGORY, "exam", "Exam")],
        "code": _concept(
            SNOMED, *RANGE_OF_JOINT_MOVEMENT, text="Hip internal rotation range of motion"
        ),
        "subject": {"reference": f"urn:uuid:{patient}"},
        "effectiveDateTime": row.date.isoformat(),
        "valueQuantity": {"value": round(row.mean, 1), "unit": "°", "system": UCUM, "code": "deg"},
        "bodySite": _concept(
            SNOMED,
            f"{HIP_JOINT}:{LATERALITY}={side_code}",
            f"Hip joint structure, laterality {side_words.lower()}",
            text=f"{side_words} hip joint",
        ),
        "method": {
            "text": f"Internal rotation measured by {Method(row.method).label}; the mean of "
            f"{len(row.trials)} trials ({trials})"
        },
        "extension": [
            {
                "url": BODY_POSITION,
                "valueCodeableConcept": _concept(
                    SNOMED,
                    position_code,
                    position_words,
                    text=f"{Position(row.position).label} ({Position(row.position).words})",
                ),
            }
        ],
    }


def _pain(row: PainReport, patient: str) -> dict:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(CATEGORY, "survey", "Survey")],
        "code": _concept(LOINC, *PAIN_NRS),
        "subject": {"reference": f"urn:uuid:{patient}"},
        "effectiveDateTime": row.date.isoformat(),
        "valueInteger": row.score,
        "note": [{"text": f"Pain {PainTiming(row.when).label}{_where(row)}"}],
    }


def _where(row: PainReport) -> str:
    """Where the pain was, in words, when the person said (a one-tap report says neither)."""
    if row.side == "both" and row.place == PainPlace.unspecified.value:
        return ""
    return f", where: {where_words(row.side, row.place)}"


def _care_plan(person: User, patient: str, today: dt.date) -> dict | None:
    """The program as a CarePlan: its phase and today's exercises; None without a program."""
    enrollment = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if enrollment is None:
        return None
    program = library().programs.get(enrollment.program)
    title = program.name if program is not None else enrollment.program
    try:
        plan = day_plan(person, on=max(today, enrollment.start))
    except (InputError, NotSetUp):  # run too long to plan: the program without today's detail
        plan = None
    resource: dict = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "title": title,
        "subject": {"reference": f"urn:uuid:{patient}"},
        "period": {"start": enrollment.start.isoformat()},
        "_enrollment": enrollment.pk,
    }
    if plan is None:
        resource["description"] = f"hipcoach program {enrollment.program}"
        return resource
    stopped = " The plan is stopped today." if plan.stop else ""
    resource["description"] = (
        f"hipcoach program {plan.program}, phase {plan.phase}, day {plan.day_number} on "
        f"{plan.date.isoformat()}.{stopped}"
    )
    resource["activity"] = [
        {
            "detail": {
                "kind": "ServiceRequest",
                "code": {"text": exercise.name},
                "status": "scheduled",
                "description": _dose(exercise),
                "scheduledString": plan.date.isoformat(),
            }
        }
        for exercise in plan.exercises
    ]
    return resource


def _dose(exercise) -> str:
    parts = [f"{exercise.sets} sets"]
    if exercise.reps:
        parts.append(f"{exercise.reps} reps")
    if exercise.hold_s:
        parts.append(f"held {exercise.hold_s} s")
    if exercise.time_s:
        parts.append(f"{exercise.time_s} s")
    side = "" if exercise.side == "both" else f", {exercise.side} side"
    return " × ".join(parts) + side
