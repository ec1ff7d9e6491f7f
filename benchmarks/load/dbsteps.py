"""The load test's steps inside the database (run by `run_load.py` in a process of its own, with
the database's environment): choose the people and make their tokens before, count what was
stored after. Tokens are made for generated people only, and deleted after the count.

    python dbsteps.py tokens --users 50 --seed 1 --out tokens.json
    python dbsteps.py one-person      # a new database's one person, with exercises today
    python dbsteps.py count --acks acks.json --tokens tokens.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys

TOKEN_NAME = "load test"  # the tokens this test makes, and deletes after


def tokens(users: int, seed: int, out: str) -> None:
    from django.contrib.auth.models import User

    from hipcoach.accounts.models import ApiToken
    from hipcoach.tracking.generated import PREFIX

    ids = list(
        User.objects.filter(username__startswith=PREFIX, enrollments__ended__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not ids:
        sys.exit("no generated people in this database: run `hipcoach generate-people` first")
    chosen = random.Random(seed).sample(ids, min(users, len(ids)))
    raw = [ApiToken.issue(User(pk=pk), TOKEN_NAME)[1] for pk in chosen]
    with open(out, "w") as file:
        json.dump({"tokens": raw, "people": chosen}, file)
    print(json.dumps({"people": len(chosen), "of": len(ids)}))


def one_person(tries: int = 50) -> None:
    """Make one generated person whose plan today has exercises (not a rest day, not a
    stop), for a load by one person that records exercises like the others: seeds are tried
    in turn, a person without any deleted again."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from hipcoach.tracking.generated import PREFIX, generate_people
    from hipcoach.tracking.plans import day_plan

    today = timezone.now().date()
    for seed in range(1, tries + 1):
        generate_people(1, seed=seed, today=today)
        person = User.objects.filter(username__startswith=PREFIX).get()
        if day_plan(person, on=today).exercises:
            print(json.dumps({"seed": seed}))
            return
        person.delete()
    sys.exit(f"no generated person with exercises today in {tries} seeds")


def count(acks_file: str, tokens_file: str) -> None:
    """How many acknowledged writes are in the database (exercises by their stored key, pain
    reports by id); then the test's tokens are deleted."""
    from django.contrib.auth.models import User

    from hipcoach.accounts.models import ApiToken
    from hipcoach.tracking.models import ExerciseLog, PainReport
    from hipcoach.tracking.records import stored_key

    acks = json.loads(open(acks_file).read())  # noqa: SIM115
    people = json.loads(open(tokens_file).read())["people"]  # noqa: SIM115
    keys = [stored_key(User(pk=people[n]), key) for n, key in acks["exercise"]]
    found_exercises = sum(
        ExerciseLog.objects.filter(client_key__in=keys[i : i + 1000]).count()
        for i in range(0, len(keys), 1000)
    )
    pain_ids = [pk for _, pk in acks["pain"]]
    found_pain = sum(
        PainReport.objects.filter(id__in=pain_ids[i : i + 1000]).count()
        for i in range(0, len(pain_ids), 1000)
    )
    ApiToken.objects.filter(name=TOKEN_NAME, user_id__in=people).delete()
    print(
        json.dumps(
            {
                "exercises_acknowledged": len(keys),
                "exercises_found": found_exercises,
                "pain_acknowledged": len(pain_ids),
                "pain_found": found_pain,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    steps = parser.add_subparsers(dest="step", required=True)
    made = steps.add_parser("tokens")
    made.add_argument("--users", type=int, required=True)
    made.add_argument("--seed", type=int, default=1)
    made.add_argument("--out", required=True)
    steps.add_parser("one-person")
    counted = steps.add_parser("count")
    counted.add_argument("--acks", required=True)
    counted.add_argument("--tokens", required=True)
    args = parser.parse_args()
    from hipcoach.tracking.database import ensure_ready

    ensure_ready()
    if args.step == "tokens":
        tokens(args.users, args.seed, args.out)
    elif args.step == "one-person":
        one_person()
    else:
        count(args.acks, args.tokens)


if __name__ == "__main__":
    main()
