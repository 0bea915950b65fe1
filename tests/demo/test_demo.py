"""`ixreview demo`: every sample through the real workflow, letters that verify, a sound audit.

The whole demo runs once per module (signing seven letters is the slow part);
the tests then read what it left behind: the letters folder and the kept database.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from ixreview.cli import cli
from ixreview.letters.verify import verify_letter
from ixreview.store import open_store
from ixreview.workflow import demo as flow
from ixreview.workflow.accounts import Security
from ixreview.workflow.passwords import check_password

# Cheap Argon2 parameters for tests only; the command uses the library defaults.
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
KINDS = {
    "approve": ["approval"],
    "refer_then_deny": ["denial"],
    "pend": ["request-for-information"],
}


@dataclass
class DemoRun:
    out: Path
    db: Path
    output: str
    exit_code: int


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    base = tmp_path_factory.mktemp("demo")
    mp = pytest.MonkeyPatch()
    mp.setattr("ixreview.cli.demo_cmds.SECURITY", FAST)
    # The group's --db (the real database) must not be touched by the demo.
    real = base / "real.sqlite3"
    try:
        result = CliRunner().invoke(
            cli,
            [
                "--db",
                str(real),
                "demo",
                "--out",
                str(base / "letters"),
                "--db",
                str(base / "demo.sqlite3"),
            ],
        )
    finally:
        mp.undo()
    assert not real.exists()
    return DemoRun(base / "letters", base / "demo.sqlite3", result.output, result.exit_code)


def test_the_demo_succeeds_and_prints_each_user_once_with_a_usable_password(run: DemoRun) -> None:
    assert run.exit_code == 0, run.output
    for username in ("demo-admin", "demo-nurse", "demo-physician"):
        lines = [line for line in run.output.splitlines() if line.strip().startswith(username)]
        assert len(lines) == 1, run.output
        password = lines[0].split()[-1]
        check_password(password, username=username)  # raises if the policy refuses it


def test_every_sample_leaves_a_letter_of_its_kind(run: DemoRun) -> None:
    names = {p.name for p in run.out.glob("*.pdf")}
    expected = set()
    for sample in flow.samples():
        reference = sample.data()["reference"]
        for kind in KINDS[sample.workflow]:
            expected.add(f"{reference}-{kind}.pdf")
        if sample.continues:  # the earlier approval the continuation extends
            expected.add(f"{reference}-PRIOR-approval.pdf")
    assert names == expected
    assert any(n.endswith("-denial.pdf") for n in names)
    assert any(n.endswith("-request-for-information.pdf") for n in names)


def test_every_letter_verifies_against_the_demo_ca_and_the_hash_on_record(run: DemoRun) -> None:
    root = (run.out / "ca-root.pem").read_text(encoding="ascii")
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (run.out / "letters.sha256").read_text(encoding="ascii").splitlines()
    )
    assert set(sums) == {p.name for p in run.out.glob("*.pdf")}
    signers = {}
    for pdf in sorted(run.out.glob("*.pdf")):
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600  # PHI: owner only, as `letter --out`
        report = verify_letter(pdf.read_bytes(), [root], sums[pdf.name])
        assert report.ok, (pdf.name, report.reasons)
        signers[pdf.name] = report.signer
    # The nurse signs requests for information and approvals; only the physician denies,
    # and approves what carries a physician-review flag.
    for name, signer in signers.items():
        if name.endswith("-denial.pdf"):
            assert signer == "Samuel Okoro"
        elif name.endswith("-request-for-information.pdf"):
            assert signer == "Nora Quinlan"
        else:
            assert signer in ("Nora Quinlan", "Samuel Okoro")


def test_the_database_records_the_decisions_and_its_audit_chain_holds(run: DemoRun) -> None:
    with open_store(run.db) as store:
        report = store.verify_audit_chain()
        assert report.ok and report.entries > 20, report
        decided = {}
        for sample in flow.samples():
            reference = sample.data()["reference"]
            request = store.requests.by_reference(reference)
            determination = store.determinations.current(request.id)
            assert determination is not None
            decided[sample.workflow] = decided.get(sample.workflow, set()) | {
                str(determination.decision)
            }
        assert decided == {"approve": {"A1"}, "refer_then_deny": {"A3"}, "pend": {"A4"}}
        actions = [e.action for e in store.audit.entries()]
        assert "referred" in actions and "denied" in actions and "pended" in actions


def test_the_continuation_is_linked_to_the_approval_it_extends(run: DemoRun) -> None:
    (sample,) = [s for s in flow.samples() if s.continues]
    reference = sample.data()["reference"]
    with open_store(run.db) as store:
        prior = store.requests.by_reference(f"{reference}-PRIOR")
        approval = store.determinations.current(prior.id)
        continuation = store.requests.by_reference(reference)
    assert approval is not None and approval.authorization_number
    assert continuation.continuation_of == approval.id
    assert re.search(rf"{reference} continues {reference}-PRIOR", run.output)


def test_the_summary_table_shows_the_draft_comparison(run: DemoRun) -> None:
    (sample,) = [s for s in flow.samples() if s.compare_policy]
    line = next(li for li in run.output.splitlines() if li.startswith(sample.data()["reference"]))
    assert "meets_criteria (draft: does_not_meet_criteria)" in line


def test_an_existing_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    db.write_bytes(b"")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "o"), "--db", str(db)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_staff_is_only_created_in_an_empty_database(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.sqlite3") as store:
        flow.create_staff(store, security=FAST)
        with pytest.raises(flow.DemoError, match="new, empty database"):
            flow.create_staff(store, security=FAST)


def test_practice_import_loads_every_sample_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.sqlite3") as store:
        first = flow.import_samples(store, actor=None)
        again = flow.import_samples(store, actor=None)
        assert [s.imported for s in first] == [True] * len(flow.samples())
        assert [s.imported for s in again] == [False] * len(flow.samples())
        for item in first:
            request = store.requests.by_reference(item.reference)
            # Pinned at import: the version in force on the received date.
            assert request.policy is not None
            assert request.policy.split("@")[0] == item.sample.policy.split("@")[0]
            assert "@" in request.policy and not request.policy.endswith("@draft")
            assert str(store.reviews.for_request(request.id).state) == "draft"
        (cont,) = [s for s in first if s.sample.continues]
        assert any("not on record" in w for w in cont.warnings)


def test_generated_passwords_differ_and_pass_the_policy() -> None:
    made = {flow.generate_password(username="demo-nurse") for _ in range(20)}
    assert len(made) == 20
    for password in made:
        check_password(password, username="demo-nurse")
