"""Models every app shares."""

from .documents import GeneratedDocument, PageDocument
from .pages import BasePage, exclude_members_only, members_only_paths
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = [
    "BasePage",
    "GeneratedDocument",
    "PageDocument",
    "SiteSettings",
    "SocialLinkBlock",
    "exclude_members_only",
    "members_only_paths",
]
