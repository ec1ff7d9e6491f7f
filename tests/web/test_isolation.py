"""Two people try to read and change each other's records, by URL and by API: they can't."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from hipcoach.accounts.models import ApiToken
from hipcoach.tracking.models import PainReport, WorkoutLog
from hipcoach.tracking.workouts import log_played_workout

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_workout(alice):
    day = timezone.localdate()
    row, _ = log_played_workout(alice, on=day, status="done", today=day, pain_during=3, key="a1")
    return row


def test_bob_cannot_read_alices_workout_by_api(client, bob, alices_workout):
    client.force_login(bob)
    response = client.get(f"/api/v1/workouts/{alices_workout.pk}")
    assert response.status_code == 404
    assert client.get("/api/v1/workouts").json() == []
    assert client.get("/api/v1/pain").json() == []
    assert all(m["trials"] != [22, 24, 23] for m in client.get("/api/v1/measurements").json())


def test_bob_with_a_token_cannot_read_alices_workout(bob, alices_workout):
    _, key = ApiToken.issue(bob, "bob's script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(f"/api/v1/workouts/{alices_workout.pk}").status_code == 404
    assert client.get("/api/v1/profile").json()["username"] == "bob"


def test_bob_reusing_alices_idempotency_key_makes_his_own_record(
    client, alice, bob, alices_workout
):
    client.force_login(bob)
    response = client.post(
        "/api/v1/workouts",
        {"date": timezone.localdate().isoformat(), "status": "skipped"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="a1",
    )
    assert response.status_code == 201
    alices_workout.refresh_from_db()
    assert alices_workout.status == "done"
    assert WorkoutLog.objects.get(person=bob).status == "skipped"


def test_bob_cannot_revoke_alices_token(client, alice, bob):
    token, _ = ApiToken.issue(alice, "alice's script")
    client.force_login(bob)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert "alice&#x27;s script" not in client.get("/account/tokens/").content.decode()


def test_bobs_pages_show_only_his_data(client, alice, bob, alices_workout):
    client.force_login(bob)
    progress = client.get("/progress/").content.decode()
    assert "0 workouts done" in progress
    assert PainReport.objects.filter(person=alice).count() == 1
    assert "During the workout" not in progress
    # Bob's own tests: both sides 30°, nothing of Alice's 22°/35°.
    assert "35.0°" not in progress and "30.0°" in progress


def test_an_unknown_or_huge_id_is_404_not_500(as_alice):
    for path in ("/api/v1/workouts/0", "/api/v1/workouts/99999999999999999999999"):
        assert as_alice.get(path).status_code in (404, 422)
