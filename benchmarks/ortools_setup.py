"""OR-Tools for the CP-SAT comparison scripts: imported, or installed from PyPI first."""
import importlib
import subprocess
import sys


def cp_model():
    """The CP-SAT module, after `pip install ortools` when it is missing."""
    try:
        return importlib.import_module("ortools.sat.python.cp_model")
    except ImportError:
        print("installing ortools from PyPI for the CP-SAT comparison", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "ortools"])
        importlib.invalidate_caches()
        return importlib.import_module("ortools.sat.python.cp_model")
