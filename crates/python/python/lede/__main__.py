"""``python -m lede``: the `lede` command line."""

from ._cli import main

main()
