from django.core.wsgi import get_wsgi_application

from lms.envfile import load_or_exit
from lms.static_check import require_collected_static

# Under systemd the env file is already in the environment; by hand it is read here too.
load_or_exit(default_settings="lms.settings.production")

application = get_wsgi_application()
# Without collected static files every page is a 500: refuse to start instead.
require_collected_static()
