"""The WSGI application, for `hipcoach serve` or any WSGI server (gunicorn, uwsgi, mod_wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
application = get_wsgi_application()
