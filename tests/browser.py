"""Headless Chromium for the site: Debian's `chromium` and `chromium-driver` (`make chromium`), driven by
selenium with no network and a throw-away profile. `python -m tests.browser` writes the README's
screenshots of the sample site (`make screenshots`)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parent.parent
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--hide-scrollbars", "--force-device-scale-factor=1")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    absent = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if absent:
        return f"Chromium is not installed ({', '.join(absent)} missing): run `make chromium` (apt-get) as root"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: run `make install`"
    return None


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[WebDriver]:
    """A fresh headless Chromium with its performance (network) log on, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dti-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_script_timeout(300)  # axe-core on a 126-row ranking takes seconds, more on a busy machine
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def resize(driver: WebDriver, width: int, height: int = 900) -> None:
    """The viewport (not the window) at `width` CSS pixels. Not in mobile mode: a phone browser widens its
    layout viewport to fit a page that overflows, which would hide the very overflow the tests look for."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def screenshot(driver: WebDriver, url: str, width: int, path: Path, height: int = 900) -> None:
    """The top of the page at `width` px, `height` px tall, as a PNG."""
    resize(driver, width, height)
    driver.get(url)
    path.write_bytes(driver.get_screenshot_as_png())


def main() -> int:
    """The sample (2024 then 2025, so that 2025 shows the change since last year) to docs/site-*.png."""
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    from ranking.pipeline import build, load
    from ranking.site import write_site
    from ranking.tables import write_tables
    from ranking.views import present

    out = Path(tempfile.mkdtemp(prefix="dti-site-"))
    try:
        previous = None
        for year in ("2024", "2025"):
            criteria, inputs = load(ROOT / "criteria" / f"hanoi-{year}.yaml", ROOT / "inputs" / year)
            ranking = build(criteria, inputs, previous)
            (out / year).mkdir()
            write_tables(ranking, out / year, {"command": "run"})
            write_site(present(ranking, {"command": "run"}, "vi"), out / year)
            previous = out / year / "results.csv"
        docs = ROOT / "docs"
        docs.mkdir(exist_ok=True)
        index = (out / "2025" / "site" / "index.html").as_uri()
        with chromium() as driver:
            for width, height in ((360, 1400), (1280, 1000)):
                screenshot(driver, index, width, docs / f"site-{width}.png", height)
                print(f"wrote docs/site-{width}.png")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
