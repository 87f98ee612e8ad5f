#!/usr/bin/env python3
"""Staffing and load of a schedule written by trainplan (assignments.xml), for comparison with
CP-SAT: primaries, backups, offerings fully staffed, and the busiest trainer's hours
(primary hours plus backup-load × backup hours, over the term). Prints JSON."""
import json
import sys
import xml.etree.ElementTree as ET
from datetime import datetime


def minutes(value):
    """Minutes of a start or end: a count (older files) or an ISO time with offset ("2027-03-21T20:00-05:00")."""
    try:
        return int(value)
    except ValueError:
        return datetime.fromisoformat(value).timestamp() / 60


def main(assignments, export):
    load = json.load(open(export))["backupLoad"]
    root = ET.parse(assignments).getroot()
    hours = {}
    primaries = backups = fully = 0
    for a in root.iter("assignment"):
        if a.get("cancelled") == "true":
            continue
        length = (minutes(a.get("end")) - minutes(a.get("start"))) / 60
        if a.get("primary"):
            primaries += 1
            hours[a.get("primary")] = hours.get(a.get("primary"), 0) + length
        if a.get("backup"):
            backups += 1
            hours[a.get("backup")] = hours.get(a.get("backup"), 0) + length * load
        fully += bool(a.get("primary") and a.get("backup"))
    print(json.dumps({"primaries": primaries, "backups": backups, "fully": fully,
                      "busiest_hours": max(hours.values()) if hours else 0}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
