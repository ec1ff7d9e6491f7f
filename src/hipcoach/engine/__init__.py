"""The progression engine: today's workout, decided by published rules.

Pure and deterministic: no Django, no I/O, no clock (the date is an argument). Import what you
need from its modules:

    hipcoach.engine.planner.plan(program, exercises, profile, history, start, today, *, pre_run)
    hipcoach.engine.planner.plan_days(program, exercises, profile, history, start, end, ...)
    hipcoach.engine.types      the inputs (Profile, History, ...) and the DayPlan it returns
    hipcoach.engine.rules      RULES (the numbered rules and the program rules), rule_texts(words)
                               (each in a reader's words) and rules_markdown(words)

`python -m hipcoach.engine [--language de]` prints the rule table; that command alone reads a
file (the catalogue, for another language's words).

The package itself imports nothing, so reading a stored plan (`engine.types` alone) does not
load the planner and the content models. Virtual people (scenario files) are in `hipcoach.scenarios`.
"""
