"""Gunicorn settings for Kit Usaha: `gunicorn -c gunicorn.conf.py "app:create_app()"`.

Every value can be overridden from the environment (GUNICORN_*), e.g. on a 2-core server
GUNICORN_WORKERS defaults to 2 × 2 + 1 = 5.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic formula: two workers per core keep a core busy while another waits on the
# database, plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # building a kit takes < 1 s
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then: bounded memory over months. Each recycle loses a worker's
# caches (rendered pages, signed-in users, compiled templates) and, under load, strands the
# requests queued on its kept-alive connections for up to two seconds (gunicorn's linger):
# at 2,000 a busy server recycled a worker every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
preload_app = True  # fonts and toolkits load once, workers share the memory
# Gunicorn's own access log would print client addresses; the app logs requests
# itself as JSON lines without them (app/ops.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Send the app's JSON request log lines to standard output, in batches (app/ops.py)."""
    import logging
    import sys

    from app.ops import BufferedLineHandler

    handler = BufferedLineHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kit_usaha.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
