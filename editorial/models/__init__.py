"""Editorial models, one module per kind of content."""

from .news import ArticlePage, ArticleRelatedLink, ArticleTag, NewsCategory, NewsIndexPage
from .pages import BasePage, StandardPage
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = [
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "BasePage",
    "NewsCategory",
    "NewsIndexPage",
    "SiteSettings",
    "SocialLinkBlock",
    "StandardPage",
]
