"""Editorial data sets, each the demo page tree plus one app's demo, shared (tests/datasets.py)."""

import pytest

from tests.datasets import dataset

NOOP = lambda message: None  # noqa: E731


def load_home() -> None:
    from home import demo

    demo.load(NOOP)


@dataset("congress_demo", contains={"demo_site"})
def load_congress_demo() -> None:
    from editorial import demo_congress

    load_home()
    demo_congress.load(NOOP)


@pytest.fixture
def congress_demo(shared_data, demo_site):
    """The demo site with the congress demo (editorial.demo_congress); returns the French home."""
    shared_data.use("congress_demo")
    return demo_site


@dataset("demo_news_site", contains={"demo_site"})
def load_news_demo() -> None:
    from editorial import demo_news

    load_home()
    demo_news.load(NOOP)


@pytest.fixture
def demo_news_site(shared_data, demo_site):
    """The demo site with the demo news (editorial.demo_news); returns the French home."""
    shared_data.use("demo_news_site")
    return demo_site


@dataset("press_demo", contains={"demo_site"}, execute_on_commit=True)
def load_press_demo() -> None:
    from editorial import demo_press

    load_home()
    demo_press.load(NOOP)


@pytest.fixture
def press_demo(shared_data, demo_site):
    """The demo site with the demo press room (editorial.demo_press), its PDF and ZIP built by
    the tasks queued on commit; returns the French home."""
    shared_data.use("press_demo")
    return demo_site
