"""Run the command-line interface with ``python -m geo``."""

from geo.entry import main

if __name__ == "__main__":
    main()
