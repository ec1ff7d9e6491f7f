# US English (an en-US browser, or "en"): the month before the day.
DATE_FORMAT = "M j, Y"
MONTH_DAY_FORMAT = "M j"
DATETIME_FORMAT = "M j, Y, H:i"
WEEKDAY_DAY_FORMAT = "l, F j"  # hipcoach's own: the plan's day ("Saturday, December 5")
DAY_FORMAT = "F j"  # hipcoach's own: a day in a sentence ("since December 5")
YEAR_AFTER = ", Y"
