"""Reasons kept as made (`engine.words.Said`): the English is the contract's, another reader's
words are filled in when shown, and a checkpoint keeps them whole."""

from __future__ import annotations

from hipcoach.engine.measurement import degrees, method_code, position_code, side_said
from hipcoach.engine.rules import decide
from hipcoach.engine.tagged import decode, encode
from hipcoach.engine.words import Content, Listed, Named, TermWords, Upper, Words, joined, said
from hipcoach.vocabulary import PainArea, PainPlace, RedFlag

# A reader whose words are marked, so what was translated can be told from what was not.
MARKED = Words(
    text=lambda text: f"<{text}>",
    plural=lambda one, many, n: f"<{one if n == 1 else many}>",
    term=lambda term: f"[{term.value}]",
    term_words=lambda term: f"[[{term.value}]]",
    name=lambda exercise_id, name: f"#{exercise_id}",
    content=lambda path, english: "/".join(path),
    decimal=",",
    english=False,
)


def _every_kind():
    return said(
        "{a} {b} {c} {d} {e} {f} {g} {h}",
        a=degrees(22.34),
        b=side_said("left"),
        c=said(
            "{position}, {method}", position=position_code("prone"), method=method_code("phone")
        ),
        d=Named("glute-bridge", "Glute bridge", lower=True),
        e=Listed((TermWords(RedFlag.trauma), TermWords(PainArea.groin), PainPlace.knee)),
        f=Content(("programs", "hip-foundations", "name"), "Hip foundations", lower=True),
        g=Upper(said("lower")),
        h=joined(said("x"), said("y"), between="; "),
    )


def test_english_is_the_format_filled_in():
    assert str(_every_kind()) == (
        "22.3° left prone, phone glute bridge a fall or a blow to the hip, the groin and Knee "
        "hip foundations Lower x; y"
    )


def test_another_reader_gets_each_part_in_their_words():
    # each format is put in the reader's words first (<...>), then its values filled in: a
    # number with the reader's decimal mark, a term, an exercise, the content by its place
    assert _every_kind().render(MARKED) == (
        "<<22,3°> <left> <[prone], [phone]> #glute-bridge <[[trauma]], [[groin]] and [knee]> "
        "programs/hip-foundations/name <lower> <<x>; <y>>>"
    )


def test_a_checkpoint_keeps_a_reason_whole():
    decision = decide("R3", _every_kind())
    back = decode(encode(decision))
    assert back == decision and back.said == decision.said
    assert back.in_words(MARKED).reason == decision.in_words(MARKED).reason
