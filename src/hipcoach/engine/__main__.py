"""`python -m hipcoach.engine`: print the rule table (the text of docs/rules.md)."""

from hipcoach.engine.rules import rules_markdown

print(rules_markdown(), end="")
