"""``python -m legation.cli``: the same as the ``legation`` command."""

from legation.cli import main

if __name__ == "__main__":
    main()
