"""The web chat page of local mode, in a real browser: register, ask, press buttons.

Playwright (Python, sync API) drives Debian's chromium at /usr/bin/chromium, which
`.ci/run` installs; Playwright's own browser download is not used. The bot is the real
one, started by LocalBot exactly as `make run` starts it without a token.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.localbot import LocalBot

try:
    from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect, sync_playwright
except ImportError as exc:  # pragma: no cover - a broken install, reported as a failure
    raise ImportError(
        "the browser test needs the Python package playwright (dev extras: "
        "pip install -e '.[dev]'); its own browser download is not needed"
    ) from exc

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium "
        "(apt-get install chromium; .ci/run does this in CI)"
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # launch() always starts on a new, empty temporary profile (its own
            # --user-data-dir), so only the flags that keep it off the network are added.
            args=CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    # A new context is a fresh, empty profile (no cookies, no localStorage).
    context = browser.new_context(viewport=PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        yield page
    finally:
        page.screenshot(path=str(tmp_path / "chat-last.png"))  # what the page showed last
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def send(page: Page, text: str) -> None:
    box = page.locator("#text")
    box.fill(text)
    box.press("Enter")


def bot_bubbles(page: Page) -> Locator:
    return page.locator(".row.bot .bubble")


def test_register_ask_and_press_buttons_in_the_browser(page: Page, tmp_path: Path) -> None:
    bot = LocalBot(tmp_path).start()
    try:
        code = bot.invite("projektleder", "voksenliv", "Odense")
        page.goto(f"http://127.0.0.1:{bot.port}/")
        expect(page.locator("#status")).to_have_text("online")

        # Who am I: the page asks for a name and a Telegram user id.
        if page.locator("#name").is_visible():
            page.locator("#name").fill("Mette")
            page.locator("#user-id").fill("4711")
            page.get_by_role("button", name="Skift").click()
        expect(page.locator("#who-label")).to_contain_text("Mette")

        # Register with the invitation code.
        send(page, f"/start {code}")
        expect(page.locator(".row.user .bubble").first).to_contain_text(f"/start {code}")
        greeting = bot_bubbles(page).filter(has_text="Velkommen")
        expect(greeting).to_have_count(1)
        expect(greeting).to_contain_text("Mette")
        expect(greeting).to_contain_text("Odense")

        # A question in Danish gets an answer with its source.
        send(page, "hvornår er næste modningsworkshop?")
        answer = bot_bubbles(page).filter(has_text="Kilde:")
        expect(answer).to_have_count(1)
        expect(answer).to_contain_text(re.compile(r"modningsworkshop", re.I))
        expect(answer).to_contain_text(
            re.compile(
                r"(januar|februar|marts|april|maj|juni|juli|"
                r"august|september|oktober|november|december)"
                r" 202[34]"
            )
        )

        # Browse with inline buttons: phase -> activity -> details.
        send(page, "/aktiviteter")
        page.locator(".row.bot .buttons button", has_text="Forankring").last.click()
        workshop = page.locator(
            ".row.bot .buttons button", has_text=re.compile("afslutningsworkshop", re.I)
        )
        expect(workshop).to_have_count(1)
        page.screenshot(path=str(tmp_path / "chat-browse.png"))
        workshop.click()
        details = bot_bubbles(page).filter(has_text="november 2024")
        expect(details).to_have_count(1)
        expect(details).to_contain_text("Odense")

        # The page fits a phone: nothing sticks out sideways, the composer is on screen.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a 390px phone"
        send_box = page.locator("#send").bounding_box()
        assert send_box is not None and send_box["y"] + send_box["height"] <= PHONE["height"]
        page.screenshot(path=str(tmp_path / "chat-phone.png"))
        if os.environ.get("BROWSER_SHOTS"):
            shutil.copy(tmp_path / "chat-phone.png", os.environ["BROWSER_SHOTS"])
    finally:
        bot.stop()
