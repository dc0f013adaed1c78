"""The floor for bench_serve.py: a bare Flask app returning a 4.8 KB page, nothing else."""

from flask import Flask

PAGE = "<!doctype html><html lang=id><title>Bakso</title><main>" + "x" * 4700 + "</main>"

app = Flask(__name__)


@app.route("/b/<slug>")
def page(slug: str) -> str:
    """Return the same page for every slug."""
    return PAGE
