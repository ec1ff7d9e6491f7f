"""The person-level data (R11, R15–R18): every pain area and every age has an entry, each with
a rule of the registry and that rule's evidence, and every tag it leaves out is a content tag."""

from __future__ import annotations

from hipcoach.content.schema import TAG_MEANINGS
from hipcoach.engine import constants as c
from hipcoach.engine.person import age_band
from hipcoach.engine.rules import RULES
from hipcoach.engine.safety import URGENCY
from hipcoach.vocabulary import PICTURE_SIGNS, PainArea, RedFlag

TAGS = {tag.value for tag in TAG_MEANINGS}


def test_every_pain_area_has_an_entry_with_its_rule_and_evidence() -> None:
    assert set(c.PAIN_AREA_EXCLUSIONS) == set(PainArea)
    for entry in c.PAIN_AREA_EXCLUSIONS.values():
        assert entry.rule in RULES
        assert entry.evidence and entry.evidence in RULES[entry.rule].evidence
        assert set(entry.excluded) <= TAGS


def test_the_age_bands_cover_every_age_once() -> None:
    for age in range(0, 111):
        assert sum(age_band(age) is band for band in c.AGE_BANDS) == 1, age
    assert age_band(None) is None
    assert age_band(c.ADULT_AGE - 1).rule == "R15"  # type: ignore[union-attr]
    assert age_band(c.ADULT_AGE).rule is None  # type: ignore[union-attr]
    assert age_band(c.OLDER_ADULT_AGE).rule == "R16"  # type: ignore[union-attr]
    for band in c.AGE_BANDS:
        if band.rule:
            assert band.evidence == RULES[band.rule].evidence


def test_the_pictures_use_known_areas_tags_and_questions() -> None:
    for areas in (c.GROWTH_PLATE_AREAS, c.OSTEOARTHRITIS_AREAS, c.STRESS_FRACTURE_AREAS):
        assert areas <= set(PainArea)
    assert set(c.OSTEOARTHRITIS_EXCLUDED) <= TAGS
    assert {"kneeling", "deep_hip_flexion", "impact"} <= set(c.OSTEOARTHRITIS_EXCLUDED)
    assert set(c.STRESS_FRACTURE_SIGNS) <= set(RedFlag)
    assert set(c.STRESS_FRACTURE_SIGNS) >= PICTURE_SIGNS
    assert set(URGENCY) == set(RedFlag)
