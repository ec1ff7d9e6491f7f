# British English (the default): the day before the month.
DATE_FORMAT = "j M Y"
MONTH_DAY_FORMAT = "j M"
DATETIME_FORMAT = "j M Y, H:i"
WEEKDAY_DAY_FORMAT = "l j F"  # hipcoach's own: the plan's day ("Saturday 5 December")
DAY_FORMAT = "j F"  # hipcoach's own: a day in a sentence ("since 5 December")
YEAR_AFTER = " Y"
