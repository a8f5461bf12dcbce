"""The WSGI entry point gunicorn serves (`wsgi:app`)."""

from cruddur import create_app

app = create_app()
