#!/usr/bin/env python3
"""Generates the example project's invented records (Records/import/), seeded, so that
`trainplan evaluate` has enough mentors to show every analysis. The data are INVENTED: no real
mentor, youth or program is described.

Two steps, because the study's randomisation must come before its outcomes:

    python3 scripts/example-records.py mentors     # Records/import/mentors.csv (mentor,stratum)
    trainplan study assign --id spring-2027-circle --mentors Records/import/mentors.csv \
        --arms standard,mentor-circle --seed 2027 --on 2027-03-01 --records /tmp/empty-records \
        --output Records/study.csv
    python3 scripts/example-records.py records     # attendance.csv, matches.csv, surveys.csv

The first six mentors (m-e01..m-e03, m-w01..m-w03) keep the rows the example shipped with; the
others are drawn from fixed seeds. The study's arms differ only in the online mentor circle, and
both arms' confidence rises by the same amount on average: a pre–post report of either arm
alone would credit the training with a change the comparison of arms shows it did not cause.
"""
import csv
import datetime
import math
import random
import sys

ROOT = "Records/import/"
SITES = {"e": "Eastside Library", "w": "Westside Community Center"}
# Pre-match offerings of each cohort (orientation 90, youth safety 90, first meetings 60 min).
PRE = {
    ("e", 1): ["ow-east-1", "ys-east-1", "fm-east-1"], ("e", 2): ["ow-east-2", "ys-east-2", "fm-east-2"],
    ("w", 1): ["ow-west-1", "ys-west-1", "fm-west-1"], ("w", 2): ["ow-west-2", "ys-west-2", "fm-west-2"],
}
PRE_MINUTES = [90, 90, 60]
ORIENTATION = {("e", 1): "2027-03-06", ("e", 2): "2027-04-10", ("w", 1): "2027-03-13", ("w", 2): "2027-04-24"}
POST = {
    "e": ["fb-east-1", "rc-east-1", "ht-east-1", "gs-east-1", "ch-east-1", "bp-east-1", "ca-east-1",
          "al-east-2", "rc-east-2", "fb-east-2", "gs-east-2", "ca-east-2"],
    "w": ["fb-west-1", "rc-west-1", "ht-west-1", "gs-west-1", "ch-west-1", "bp-west-1", "ca-west-1",
          "al-west-2", "ht-west-2", "fb-west-2", "gs-west-2", "ca-west-2"],
}
CIRCLE = ["mc-online-1", "mc-online-2"]
REASONS = ["Youth moved away", "Mentor's schedule changed", "Family withdrew", "Mentor relocated",
           "Youth lost interest", "Mentor's health"]
CUTOFF = datetime.date(2028, 6, 30)
PER_SITE = 24

ORIGINAL_ATTENDANCE = """m-e01,fb-east-1,yes,90
m-e01,fm-east-1,yes,60
m-e01,ow-east-1,yes,90
m-e01,ys-east-1,yes,90
m-e02,fb-east-1,no,0
m-e02,fm-east-1,yes,60
m-e02,ow-east-1,yes,90
m-e02,ys-east-1,yes,75
m-e03,fm-east-1,no,0
m-e03,fm-east-2,yes,60
m-e03,ow-east-1,yes,90
m-e03,ys-east-1,yes,90
m-w01,fb-west-1,yes,85
m-w01,fm-west-1,yes,60
m-w01,ow-west-1,yes,90
m-w01,ys-west-1,yes,90
m-w02,fm-west-1,yes,60
m-w02,ow-west-1,yes,90
m-w02,ys-west-1,yes,90
m-w03,fb-west-1,yes,90
m-w03,fm-west-1,yes,60
m-w03,ow-west-1,yes,60
m-w03,ys-west-1,yes,90"""
ORIGINAL_MATCHES = """mt-101,m-e01,y-5012,Eastside Library,2027-03-20,,
mt-102,m-e02,y-5027,Eastside Library,2027-03-20,2027-05-28,"Youth moved away, family relocated"
mt-103,m-e03,y-5031,Eastside Library,2027-04-17,,
mt-201,m-w01,y-6004,Westside Community Center,2027-03-27,,
mt-202,m-w02,y-6019,Westside Community Center,2027-03-27,2027-04-30,Mentor's schedule changed
mt-203,m-w03,y-6022,Westside Community Center,2027-03-27,,"""
ORIGINAL_SURVEYS = """m-e01,mentor-confidence,post,2027-06-05,4,3,4,4,,
m-e01,mentor-confidence,pre,2027-03-06,3,2,3,4,,
m-e02,mentor-confidence,pre,2027-03-06,2,2,3,3,,
m-e03,mentor-confidence,post,2027-06-05,4,4,3,5,,
m-e03,mentor-confidence,pre,2027-03-06,4,3,3,4,,
m-w01,mentor-confidence,post,2027-06-05,4,3,3,4,,
m-w01,mentor-confidence,pre,2027-03-13,3,3,2,3,,
m-w02,mentor-confidence,pre,2027-03-13,2,1,2,3,,
m-w03,mentor-confidence,post,2027-06-05,4,4,3,4,,
m-w03,mentor-confidence,pre,2027-03-13,3,3,3,3,,"""


