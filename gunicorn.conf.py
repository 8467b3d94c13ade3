"""gunicorn's settings (read from this folder): a request's time limit from
WEB_TIMEOUT_SECONDS, the one oversight/settings.py keeps prints within."""

import os

timeout = int(os.environ.get("WEB_TIMEOUT_SECONDS", "30"))
graceful_timeout = timeout
