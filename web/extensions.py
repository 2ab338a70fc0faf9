"""Flask extensions, created unbound and initialised in `create_app`."""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Meld je aan om verder te gaan."


def _client_key() -> str:
    # The app's prefix keeps platforms (and test runs) that share one Redis apart.
    return f"{current_app.config.get('ZR_LIMIT_PREFIX', '')}:{get_remote_address()}"


limiter = Limiter(key_func=_client_key, default_limits=[])
talisman = Talisman()
