"""The FHIR R4 export: a collection Bundle that the R4B models read back, with the person's
own tests and pain scores coded as docs/interop.md says, and nobody's name in it."""

from __future__ import annotations

import datetime as dt
import json

from cast import START
from hipcoach.tracking import fhir_export
from hipcoach.tracking.workouts import report_pain

TODAY = START + dt.timedelta(days=3)


def parsed(person):
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate_json(fhir_export.bundle_json(person, today=TODAY))


def test_the_bundle_parses_back_with_the_person_s_tests_and_pain(alice) -> None:
    report_pain(alice, on=START + dt.timedelta(days=1), when="during", score=4, today=TODAY)
    report_pain(alice, on=START + dt.timedelta(days=2), when="next_morning", score=2, today=TODAY)
    found = parsed(alice)
    assert found.type == "collection"
    kinds = [e.resource.get_resource_type() for e in found.entry]
    assert kinds == [
        "Patient",
        "Observation",
        "Observation",
        "Observation",
        "Observation",
        "CarePlan",
    ]
    patient = found.entry[0].resource
    assert patient.identifier[0].value == str(alice.pk) and not patient.name
    assert alice.email not in fhir_export.bundle_json(alice, today=TODAY)
    assert "alice" not in fhir_export.bundle_json(alice, today=TODAY).lower()
    rotation = {o.bodySite.text: o for o in (e.resource for e in found.entry[1:3])}
    left, right = rotation["Left hip joint"], rotation["Right hip joint"]
    assert (left.valueQuantity.value, right.valueQuantity.value) == (23, 35)  # the baseline
    assert (
        left.valueQuantity.code == "deg"
        and left.valueQuantity.system == "http://unitsofmeasure.org"
    )
    assert left.code.coding[0].code == "364564000"
    assert left.bodySite.coding[0].code == "24136001:272741003=7771000"
    assert right.bodySite.coding[0].code == "24136001:272741003=24028007"
    assert "phone" in left.method.text
    position = left.extension[0]
    assert position.url.endswith("observation-bodyPosition")
    assert position.valueCodeableConcept.coding[0].code == "1240000"  # prone
    pain = [e.resource for e in found.entry[3:5]]
    assert [(p.code.coding[0].code, p.valueInteger) for p in pain] == [
        ("72514-3", 4),
        ("72514-3", 2),
    ]
    assert all(p.subject.reference == found.entry[0].fullUrl for p in pain)
    plan = found.entry[-1].resource
    assert plan.status == "active" and plan.intent == "plan" and "phase" in plan.description
    assert plan.activity and all(a.detail.code.text for a in plan.activity)


def test_the_bundle_is_the_same_when_exported_twice_and_holds_only_its_person(alice, bob) -> None:
    first = fhir_export.bundle(alice, today=TODAY)
    second = fhir_export.bundle(alice, today=TODAY)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    theirs = {e["fullUrl"] for e in fhir_export.bundle(bob, today=TODAY)["entry"]}
    assert theirs.isdisjoint(e["fullUrl"] for e in first["entry"])
    values = [
        e["resource"]["valueQuantity"]["value"]
        for e in fhir_export.bundle(bob, today=TODAY)["entry"]
        if "valueQuantity" in e["resource"]
    ]
    assert sorted(values) == [30, 31]  # Bob's own baseline, not Alice's


def test_a_person_with_no_program_gets_a_bundle_without_a_care_plan(charlie) -> None:
    found = json.loads(fhir_export.bundle_json(charlie, today=TODAY))
    assert [e["resource"]["resourceType"] for e in found["entry"]] == ["Patient"]


def test_a_pain_score_keeps_the_side_and_place_the_person_gave(alice) -> None:
    report_pain(
        alice,
        on=START + dt.timedelta(days=1),
        when="during",
        score=3,
        today=TODAY,
        side="left",
        place="high_hamstring",
    )
    report_pain(alice, on=START + dt.timedelta(days=2), when="rest", score=1, today=TODAY)
    notes = [
        e.resource.note[0].text
        for e in parsed(alice).entry
        if e.resource.get_resource_type() == "Observation" and e.resource.valueInteger is not None
    ]
    assert notes == [
        "Pain during the workout, where: left side, the high hamstring",
        "Pain at rest",
    ]
