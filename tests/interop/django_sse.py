# SPDX-License-Identifier: GPL-3.0-or-later
"""A Django StreamingHttpResponse SSE endpoint in one file, as tutorials write it.

Run: python3 django_sse.py runserver 127.0.0.1:PORT --noreload
GET /events?count=N&interval_ms=T streams `data: 当前行号是i` N times, then ends.
"""
import sys
import time

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="ssescope-interop-test-only",
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.http import StreamingHttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def events(request):
    count = int(request.GET.get("count", "10"))
    interval = int(request.GET.get("interval_ms", "50")) / 1000.0

    def generate():
        for i in range(1, count + 1):
            yield "id: %d\ndata: 当前行号是%d\n\n" % (i, i)
            time.sleep(interval)

    response = StreamingHttpResponse(generate(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [path("events", events)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
