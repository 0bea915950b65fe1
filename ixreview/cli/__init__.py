"""The `ixreview` command line. Never imports Qt (only `ixreview gui` does, lazily).

Subcommands live in small modules and are imported only when invoked, so
`ixreview evaluate` does not pay for the store, letters or signing imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

import click

from ixreview import __version__

# name -> "module:attribute"; one module per area, owned by that area.
COMMANDS: dict[str, str] = {
    "policies": "ixreview.cli.evaluate_cmds:policies",
    "evaluate": "ixreview.cli.evaluate_cmds:evaluate",
    "import": "ixreview.cli.store_cmds:import_case",
    "history": "ixreview.cli.store_cmds:history",
    "show": "ixreview.cli.store_cmds:show",
    "export": "ixreview.cli.store_cmds:export",
    "backup": "ixreview.cli.store_cmds:backup",
    "restore": "ixreview.cli.store_cmds:restore",
    "audit": "ixreview.cli.store_cmds:audit",
    "letter": "ixreview.cli.letter_cmds:letter",
    "verify": "ixreview.cli.letter_cmds:verify",
    "user": "ixreview.cli.user_cmds:user",
    "decide": "ixreview.cli.decision_cmds:decide",
    "reassign-policy": "ixreview.cli.decision_cmds:reassign_policy",
    "demo": "ixreview.cli.demo_cmds:demo",
    "settings": "ixreview.cli.settings_cmds:settings",
    "gui": "ixreview.cli.gui_cmd:gui",
    # Each area below owns its module; an entry whose module is absent is hidden.
    "pas": "ixreview.cli.pas_cmds:pas",
    "impact": "ixreview.cli.report_cmds:impact",
    "report": "ixreview.cli.report_cmds:report",
    "server": "ixreview.cli.server_cmds:server",
    "transfer": "ixreview.cli.server_cmds:transfer",
    "letters": "ixreview.cli.records_cmds:letters",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._spec_exists(name))

    @staticmethod
    def _spec_exists(name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not self._spec_exists(cmd_name):
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


class DatabaseTarget(click.ParamType[Any, Any]):
    """A database file path, or a team server's postgresql://USER@HOST/DB URL (kept as
    text: a Path would fold its '//')."""

    name = "PATH|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Path) or not str(value).startswith(("postgresql://", "postgres://")):
            return click.Path(dir_okay=False, path_type=Path).convert(value, param, ctx)
        return str(value)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ixreview")
@click.option(
    "--db",
    type=DatabaseTarget(),
    envvar="IXREVIEW_DB",
    help="The case database: a file (default: in your user data directory) or a team "
    "server, postgresql://USER@HOST/DB (env IXREVIEW_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | str | None) -> None:
    """ixreview: prior-authorization review of ixabepilone (Ixempra, HCPCS J9207).

    Evaluate a case against a plan's policy, keep the record of every review,
    and issue signed determination letters.
    """
    ctx.obj = {"db": db}


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="ixreview")
