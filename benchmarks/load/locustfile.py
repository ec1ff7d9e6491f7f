"""The people of a load test (Locust): each virtual user is one generated person with an API
token, who opens today's plan, records the exercises of it one by one as they finish them, and
now and then reports pain. Run by `run_load.py`, which hands over the tokens and reads back what
the server acknowledged.

Environment: LOAD_TOKENS (a JSON file: a list of raw tokens, one person each), LOAD_CA (the
certificate to trust), LOAD_ACKS (where the acknowledged writes are written at the end),
LOAD_PACE (seconds between a user's requests, at least and at most: "0.5,1.5").
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid

from locust import HttpUser, between, events, task

TOKENS: list[str] = json.loads(open(os.environ["LOAD_TOKENS"]).read())  # noqa: SIM115
_next = itertools.count()
_pace = [float(x) for x in os.environ.get("LOAD_PACE", "0.5,1.5").split(",")]
ACKS: dict[str, list] = {"exercise": [], "pain": []}  # acknowledged writes: (token n, what)


class Person(HttpUser):
    wait_time = between(*_pace)

    def on_start(self) -> None:
        self.n = next(_next) % len(TOKENS)
        self.client.headers["Authorization"] = f"Bearer {TOKENS[self.n]}"
        self.client.verify = os.environ.get("LOAD_CA") or True
        self.plan: dict = {}
        self.done = 0
        self.today()

    @task(6)
    def today(self) -> None:
        with self.client.get("/api/v1/today", name="today", catch_response=True) as answer:
            if answer.status_code == 200:
                self.plan = answer.json()
                answer.success()
            else:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(3)
    def record_exercise(self) -> None:
        exercises = self.plan.get("exercises") or []
        if not exercises:  # a day the plan stops: nothing to record
            return
        planned = exercises[self.done % len(exercises)]
        self.done += 1
        body = {
            "exercise": planned["id"],
            "side": planned["side"],
            "status": "done",
            "sets": planned["sets"],
            "reps": planned["reps"],
            "hold_s": planned["hold_s"],
            "time_s": planned["time_s"],
        }
        key = str(uuid.uuid4())
        with self.client.post(
            f"/api/v1/workouts/{self.plan['date']}/exercises",
            json=body,
            headers={"Idempotency-Key": key},
            name="record exercise",
            catch_response=True,
        ) as answer:
            if answer.status_code == 201:
                ACKS["exercise"].append([self.n, key])
                answer.success()
            else:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(1)
    def report_pain(self) -> None:
        if not self.plan:
            return
        body = {
            "date": self.plan["date"],
            "when": random.choice(("during", "rest")),
            "score": random.randint(0, 4),
            "side": random.choice(("left", "right", "both")),
            "place": random.choice(("hip", "groin", "buttock", "unspecified")),
        }
        with self.client.post(
            "/api/v1/pain", json=body, name="report pain", catch_response=True
        ) as answer:
            if answer.status_code == 201:
                ACKS["pain"].append([self.n, answer.json()["id"]])
                answer.success()
            else:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")


@events.quitting.add_listener
def _write_acknowledged(environment, **kwargs) -> None:  # type: ignore[no-untyped-def]
    with open(os.environ["LOAD_ACKS"], "w") as out:
        json.dump(ACKS, out)
