from kgraph.cli import run_cli

run_cli()
