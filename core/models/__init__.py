"""Models every app shares."""

from .pages import BasePage, exclude_members_only, members_only_paths
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = ["BasePage", "SiteSettings", "SocialLinkBlock", "exclude_members_only", "members_only_paths"]
