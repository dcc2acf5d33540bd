#!/usr/bin/env bash
# Stop at once, in one line, when the Python that `make site` would use cannot
# run the project: not found, an unsupported version, or no venv module.
# Usage: scripts/check-python.sh PYTHON
set -uo pipefail
py="${1:-python3}"
supported="3.11, 3.12 or 3.13"
if ! command -v "$py" >/dev/null 2>&1; then
  echo "make: no Python at '$py'; install Python $supported, or pass PYTHON=/path/to/python3" >&2
  exit 1
fi
version=$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || { echo "make: $py does not run; install Python $supported, or pass PYTHON=/path/to/python3" >&2; exit 1; }
case "$version" in
  3.11.*|3.12.*|3.13.*) ;;
  *) echo "make: $py is Python $version; supported: Python $supported (pass PYTHON=/path/to/python3.12, for example)" >&2
     exit 1 ;;
esac
if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  minor=${version%.*}
  echo "make: $py (Python $version) cannot create a virtual environment; on Debian or Ubuntu: sudo apt-get install python$minor-venv" >&2
  exit 1
fi