def mentors():
    return [f"m-{site}{number:02d}" for site in SITES for number in range(1, PER_SITE + 1)]


def cohort(mentor):
    return 1 if int(mentor[3:]) <= PER_SITE // 2 else 2


def write_mentors():
    with open(ROOT + "mentors.csv", "w", newline="") as out:
        out.write("mentor,stratum\n")
        for mentor in mentors():
            out.write(f"{mentor},{SITES[mentor[2]]}\n")


def answers(rng, score):
    """Six answers on 1..5 around a true score; c5 and c6 are reverse-scored items."""
    values = []
    for index in range(6):
        value = score + rng.gauss(0, 0.55)
        if index >= 4:
            value = 6 - value
        value = min(5, max(1, round(value)))
        values.append("" if rng.random() < 0.04 else str(value))
    return values


def write_records():
    arms = {}
    with open("Records/study.csv") as study:
        for row in csv.DictReader(study):
            arms[row["mentor"]] = row["arm"]
    rng = random.Random(20270301)
    attendance = [line.split(",") for line in ORIGINAL_ATTENDANCE.splitlines()]
    matches = list(csv.reader(ORIGINAL_MATCHES.splitlines()))
    surveys = list(csv.reader(ORIGINAL_SURVEYS.splitlines()))
    original = {"m-e01", "m-e02", "m-e03", "m-w01", "m-w02", "m-w03"}
    for mentor in mentors():
        site = mentor[2]
        group = cohort(mentor)
        posts = POST[site][:6] if group == 1 else POST[site][6:]
        circle = arms[mentor] == "mentor-circle"
        if mentor in original:
            # Post-match sessions of the original six (their pre-match rows are kept as shipped).
            for offering in rng.sample(posts[1:], rng.choice([1, 2, 3])):
                attendance.append([mentor, offering, "yes", str(rng.choice([60, 75, 90]))])
            if circle:
                attendance.append([mentor, CIRCLE[0], "yes", "60"])
            continue
        minutes = 0
        for offering, length in zip(PRE[(site, group)], PRE_MINUTES):
            roll = rng.random()
            if roll < 0.22:
                attendance.append([mentor, offering, "no", "0"])
            else:
                present = length if roll > 0.25 else length - rng.choice([15, 30, 45])
                attendance.append([mentor, offering, "yes", str(present)])
                minutes += present
        for offering in rng.sample(posts, rng.choice([0, 1, 2, 2, 3, 4])):
            attendance.append([mentor, offering, "yes", str(rng.choice([60, 75, 90]))])
        if circle:
            for offering in CIRCLE:
                if rng.random() < 0.85:
                    attendance.append([mentor, offering, "yes", "60"])
        start = datetime.date.fromisoformat(ORIENTATION[(site, group)]) + datetime.timedelta(days=rng.randint(10, 30))
        # Closure: exponential, faster for mentors with less in-person pre-match training.
        rate = 0.045 * math.exp(-0.35 * (minutes / 60 - 3))
        months = rng.expovariate(rate)
        closure = start + datetime.timedelta(days=round(months * 30.4375))
        number = int(mentor[3:])
        match = f"mt-{1 if site == 'e' else 2}{number:02d}"
        youth = f"y-{5 if site == 'e' else 6}{number + 40:03d}"
        if closure <= CUTOFF:
            matches.append([match, mentor, youth, SITES[site], start.isoformat(), closure.isoformat(), rng.choice(REASONS)])
        else:
            matches.append([match, mentor, youth, SITES[site], start.isoformat(), "", ""])
        baseline = rng.gauss(2.9, 0.5)
        orientation = ORIENTATION[(site, group)]
        surveys.append([mentor, "mentor-confidence", "pre", orientation] + answers(rng, baseline))
        post_day = start + datetime.timedelta(days=rng.randint(170, 200))
        # Both arms improve alike (no arm effect); mentors whose match closed before the post
        # survey, and a few others (more often the less confident), do not answer it.
        dropped = closure < post_day or rng.random() < (0.25 if baseline < 2.7 else 0.08)
        if not dropped:
            change = rng.gauss(0.55, 0.45)
            surveys.append([mentor, "mentor-confidence", "post", post_day.isoformat()] + answers(rng, baseline + change))
    attendance.sort(key=lambda row: (row[0], row[1]))
    matches.sort(key=lambda row: row[0])
    surveys.sort(key=lambda row: (row[0], row[1], row[2]))

    def write(name, header, rows):
        with open(ROOT + name, "w", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            out.write(header + "\n")
            writer.writerows(rows)

    write("attendance.csv", "mentor,offering,attended,minutes_present", attendance)
    write("matches.csv", "match,mentor,youth_id,site,start_date,closure_date,closure_reason", matches)
    write("surveys.csv", "respondent,instrument,wave,date,c1,c2,c3,c4,c5,c6", surveys)


if __name__ == "__main__":
    {"mentors": write_mentors, "records": write_records}[sys.argv[1]]()
