"""Browser fixtures: every page a test opens reports its console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import record_console_errors


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions seen by ``page`` during the test."""
    return record_console_errors(page)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}

