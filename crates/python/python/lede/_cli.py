"""The `lede` command of the wheel: the Rust command line, run by the extension module, with
the models shipped in the wheel unless ``--data`` or ``$LEDE_DATA`` names others."""

import os
import sys

from . import DATA_DIR, _lede


def main() -> None:
    os.environ.setdefault("LEDE_DATA", str(DATA_DIR))
    sys.exit(_lede.cli_main(["lede", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
