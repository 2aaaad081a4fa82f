"""Files the browser saves: the journeys download workbooks and read them back."""

import time
from pathlib import Path


def allow_downloads(driver, folder: Path) -> None:
    """Let headless Chromium save downloads into ``folder``."""
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )


def downloaded(folder: Path, suffix: str = ".xlsx", timeout: float = 30) -> Path:
    """The ``suffix`` file the browser saved in ``folder``, once it is complete."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = list(folder.iterdir())
        done = [path for path in files if path.suffix == suffix]
        if done and not any(path.suffix == ".crdownload" for path in files):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file was downloaded into {folder}")
