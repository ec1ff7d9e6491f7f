"""`python -m hipcoach.engine`: print the rule table (the text of docs/rules.md);
`--language de` prints it in German (docs/rules.de.md).

The table's one door to the outside: the German words are read from the catalogue
(`hipcoach.catalogues.messages`, the `.po` as it is, without Django); the rules themselves
stay pure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hipcoach.engine.rules import ENGLISH_COMMAND, rules_markdown
from hipcoach.engine.words import ENGLISH, Words

# The decimal mark of each language's numbers ("1,645"), as its date-and-number formats say
# (hipcoach/web/formats/<language>/formats.py; a test keeps the two the same).
DECIMAL_MARKS = {"de": ","}


def words_for(language: str) -> Words:
    """The rule table's words in `language` (English for "en")."""
    if language == "en":
        return ENGLISH
    from hipcoach.catalogues import messages

    found = messages(language)
    return Words(
        text=lambda text: found.get(text, text),
        decimal=DECIMAL_MARKS.get(language, "."),
        english=False,
    )


def command_for(language: str) -> str:
    """The command that writes the table in `language`, as its header names it."""
    if language == "en":
        return ENGLISH_COMMAND
    return f"python -m hipcoach.engine --language {language} > docs/rules.{language}.md"


def main(argv: Sequence[str] | None = None) -> None:
    from hipcoach.catalogues import languages

    parser = argparse.ArgumentParser(
        prog="python -m hipcoach.engine",
        description="Print the rule table (docs/rules.md) in English or another language.",
    )
    parser.add_argument("--language", default="en", choices=["en", *languages()])
    language = parser.parse_args(argv).language
    sys.stdout.write(rules_markdown(words_for(language), command=command_for(language)))


if __name__ == "__main__":
    main()
