"""The `lede` command of the wheel: the Rust command line, run by the extension module, with
the models built into it unless ``--data`` or ``$LEDE_DATA`` names others."""

import sys

from . import _lede


def main() -> None:
    sys.exit(_lede.cli_main(["lede", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
