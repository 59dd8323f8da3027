"""`python -m workbench`: the same command line as the `workbench` script."""

from workbench.cli import main

if __name__ == "__main__":  # a job's child process imports this module too (spawn)
    raise SystemExit(main())
