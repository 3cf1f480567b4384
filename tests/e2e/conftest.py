"""Browser fixtures: every page a test opens reports its console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions seen by ``page`` during the test."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}

