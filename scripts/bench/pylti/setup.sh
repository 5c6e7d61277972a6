#!/usr/bin/env bash
# Makes the Python environment of the PyLTI1p3 comparison tool (default /tmp/pylti-venv), then:
#   .build-release/release/badged bench launch --pylti-python /tmp/pylti-venv/bin/python
set -euo pipefail
venv="${1:-/tmp/pylti-venv}"
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet -r "$here/requirements.txt"
"$venv/bin/python" -c 'import importlib.metadata as m; print("pylti venv ready:", *(p + " " + m.version(p) for p in ("PyLTI1p3", "Flask", "Flask-Caching", "gunicorn")))'
