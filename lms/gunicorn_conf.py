"""gunicorn's settings for the web units: ``gunicorn --config python:lms.gunicorn_conf``.

Only what every instance shares; the bind address, worker count and --no-control-socket
are on the unit's command line (deploy/systemd/lms-web@.service), where an administrator
looks for them.
"""

import os

from lms.logs import gunicorn_logconfig

# gunicorn's own lines (starting, workers booting or timing out) in the app's log format.
logconfig_dict = gunicorn_logconfig(os.environ.get("LOG_FORMAT", "json"))
# No gunicorn access log: the app writes one line per request, with its id (lms.logs).
accesslog = None
