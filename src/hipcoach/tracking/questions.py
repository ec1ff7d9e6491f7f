"""The words people see for the contract values: red-flag questions, goals and pain areas.

Shared by the terminal coach and the web app so both ask the same thing the same way. Written
in our own words, for someone at home: each red-flag question asks about one sign of
something that needs a clinician rather than exercise (R12).
"""

from __future__ import annotations

RED_FLAG_QUESTIONS: dict[str, str] = {
    "trauma": "Has the hip pain started after a fall, a knock or another injury?",
    "fever_or_hot_joint": "Do you have a fever, or is the hip hot, red or swollen?",
    "recent_infection_surgery_or_injection": (
        "Have you had an infection, an operation or an injection near the hip in the last few weeks?"
    ),
    "cancer_history": "Have you ever been treated for cancer?",
    "unexplained_weight_loss": "Have you lost weight recently without trying to?",
    "constant_or_night_pain": "Is the pain there all the time, or does it wake you at night?",
    "cannot_bear_weight": "Is it hard or impossible to put your weight on the leg?",
    "saddle_numbness_or_bladder_bowel_change": (
        "Is there numbness around your seat or groin, or a change in how your bladder or bowels work?"
    ),
    "progressive_leg_weakness": "Is one leg or both getting weaker, or does a foot catch or drag?",
    "pop_with_bruising": "Did you feel a pop at the back of the thigh, with bruising afterwards?",
}

GOAL_WORDS: dict[str, str] = {
    "running": "run without the hip holding you back",
    "sport": "play a sport that needs quick, strong hips",
    "daily_life": "sit, walk, climb stairs and get up from the floor comfortably",
    "flexibility": "move the hip through more of its range",
    "recovery": "come back from a hip or lower-body injury",
}

PAIN_AREA_WORDS: dict[str, str] = {
    "high_hamstring": "where the back of the thigh meets the sit bone",
    "glute": "the buttock",
    "hip_front": "the front of the hip",
    "groin": "the groin",
    "foot": "the foot or arch",
    "calf": "the calf",
    "knee": "the knee",
    "low_back": "the lower back",
}

POSITION_WORDS: dict[str, str] = {
    "prone": "lying face down, knee bent to 90°, the foot falling outward (hip straight)",
    "seated": "sitting on a high edge, knees bent over it, the foot swinging outward",
    "supine": "lying on your back, hip and knee bent to 90°, the foot swinging outward",
}

METHOD_WORDS: dict[str, str] = {
    "phone": "a phone's level or clinometer app against the shin",
    "inclinometer": "a digital or bubble inclinometer against the shin",
    "goniometer": "a goniometer (a clinician's protractor)",
    "camera": "a photo or video, the angle read afterwards",
    "estimate": "your best guess by eye",
}
