"""The main pages a person walks, checked in the second language by the page test
(`tests/i18n/test_completeness.py`) and by axe in the browser (`tests/browser`)."""

MAIN_PAGES = [
    "/today/",
    "/today/player/",
    "/progress/",
    "/measure/",
    "/check/",
    "/exercises/",
    "/exercises/glute-bridge/",
    "/account/",
    "/account/sharing/",
    "/account/delete/",
    "/rules/",
]
