"""Virtual people: scenario files, run through the engine day by day.

    format        the file format (pydantic models) and its JSON Schema
    checks        reading a file, and checking it against the library (file:line problems)
    history       a scenario as the engine's inputs: a `Profile` and a `History`
    simulation    the plans of a scenario's days
    expectations  the `expect` lines checked against those plans

`hipcoach simulate` runs a file; `tests/scenarios/` holds the cast. The engine itself reads no
files: reading a scenario is done here.
"""
