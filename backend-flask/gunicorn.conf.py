"""gunicorn settings for production (the container) and bin/dev; sizes come from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:4567")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Behind the ALB the client address arrives in X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "wsgi:app"
# No control socket (gunicornc): nothing here uses it, and on the container's read-only root filesystem it
# could only warn that it cannot make $HOME/.gunicorn.
control_socket_disable = True
# No preload_app: each worker imports wsgi.py after the fork, so create_app sets up tracing, the database
# pool and the purge thread per worker (none of them survive a fork).
preload_app = False
