# German: the day with a full stop before the month.
DATE_FORMAT = "j. M Y"
MONTH_DAY_FORMAT = "j. M"
DATETIME_FORMAT = "j. M Y, H:i"
WEEKDAY_DAY_FORMAT = "l, j. F"  # hipcoach's own: the plan's day ("Samstag, 5. Dezember")
DAY_FORMAT = "j. F"  # hipcoach's own: a day in a sentence ("seit 5. Dezember")
YEAR_AFTER = " Y"
