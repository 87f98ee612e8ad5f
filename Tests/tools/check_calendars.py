#!/usr/bin/env python3
"""Reads every .ics file in the given folders with the Python `icalendar` library, an
independent second reader of trainplan's feeds, and checks each event has what calendar apps
need. Exit status 0 when every file parses and every event is complete."""
import pathlib
import sys

import icalendar


def main(folders):
    files = sorted(p for folder in folders for p in pathlib.Path(folder).glob("*.ics"))
    if not files:
        print("check_calendars: no .ics files found", file=sys.stderr)
        return 1
    failures = 0
    events = 0
    for path in files:
        try:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
        except Exception as error:  # any parse error is a failure of the feed
            print(f"{path}: does not parse: {error}")
            failures += 1
            continue
        for key in ("PRODID", "VERSION"):
            if key not in calendar:
                print(f"{path}: no {key}")
                failures += 1
        uids = set()
        for event in calendar.walk("VEVENT"):
            events += 1
            for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
                if key not in event:
                    print(f"{path}: an event has no {key}")
                    failures += 1
            uid = str(event.get("UID"))
            if uid in uids:
                print(f"{path}: UID {uid} twice")
                failures += 1
            uids.add(uid)
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            if start.tzinfo is None or end <= start:
                print(f"{path}: {uid}: times {start} – {end}")
                failures += 1
    print(f"check_calendars: {len(files)} feeds, {events} events read by icalendar {icalendar.__version__}; "
          f"{failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["out/calendars"]))
