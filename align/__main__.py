"""``python -m align`` runs the duiqi command line."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
