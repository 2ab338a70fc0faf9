"""Celery workers: the tasks that run the moderation core and the jobs around it."""
