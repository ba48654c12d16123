import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
django_application = get_asgi_application()

# The live meeting's event streams skip the middleware chain (meetings/live_asgi.py says
# why); every other request goes to Django as usual.
from meetings.live_asgi import with_live_streams  # noqa: E402

application = with_live_streams(django_application)
