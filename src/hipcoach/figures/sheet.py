"""The contact sheet: every exercise's key poses in a row, with their names, on one image."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from hipcoach.content.schema import Exercise

CELL = (240, 180)
LABEL_WIDTH = 230
ROW_GAP = 6


def contact_sheet(exercises: list[Exercise]) -> Image.Image:
    """One row per posed exercise (left side working): its name and id, then each key pose."""
    from hipcoach.figures import images

    posed = [(e, e.poses) for e in exercises if e.poses is not None]
    columns = max((len(poses.keys) for _, poses in posed), default=1)
    width = LABEL_WIDTH + columns * CELL[0]
    height = max(1, len(posed)) * (CELL[1] + ROW_GAP)
    sheet = Image.new("RGB", (width, height), (255, 255, 255))
    pen = ImageDraw.Draw(sheet)
    title = ImageFont.load_default(size=16)
    small = ImageFont.load_default(size=13)
    for row, (exercise, poses) in enumerate(posed):
        top = row * (CELL[1] + ROW_GAP)
        side = "left" if exercise.per_side else "both"
        pen.multiline_text((8, top + 8), _wrap(exercise.name, 24), fill=(27, 36, 33), font=title)
        pen.text((8, top + CELL[1] - 44), exercise.id, fill=(77, 90, 86), font=small)
        pen.text(
            (8, top + CELL[1] - 24),
            f"view: {poses.view.value}" + (" · left side" if exercise.per_side else ""),
            fill=(77, 90, 86),
            font=small,
        )
        for col, (key, image) in enumerate(
            zip(poses.keys, images(poses, side, size=CELL), strict=True)
        ):
            left = LABEL_WIDTH + col * CELL[0]
            sheet.paste(image, (left, top))
            pen.text((left + 6, top + 4), key.name, fill=(27, 36, 33), font=small)
        pen.line(
            [(0, top + CELL[1] + ROW_GAP // 2), (width, top + CELL[1] + ROW_GAP // 2)],
            fill=(214, 220, 217),
        )
    return sheet


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
