"""The ``posada`` executable.

``posada nlu …`` runs the small ``posada.cli_nlu`` app straight away, so that it works with
no environment and never imports the settings, database or web layers, nor builds the other
commands. Every other command goes to ``posada.cli``, whose commands import what they use.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["nlu"]:
        from posada.cli_nlu import app

        app(args=sys.argv[2:], prog_name="posada nlu")
        return
    from posada.cli import main as full_cli

    full_cli()


if __name__ == "__main__":
    main()
