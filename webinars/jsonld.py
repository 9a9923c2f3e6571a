"""schema.org Event (JSON-LD) for a webinar session, for search engines.

``event_jsonld`` builds the dict: a Wagtail page returns it from ``json_ld(request)`` and the
head of ``base.html`` renders it (``core.templatetags.seo_tags``). A plain Django view passes
``event_jsonld_script(data)`` to ``templates/webinars/includes/event_jsonld.html`` as
``event_jsonld``. Both serialise with ``core.seo.dumps_for_script`` (``<``, ``>``, ``&``
escaped, so a title containing ``</script>`` cannot end the element).

The location is a VirtualLocation whose URL is the public session page, never the private
visio link (``SessionInfo.join_url`` is not read here).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from core.seo import dumps_for_script
from webinars.ics import SessionInfo

SCHEMA = "https://schema.org/"


def event_jsonld(
    session: SessionInfo,
    organiser_name: str = "Villes Internet",
    page_url: str | None = None,
    replay_url: str | None = None,
    cancelled: bool | None = None,
    *,
    organiser_url: str | None = None,
    speakers: Sequence[str] = (),
    language: str = "fr",
) -> dict:
    """The session as a schema.org Event, attended online.

    ``page_url``: the absolute URL of the session page (default ``session.url``);
    ``replay_url``: the page of the replay, given as ``recordedIn`` when there is one;
    ``cancelled``: default ``session.cancelled``; ``speakers``: names, as ``performer``.
    """
    url = page_url or session.url
    is_cancelled = session.cancelled if cancelled is None else cancelled
    organizer = {"@type": "Organization", "name": organiser_name}
    if organiser_url:
        organizer["url"] = organiser_url
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "url": url,
        "startDate": session.paris_start.isoformat(),
        "endDate": session.paris_end.isoformat(),
        "eventAttendanceMode": f"{SCHEMA}OnlineEventAttendanceMode",
        "eventStatus": f"{SCHEMA}EventCancelled" if is_cancelled else f"{SCHEMA}EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": organizer,
        "inLanguage": language,
    }
    if session.description:
        data["description"] = session.description
    if speakers:
        data["performer"] = [{"@type": "Person", "name": name} for name in speakers]
    if replay_url:
        data["recordedIn"] = {"@type": "CreativeWork", "url": replay_url}
    return data


def event_jsonld_script(data: dict) -> SafeString:
    """``data`` serialised for ``<script type="application/ld+json">`` (the include's
    ``event_jsonld`` variable)."""
    return dumps_for_script(data)
