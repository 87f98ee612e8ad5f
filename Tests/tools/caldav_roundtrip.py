#!/usr/bin/env python3
"""A round trip through a real CalDAV server.

Starts Radicale (from PyPI) on 127.0.0.1, schedules the shipped spring term with trainplan and
publishes every event of the term feed; then moves one offering, takes one trainer away on
another offering's day (so it is reassigned), drops a third, re-plans with --previous and
publishes version 2 over version 1. Asserts one event per UID on the server, SEQUENCE raised
exactly where the offering changed, and the dropped offering cancelled.

Usage: caldav_roundtrip.py TRAINPLAN_BINARY REPOSITORY
Prints 'N passed, N failed' as its last line.
"""
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import icalendar
import requests

AUTH = ("test", "test")  # with auth type none, any password logs in as that user

results = {"passed": 0, "failed": 0}


def check(condition, message):
    results["passed" if condition else "failed"] += 1
    print(("ok   " if condition else "FAIL ") + message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def events_of(path):
    calendar = icalendar.Calendar.from_ical(pathlib.Path(path).read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def publish(base, feed):
    """PUTs each event of a feed as its own resource, named after its UID."""
    calendar = icalendar.Calendar.from_ical(pathlib.Path(feed).read_bytes())
    for event in calendar.walk("VEVENT"):
        wrapper = icalendar.Calendar()
        wrapper.add("prodid", str(calendar["PRODID"]))
        wrapper.add("version", "2.0")
        wrapper.add_component(event)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", str(event["UID"])) + ".ics"
        response = requests.put(base + name, data=wrapper.to_ical(), auth=AUTH,
                                headers={"Content-Type": "text/calendar; charset=utf-8"}, timeout=10)
        if response.status_code not in (201, 204):
            raise RuntimeError(f"PUT {name}: {response.status_code} {response.text[:200]}")


def server_events(base):
    response = requests.request("PROPFIND", base, headers={"Depth": "1"}, auth=AUTH, timeout=10)
    hrefs = [h.text for h in ET.fromstring(response.content).iter("{DAV:}href") if h.text.endswith(".ics")]
    found = []
    for href in hrefs:
        text = requests.get(base.split("/test/")[0] + href, auth=AUTH, timeout=10).content
        found.extend(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    return found


def main(binary, repository):
    binary = str(pathlib.Path(binary).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="caldav-"))
    project = work / "project"
    for name in ("SessionPlans", "Rubrics", "Rosters"):
        shutil.copytree(pathlib.Path(repository) / name, project / name)

    def schedule(out, previous=None, epoch="1800000000"):
        command = [binary, "schedule", "--term", "Rosters/spring-2027.xml", "--out", out]
        if previous:
            command += ["--previous", previous]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120,
                              env={"SOURCE_DATE_EPOCH": epoch, "PATH": "/usr/bin:/bin"})

    first = schedule("v1")
    check(first.returncode in (0, 1), f"version 1 scheduled (exit {first.returncode})")
    v1 = events_of(project / "v1/calendars/term-spring-2027.ics")

    # The changes: move al-east-2 by half an hour; take gs-east-1's backup away that day; drop mc-online-2.
    assignments = (project / "v1/assignments.xml").read_text()
    backup = re.search(r'<assignment offering="gs-east-1" primary="[^"]+" backup="([^"]+)"', assignments).group(1)
    term = project / "Rosters/spring-2027.xml"
    text = term.read_text().replace('start="2027-05-11T18:00"', 'start="2027-05-11T18:30"')
    text = re.sub(r'  <offering id="mc-online-2"[^>]*/>\n', "", text)
    term.write_text(text)
    roster = project / "Rosters/trainers.xml"
    roster.write_text(re.sub(
        rf'(<trainer id="{backup}"[^>]*>(?:(?!</trainer>).)*?)(\s*</trainer>)',
        r'\1\n    <away from="2027-03-30" to="2027-03-30">Jury duty</away>\2', roster.read_text(), flags=re.S))
    second = schedule("v2", previous="v1/assignments.xml", epoch="1800086400")
    check(second.returncode in (0, 1), f"version 2 re-planned (exit {second.returncode})")
    v2 = events_of(project / "v2/calendars/term-spring-2027.ics")

    port = free_port()
    storage = work / "storage"
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none", "--rights-type", "owner_only",
         "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/test/spring/"
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except requests.ConnectionError:
                if server.poll() is not None:
                    raise RuntimeError("Radicale did not start")
                time.sleep(0.1)
        made = requests.request("MKCALENDAR", base, auth=AUTH, timeout=10)
        check(made.status_code == 201, f"Radicale {made.status_code}: calendar collection created on 127.0.0.1:{port}")
        publish(base, project / "v1/calendars/term-spring-2027.ics")
        check(len(server_events(base)) == len(v1), f"version 1: {len(v1)} events on the server")
        publish(base, project / "v2/calendars/term-spring-2027.ics")
        stored = server_events(base)
        uids = [str(e["UID"]) for e in stored]
        check(len(uids) == len(set(uids)), f"version 2: one event per UID ({len(uids)} events)")
        check(set(uids) == set(v1) | set(v2), "every offering of both versions is on the server")
        by_uid = {str(e["UID"]): e for e in stored}
        moved = "spring-2027-al-east-2@trainplan"
        reassigned = "spring-2027-gs-east-1@trainplan"
        dropped = "spring-2027-mc-online-2@trainplan"
        check(int(by_uid[moved]["SEQUENCE"]) == int(v1[moved]["SEQUENCE"]) + 1, "the moved offering's SEQUENCE rose")
        check(by_uid[moved].decoded("DTSTART") != v1[moved].decoded("DTSTART"), "the moved offering has its new time")
        check(int(by_uid[reassigned]["SEQUENCE"]) == int(v1[reassigned]["SEQUENCE"]) + 1,
              f"the reassigned offering's SEQUENCE rose ({backup} is away)")
        check(str(by_uid[dropped]["STATUS"]) == "CANCELLED", "the dropped offering is cancelled")
        check(int(by_uid[dropped]["SEQUENCE"]) == int(v1[dropped]["SEQUENCE"]) + 1, "the dropped offering's SEQUENCE rose")
        changed = {uid for uid in v1 if uid in by_uid and int(by_uid[uid]["SEQUENCE"]) != int(v1[uid]["SEQUENCE"])}
        expected = {moved, reassigned, dropped}
        check(expected <= changed, "every changed offering has a higher SEQUENCE")
        unchanged = [uid for uid in changed - expected]
        for uid in unchanged:
            old, new = v1[uid], by_uid[uid]
            differs = (old.decoded("DTSTART") != new.decoded("DTSTART")
                       or str(old.get("DESCRIPTION")).split("\n")[0] != str(new.get("DESCRIPTION")).split("\n")[0])
            check(differs, f"{uid}: its SEQUENCE rose because its trainers or time changed")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
