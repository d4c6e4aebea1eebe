"""Run the command-line interface with ``python -m geo``."""

from geo.cli import main

if __name__ == "__main__":
    main(prog_name="corridor-map")
