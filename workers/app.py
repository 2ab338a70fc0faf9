"""The Celery app for `celery -A workers.app worker|beat`, with settings from the environment."""

from models.settings import Settings
from workers.celery_app import create_celery

celery = create_celery(Settings())  # type: ignore[call-arg]
