"""Personal tracking: enrollments, workouts, pain, measurements, outcomes, screens and notes.

`services` is the use-case layer the terminal coach and the web app both call; it turns rows
into the engine's inputs and never decides anything itself: decisions are the engine's.
"""
