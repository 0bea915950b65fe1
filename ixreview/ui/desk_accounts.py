"""Signing in, the first start and reviewer accounts, through workflow.accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ixreview.ui.desk_base import (
    DeskBase,
    DeskError,
    desk_error,
)

if TYPE_CHECKING:
    from ixreview.workflow.accounts import Account
    from ixreview.workflow.deactivation import Deactivation
    from ixreview.workflow.demo import ImportedSample
    from ixreview.workflow.gate import User


class AccountsDesk(DeskBase):
    """Sign-in, the first administrator, practice samples, accounts, unlock and lock."""

    def sign_in(self, username: str, password: str) -> User:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            if accounts.needs_first_admin(self.store):
                raise DeskError(
                    "No accounts exist yet: restart ixreview to create the first administrator."
                )
            self.session = accounts.sign_in(self.store, username, password, **self._security())
            self.user = accounts.active_user(self.store, self.session)
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        return self.user

    def needs_first_admin(self) -> bool:
        from ixreview.workflow import accounts

        return accounts.needs_first_admin(self.store)

    def account_problems(self, values: dict[str, str], role: str) -> dict[str, str]:
        """What is wrong with each typed field, in words (empty fields are left alone:
        the form says what is missing when it is submitted)."""
        from ixreview.workflow import passwords, validation
        from ixreview.workflow.errors import InvalidInput
        from ixreview.workflow.roles import Role

        problems: dict[str, str] = {}
        wanted = Role(role)
        checks: dict[str, Any] = {
            "username": validation.username,
            "full_name": validation.full_name,
            "credentials": lambda v: validation.credentials(v, wanted),
            "npi": lambda v: validation.npi(v, wanted),
            "p2p_phone": lambda v: validation.phone(v, wanted),
        }
        for name, check in checks.items():
            if values.get(name, "").strip():
                try:
                    check(values[name])
                except InvalidInput as exc:
                    problems[name] = exc.problem
        password = values.get("password", "")
        if password:
            try:
                passwords.check_password(
                    password,
                    username=values.get("username", ""),
                    full_name=values.get("full_name", ""),
                )
            except InvalidInput as exc:
                problems["password"] = exc.problem
        if values.get("confirm") and values.get("confirm") != password:
            problems["confirm"] = "does not match the password"
        return problems

    def create_first_admin(
        self, *, full_name: str, username: str, password: str, organization: str
    ) -> User:
        """Create the first administrator (and the signing authority), then sign them in."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            accounts.create_first_admin(
                self.store,
                username=username,
                full_name=full_name,
                password=password,
                organization=organization,
                **self._security(),
            )
        except WorkflowError as exc:
            raise desk_error(exc) from None
        return self.sign_in(username, password)

    def load_samples(self) -> list[ImportedSample]:
        """Import the shipped sample requests for practice (nothing is decided)."""
        from ixreview.workflow import demo
        from ixreview.workflow.errors import WorkflowError
        from ixreview.workflow.gate import StoreError

        try:
            return demo.import_samples(self.store, actor=self.actor)
        except (WorkflowError, StoreError) as exc:
            raise DeskError(f"the sample requests were not loaded: {exc}") from None

    def accounts(self, *, include_inactive: bool = False) -> list[Account]:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            return accounts.list_users(
                self.store, self._session(), include_inactive=include_inactive
            )
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None

    def add_account(self, values: dict[str, str]) -> Account:
        """Add an account and enroll its signing key; `values` are the dialog's fields."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        if values.get("password") != values.get("confirm"):
            raise DeskError("confirm: does not match the password", "confirm")
        try:
            return accounts.add_user(
                self.store,
                self._session(),
                username=values.get("username", ""),
                full_name=values.get("full_name", ""),
                role=values.get("role", ""),
                password=values.get("password", ""),
                admin_password=values.get("admin_password", ""),
                credentials=values.get("credentials") or None,
                npi=values.get("npi") or None,
                p2p_phone=values.get("p2p_phone") or None,
                **self._security(),
            )
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def deactivate_account(self, username: str, admin_password: str) -> Deactivation:
        """Deactivate and revoke the account's certificate (the administrator's own
        password opens the signing authority); `.not_revoked_reason` says what is left."""
        from ixreview.workflow import deactivation
        from ixreview.workflow.errors import InvalidInput, WorkflowError

        try:
            return deactivation.deactivate_and_revoke(
                self.store, self._session(), username, admin_password, **self._security()
            )
        except InvalidInput as exc:
            raise DeskError(exc.problem) from None
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None

    def check_password(self, password: str) -> bool:
        """Unlock after idle: the same user's password (a wrong one counts towards lockout)."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        if self.session is None:
            return False
        try:
            accounts.unlock(self.store, self.session, password, **self._security())
        except WorkflowError:
            return False
        return True

    def record_lock(self) -> None:
        from ixreview.workflow import accounts

        if self.session is not None:
            accounts.record_idle_lock(self.store, self.session)
