"""At 320 px the 2026 palmarès does not scroll sideways: its list scrolls in its own region,
the filters wrap and the région map fits (system Chromium, the site's CSS inlined)."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db
CHROMIUM = Path("/usr/bin/chromium")


def test_the_palmares_fits_320_px(label_demo, client):
    if not CHROMIUM.exists():
        pytest.skip("needs the system Chromium at /usr/bin/chromium (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    html = client.get("/label/palmares/2026/").content.decode()
    css = (Path(settings.BASE_DIR) / "site" / "css" / "main.css").read_text(encoding="utf-8")
    html = html.replace("</head>", f"<style>{css}</style></head>")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 800})
            page.set_content(html)
            page_width = page.evaluate("document.documentElement.scrollWidth")
            region = page.evaluate(
                "(() => { const r = document.querySelector('.palmares__scroll');"
                " return [r.clientWidth, r.scrollWidth, getComputedStyle(r).overflowX]; })()"
            )
            map_width = page.evaluate(
                "document.querySelector('.region-map__svg').getBoundingClientRect().width"
            )
        finally:
            browser.close()
    assert page_width <= 320
    assert region[0] <= 320 and region[2] == "auto"
    assert 0 < map_width <= 320
