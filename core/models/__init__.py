"""Models every app shares."""

from .documents import GeneratedDocument, PageDocument
from .pages import BasePage, exclude_members_only, members_only_paths
from .runs import BackgroundRun, RunStatus
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = [
    "BackgroundRun",
    "BasePage",
    "RunStatus",
    "GeneratedDocument",
    "PageDocument",
    "SiteSettings",
    "SocialLinkBlock",
    "exclude_members_only",
    "members_only_paths",
]
