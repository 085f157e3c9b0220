"""The ``mlopskg`` command group and its entry point.

Exit codes (see CONTRACT.md): 0 success, 1 a check found violations, 2 usage error,
unreadable or unparsable input, or an unreachable store. Errors are one line on stderr,
naming the file, line, query or URL; never a traceback. Each command family has its own
module; a new command is added to :data:`COMMANDS`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from mlopskg import __version__
from mlopskg.cli import (
    catalogue,
    graph,
    load,
    ontology,
    platform,
    queries,
    serve,
    validation,
    why,
)
from mlopskg.cli.context import EXIT_OK, EXIT_USAGE
from mlopskg.errors import MlopsKGError

#: Every command, in the order ``mlopskg --help`` lists them.
COMMANDS = [
    graph.build,
    queries.list_queries,
    queries.query,
    why.why_command,
    graph.stats,
    graph.export,
    graph.check,
    ontology.ontology,
    serve.serve,
    validation.validate,
    validation.shapes_command,
    platform.scan_command,
    platform.plan_command,
    platform.diff_command,
    catalogue.catalogue,
    load.load_command,
    ontology.release_command,
]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mlopskg")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MLOPSKG_HOME",
    help="Folder with ontology/, data/, queries/ (default: this checkout or the installed copy).",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    envvar="MLOPSKG_STORE",
    help="Path of the embedded store (default: build/store in the project).",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None, store: Path | None) -> None:
    """mlopskg: a knowledge graph of MLOps requirements, reference architectures and tools."""
    ctx.ensure_object(dict)
    ctx.obj.update(home=home, store=store)


for command in COMMANDS:
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command line, mapping errors to exit codes."""
    try:
        # Without standalone mode click returns ctx.exit()'s code instead of exiting.
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="mlopskg",
            standalone_mode=False,
        )
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exit_:
        return int(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except MlopsKGError as error:
        click.echo(f"mlopskg: error: {error}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        # A file-system error no command anticipated: still one line, naming the file.
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"mlopskg: error: {where}{error.strerror or error}", err=True)
        return EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
