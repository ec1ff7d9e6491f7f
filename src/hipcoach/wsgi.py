"""The WSGI application, for `hipcoach serve` or any WSGI server (gunicorn, uwsgi, mod_wsgi).

Importing it applies any pending migrations first, one process at a time (see
`hipcoach.tracking.database.migrate`), so the workers of another WSGI server can start together
on a new database as `hipcoach serve` processes do. With nothing pending it costs one query.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
application = get_wsgi_application()

from hipcoach.tracking.database import ensure_ready  # noqa: E402 - needs Django set up

ensure_ready()
