"""The app's own load of the shipped content: checked, but without placing every key pose in
space (a second of numpy on every plan computed by the terminal); the validator and the
content tests check the poses of the same files."""

from __future__ import annotations

import subprocess
import sys


def test_the_apps_library_leaves_the_pose_geometry_to_the_validator() -> None:
    code = (
        "import sys\n"
        "from hipcoach.tracking.programs import library\n"
        "assert library().programs\n"
        "print('mannequin' in sys.modules, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_shipped_poses_pass_the_full_check() -> None:
    from hipcoach.figures.checks import checked_library

    assert checked_library().exercises  # raises ContentError with any problem
