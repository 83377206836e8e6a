"""The `mnist-studio` command: with no arguments it opens the window; with a subcommand (train, evaluate,
...) it runs the headless command line without loading Qt."""

from __future__ import annotations

import sys

# Options that belong to the window rather than to a subcommand.
APP_OPTIONS = ("--self-test", "--data-dir", "--model")


def _wants_app(argv: list[str]) -> bool:
    return not argv or argv[0].split("=")[0] in APP_OPTIONS


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: open the app, or run a subcommand of the command line."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if _wants_app(argv):
        from .app import run_app  # Qt is imported only here, so headless commands start fast

        return run_app(argv)
    from mnist_studio.core.cli import main as cli_main

    return cli_main(argv)


def gui_main() -> int:
    """Entry point of the gui-script (on Windows: no console window); always opens the app."""
    from .app import run_app

    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
