"""Driving Neo4j Browser the way a person does: a headless Chromium from the
system's packages, the connect form, the editor, the Run button, the result frame.

Every wait that can fail says what the page itself shows (an error frame, the
connect form's message), never just "timeout".
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

# The flags that work on this kind of machine: no sandbox, no GPU, no background traffic.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EDITOR = "#monaco-main-editor"
RUN_BUTTON = '[data-testid="editor-Run"]'
FRAME = '[data-testid="frame"]'
WAIT_MS = 60_000
# What a finished Cypher frame says: a table's status line, an empty result, a drawn graph.
CYPHER_DONE = re.compile(r"completed after \d+|no changes, no records|Displaying \d+ nodes")


class BrowserFailure(AssertionError):
    """Neo4j Browser did not do what the test asked; the message holds what the page showed."""


def find_chromium() -> str:
    """The system Chromium: $CHROMIUM, else chromium / chromium-browser / google-chrome on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]
    for candidate in filter(None, candidates):
        path = shutil.which(candidate)
        if path:
            return path
    raise BrowserFailure("no Chromium found (set CHROMIUM or install Debian's package: apt-get install chromium; "
                         "scripts/test does this)")


class Neo4jBrowser:
    """One Neo4j Browser tab in a fresh Chromium profile."""

    def __init__(self, url: str, profile_dir: Path):
        self.url = url
        self._playwright = sync_playwright().start()
        try:
            self._context = self._playwright.chromium.launch_persistent_context(
                str(profile_dir), executable_path=find_chromium(), headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1400, "height": 900})
        except PlaywrightError as exc:
            self._playwright.stop()
            raise BrowserFailure(f"Chromium did not start: {str(exc).splitlines()[0]}") from None
        # Pasting keeps a multi-line query intact, exactly as a person's Ctrl+V does.
        self._context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.page: Page = self._context.new_page()

    def close(self) -> None:
        self._context.close()
        self._playwright.stop()

    def open_and_connect(self, bolt_url: str, user: str, password: str) -> None:
        try:
            self.page.goto(self.url, timeout=WAIT_MS)
        except PlaywrightError as exc:
            raise BrowserFailure(f"cannot load {self.url}: {str(exc).splitlines()[0]}") from None
        try:
            self.page.wait_for_selector('input[data-testid="boltaddress"]', timeout=WAIT_MS)
        except PlaywrightError:
            raise BrowserFailure(f"{self.url} shows no connect form; the page says: {self.visible_text()}") from None
        self.page.fill('input[data-testid="boltaddress"]', bolt_url)
        self.page.fill('input[data-testid="username"]', user)
        self.page.fill('input[data-testid="password"]', password)
        self.page.click('button[data-testid="connect"]')
        connected = "You are connected as user"
        error = re.compile(r"Neo\.\w+Error\.[\w.]+: .*|ServiceUnavailable.*|WebSocket connection failure.*")
        try:
            self.page.wait_for_function(
                "([ok, bad]) => document.body.innerText.includes(ok) || new RegExp(bad).test(document.body.innerText)",
                arg=[connected, error.pattern], timeout=WAIT_MS)
        except PlaywrightError:
            raise BrowserFailure(f"Neo4j Browser never connected to {bolt_url}; the page says: "
                                 f"{self.visible_text()}") from None
        text = self.page.inner_text("body")
        if connected not in text:
            raise BrowserFailure(f"Neo4j Browser could not connect to {bolt_url}: {error.search(text).group(0)}")

    def run(self, command: str):
        """Clear the stream, paste `command` into the editor, press Run; its frame once it has finished."""
        self._submit(":clear")
        self.page.wait_for_selector(FRAME, state="detached", timeout=WAIT_MS)
        self._submit(command)
        return self._finished_frame(command)

    def run_guide_block(self, selector: str):
        """Click a block of the guide on the page (Browser puts its text in the editor), press Run;
        the new frame once it has finished. The stream is left as it is, guide included."""
        block = self.page.locator(selector).first
        try:
            block.wait_for(timeout=WAIT_MS)
        except PlaywrightError:
            raise BrowserFailure(f"no guide block {selector!r}; the page says: {self.visible_text()}") from None
        command = block.inner_text().strip()
        before = self.page.locator(FRAME).count()
        block.click()
        self.page.wait_for_function(
            "text => { const e = document.querySelector('#monaco-main-editor');"
            " return e && e.innerText.replace(/\\s+/g, ' ').includes(text.split('\\n')[0].slice(0, 30)); }",
            arg=command.replace("\u00a0", " "), timeout=WAIT_MS)
        self.page.click(RUN_BUTTON)
        self.page.wait_for_function(f"n => document.querySelectorAll('{FRAME}').length > n", arg=before,
                                    timeout=WAIT_MS)
        return self._finished_frame(command)

    def wait_for_frame(self, command_prefix: str):
        """The frame of a command the server's post-connect setting ran (`:play http...`), once shown."""
        frame = self.page.locator(FRAME).filter(
            has=self.page.locator('[data-testid="frameCommand"]', has_text=command_prefix)).first
        try:
            frame.wait_for(timeout=WAIT_MS)
        except PlaywrightError:
            raise BrowserFailure(f"no {command_prefix!r} frame after connecting; the page says: "
                                 f"{self.visible_text()}") from None
        return frame

    def _finished_frame(self, command: str):
        """The newest frame once it has finished: a Cypher frame when its results (or its error)
        are shown; a client command (`:param`, `:style`, `:config`) as soon as its frame is there."""
        frame = self.page.locator(FRAME).first
        if command.startswith(":"):
            done = frame.locator('[data-testid="frameCommand"]')
        else:
            done = self.page.locator(FRAME).first.filter(has_text=CYPHER_DONE).or_(
                frame.locator('[data-testid="cypherFrameErrorMessage"]'))
        try:
            done.first.wait_for(timeout=WAIT_MS)
        except PlaywrightError:
            raise BrowserFailure(f"no result for {command.splitlines()[0]!r}; the page says: "
                                 f"{self.visible_text()}") from None
        if frame.locator('[data-testid="cypherFrameErrorMessage"]').count():
            raise BrowserFailure(f"Neo4j Browser shows an error for {command.splitlines()[0]!r}: "
                                 f"{' '.join(frame.inner_text().split())}")
        return frame

    def _submit(self, text: str) -> None:
        self.page.click(EDITOR)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Backspace")
        self.page.evaluate("text => navigator.clipboard.writeText(text)", text)
        self.page.keyboard.press("Control+V")
        self.page.click(RUN_BUTTON)

    def visible_text(self, limit: int = 600) -> str:
        try:
            return " ".join(self.page.inner_text("body").split())[:limit] or "(an empty page)"
        except PlaywrightError as exc:
            return f"(unreadable: {str(exc).splitlines()[0]})"

    @staticmethod
    def screenshot(frame, path: Path) -> Path:
        """A PNG of one result frame (the query, its result and Browser's overview)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.screenshot(path=str(path))
        return path


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """`node.Paper { color: #4C8EDA; caption: "{title}"; }` -> {"node.Paper": {"color": "#4C8EDA", ...}}."""
    rules = {}
    for selector, body in re.findall(r'([\w.]+)\s*\{((?:[^{}"]|"[^"]*")*)\}', text):
        rules[selector] = {k.strip(): v.strip().strip('"') for k, v in
                           (item.split(":", 1) for item in body.split(";") if ":" in item)}
    return rules
