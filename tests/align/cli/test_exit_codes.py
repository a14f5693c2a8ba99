"""Exit codes belong to the exception classes; the CLI has one handler for them all."""

import errno
import subprocess
import sys

import click
import pytest

from align import AlignError
from align.cli.main import exit_status
from corpora import CorporaError, DuiqiError, FormatError, Reported
from glossary import GlossaryError


def test_every_duiqi_error_exits_2_with_its_message():
    for error in (DuiqiError("x"), CorporaError("x"), FormatError("x"), GlossaryError("x"), AlignError("x")):
        assert error.exit_code == 2
        assert exit_status(error) == (2, "x")


def test_reported_findings_exit_1_without_another_line():
    assert exit_status(Reported()) == (1, None)
    assert exit_status(Reported("3 pairs failed")) == (1, "3 pairs failed")


@pytest.mark.parametrize("error, status", [
    (click.UsageError("give SRC"), (2, "give SRC")),
    (click.exceptions.Exit(0), (0, None)),
    (click.exceptions.Abort(), (1, "aborted")),
    (KeyboardInterrupt(), (130, "interrupted")),
    (BrokenPipeError(), (1, None)),
    (MemoryError(), (2, "out of memory")),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "a.txt"), (2, "a.txt: No such file or directory")),
])
def test_foreign_exceptions(error, status):
    assert exit_status(error) == status


def test_a_bug_is_exit_3_and_says_so():
    code, message = exit_status(ZeroDivisionError("division by zero"))
    assert code == 3 and message.startswith("internal error: ZeroDivisionError: division by zero")


def test_a_command_collects_garbage_rarely_and_restores_the_collector(tmp_path):
    """While a command runs the cyclic collector waits for more allocations; after it
    (success or error) the caller's thresholds are back."""
    import gc

    from click.testing import CliRunner

    from align.cli.main import GC_THRESHOLD, cli

    seen = []

    @cli.command("gc-probe", hidden=True)
    def probe():
        seen.append(gc.get_threshold())

    try:
        before = gc.get_threshold()
        assert CliRunner().invoke(cli, ["gc-probe"]).exit_code == 0
        assert seen == [GC_THRESHOLD] and gc.get_threshold() == before
        result = CliRunner().invoke(cli, ["align", str(tmp_path / "missing"), str(tmp_path / "missing2")])
        assert result.exit_code == 2 and gc.get_threshold() == before
    finally:
        cli.commands.pop("gc-probe", None)


def test_commands_of_other_modules_load_when_named():
    from align.cli.main import LAZY_COMMANDS, cli

    ctx = click.Context(cli)
    for name in LAZY_COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
    assert set(LAZY_COMMANDS) <= set(cli.list_commands(ctx))
    # `duiqi align` imports none of them
    code = ("import sys; from align.cli import cli; "
            "print(sorted(m for m in sys.modules if m.startswith('align.cli.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not any(f"align.cli.{module}'" in loaded for module, _ in LAZY_COMMANDS.values())
