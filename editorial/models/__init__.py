"""Editorial models, one module per kind of content."""

from .pages import BasePage, StandardPage
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = ["BasePage", "SiteSettings", "SocialLinkBlock", "StandardPage"]
