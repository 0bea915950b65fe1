"""The README's command-line walkthrough runs as written, in a fresh database.

The block between the walkthrough markers is taken from README.md and run
verbatim by bash (`set -e`: every command must exit 0), from the project root,
with a fresh home holding the three password files it reads with --password-fd.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKERS = re.compile(r"<!-- walkthrough:start -->\s*```\n(.*?)```\s*<!-- walkthrough:end -->", re.S)
PASSWORDS = {
    "admin": "Granite kettle morning 4417",
    "nina": "Copper lantern harbour 8152",
    "drpat": "Willow compass autumn 9036",
}


def walkthrough() -> str:
    found = MARKERS.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md has exactly one marked walkthrough block"
    return str(found[0])


def test_walkthrough_names_how_ixreview_is_reached() -> None:
    block = walkthrough()
    assert block.startswith("source .venv/bin/activate\n")
    assert "--password-fd" in block and "--password " not in block


def test_readme_walkthrough_runs_verbatim_in_a_fresh_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for user, password in PASSWORDS.items():
        secret = home / f"{user}.pw"
        secret.write_text(password + "\n", encoding="utf-8")
        secret.chmod(0o600)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("IXREVIEW_DB", "IXREVIEW_PRACTICE", "VIRTUAL_ENV"))
    }
    env["HOME"] = str(home)
    env["XDG_DATA_HOME"] = str(home / "data")
    env["PATH"] = "/usr/bin:/bin"  # `ixreview` is reached only the way the README says
    script = tmp_path / "walkthrough.sh"
    script.write_text("set -euo pipefail\n" + walkthrough(), encoding="utf-8")
    run = subprocess.run(
        ["bash", str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert (home / "ixreview-practice.db").exists()
    assert "PA-2026-004211: approved (A1) by nina" in out
    assert "PA-2026-005140: pended for information (A4) by nina" in out
    # The request for information asks for what the engine found missing, and the
    # nurse's own item.
    assert "asks for: The HER2 test report" in out
    assert "asks for: The most recent imaging report" in out
    assert "PA-2026-005140: information not received" in out
    assert "PA-2026-005140: denied (A3) by drpat" in out
    assert "PA-2026-005131: denied (A3) by drpat" in out
    assert "Practice clock: 46 days ahead" in out
    assert "Traceback" not in out
