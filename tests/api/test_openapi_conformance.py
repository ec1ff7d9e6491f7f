"""Every answer of the API matches what its OpenAPI document says (schemathesis's checks: the
status codes, the content types, the headers and the bodies' schemas), for generated requests
of every operation, as a script with a token would send them."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from hipcoach.accounts.models import ApiToken

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# Fixed draw in CI (CI=true), so a verdict does not depend on one run's luck.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def token(alice) -> str:
    _, raw = ApiToken.issue(alice, "conformance")
    return raw


@pytest.fixture
def one_connection():
    """The app is called in this process, inside the test's transaction: as Django's own test
    client does, the connection is not closed at the end of each request (on PostgreSQL that
    would end the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def no_limits(monkeypatch):
    """The many wrong tokens schemathesis sends would reach the wrong-token limit (429, tested
    on its own in tests/web/test_rate_limits.py); here every answer is checked without it."""
    from hipcoach.accounts import limits

    monkeypatch.setattr(limits, "check", lambda *args, **kwargs: None)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=IN_CI,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_matches_the_document(case, token, no_limits, one_connection):
    # identity: the test client does not unpack the gzip a browser would
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
        # A valid request refused for what it says (a date before the program began) is a 400
        # by design: the acceptance check cannot know the person's records, so it is left out.
        excluded_checks=[positive_data_acceptance],
    )
