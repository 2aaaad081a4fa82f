"""axe-core in the browser tests: the page as the browser shows it, checked against the
WCAG 2.1 A and AA rules.

axe-core comes from the npm registry (``package.json``, pinned in ``package-lock.json``;
``npm ci`` installs it into ``node_modules/``, as ``.ci/run`` does). Without it the tests
that ask for it are skipped, saying why.

``run_axe(driver)`` puts axe into the page the driver shows (through the WebDriver, so the
portal's Content-Security-Policy stays as it is) and returns the serious and critical
violations: what a test asserts is empty.
"""

from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = (
    f"needs axe-core in {AXE_JS.parent}: run `npm ci --no-audit --no-fund` in the project folder"
)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = frozenset({"serious", "critical"})

# Runs axe on the whole document and hands back its violations (or the error) to selenium.
_RUN = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then((results) => done({violations: results.violations}))
  .catch((error) => done({error: String(error)}));
"""

needs_axe = pytest.mark.skipif(not AXE_JS.exists(), reason=AXE_MISSING)


def run_axe(driver) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations on the page ``driver`` shows,
    each as axe reports it (``id``, ``impact``, ``help``, ``nodes`` with their targets)."""
    if not AXE_JS.exists():
        pytest.skip(AXE_MISSING)
    driver.set_script_timeout(60)
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(_RUN, WCAG_21_AA)
    if "error" in result:
        raise RuntimeError(f"axe-core failed on {driver.current_url}: {result['error']}")
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


def describe(violations: list[dict]) -> str:
    """One line per violation and element, for an assertion's message."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(map(str, node['target']))}"
        for v in violations
        for node in v["nodes"]
    )
