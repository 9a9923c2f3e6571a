"""Editorial models, one module per kind of content."""

from .congress import CongressPage
from .pages import BasePage, StandardPage
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = ["BasePage", "CongressPage", "SiteSettings", "SocialLinkBlock", "StandardPage"]
