"""The review's lifecycle as operations that the web, the tasks and the demo share.

Each operation checks the state it expects (compare-and-set on the row's version), writes the
audit row and the outbox row in the same transaction, and returns what the caller shows.
"""

from services.errors import Conflict

__all__ = ["Conflict"]
