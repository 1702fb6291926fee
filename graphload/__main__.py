from graphload.cli import app

app(prog_name="graphload")
