"""Screenshots of Tools > Policy impact and Tools > Metrics, offscreen, on a scratch
database of made-up requests (the samples and varied cases of the impact tests).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/take_reports.py

Writes impact.png and metrics.png beside this file.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "impact"):
    sys.path.insert(0, str(extra))

from PySide6.QtWidgets import QApplication  # noqa: E402


def _record(world: object, rng: random.Random) -> None:
    from impact_helpers import World
    from varied_cases import varied_cases

    from ixreview.store import DecisionCode

    assert isinstance(world, World)
    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    codes = [DecisionCode.APPROVED] * 6 + [DecisionCode.DENIED] * 2 + [DecisionCode.PENDED]
    for i, data in enumerate(varied_cases(60, seed=5)):
        received = start + timedelta(hours=i * 70)
        data["reference"] = f"PA-2026-7{i:05d}"
        data["received_at"] = received.isoformat()
        data["member"]["first_name"] = rng.choice(["Ana", "Mei", "Zoë", "Inés", "Ruth"])
        data["member"]["last_name"] = rng.choice(["Peña", "Okafor", "Lindqvist", "Nguyễn"])
        if data["labs"].get("collected_on"):
            data["labs"]["collected_on"] = (received.date() - timedelta(days=4)).isoformat()
        ref = world.store.import_case(json.dumps(data), policy="BCBST-IXEMPRA").reference
        if received < datetime(2026, 11, 15, tzinfo=UTC):
            hours = rng.choice([20, 40, 70, 120, 200, 300])
            who = rng.choice(["nina", "drpat"])
            code = rng.choice(codes)
            if code == DecisionCode.DENIED:
                who = "drpat"
            world.decide(ref, code, who, received + timedelta(hours=hours))


def main() -> None:
    app = QApplication(sys.argv[:1])
    from impact_helpers import World, _build

    from ixreview.store import open_store
    from ixreview.ui.desk import Desk
    from ixreview.ui.impact_dialog import ImpactDialog
    from ixreview.ui.metrics_dialog import MetricsDialog

    folder = Path(tempfile.mkdtemp(prefix="ixreview-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    path = folder / "ixreview.sqlite3"
    _build(path)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    store = open_store(path, clock=lambda: now)
    world = World(store, path)
    world.import_bcbst()
    _record(world, random.Random(7))

    world.sign_in("drpat")
    desk = Desk(store, store.users.by_username("drpat"))
    impact = ImpactDialog(desk)
    impact.resize(1280, 820)
    impact.show()
    impact.start_replay()
    impact.wait_for_replay()
    for _ in range(20):
        app.processEvents()
    impact.grab().save(str(HERE / "impact.png"))
    print("docs/screenshots/impact.png")

    metrics = MetricsDialog(desk)
    metrics.resize(1280, 860)
    metrics.show()
    from datetime import date

    metrics.set_range(date(2026, 6, 1), date(2026, 11, 30), "month")
    metrics.refresh()
    for _ in range(20):
        app.processEvents()
    metrics.grab().save(str(HERE / "metrics.png"))
    print("docs/screenshots/metrics.png")
    impact.close()
    metrics.close()
    store.close()


if __name__ == "__main__":
    main()
