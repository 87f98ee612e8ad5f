#!/usr/bin/env python3
"""The workspace (`trainplan serve`) driven in headless Chromium, as a trainer would use it.

Copies the repository's shipped project into a temporary folder, starts `trainplan serve` there
on a free port of 127.0.0.1, and checks, each in a fresh page:

  1. a block's minutes set to 0: the invalid-minutes finding appears at that block (and
     nowhere else), and goes when the minutes are fixed;
  2. a block dragged by its handle below the next two: the start times change, and the saved
     file holds exactly the shipped file's lines with that block's lines moved;
  3. keyboard only: the ↓ button of a block pressed with Enter (twice), focus following the block;
     saved, the file is the shipped one with the block moved;
  4. edits from outside: a file changed on disk shows in an open page with no unsaved edits;
     with unsaved edits, a save is refused with both versions shown and the file unchanged;
     "Keep mine" then writes the page's version;
  5. a plan made from scratch (from the blank template, by typing and choosing only) is saved
     and `trainplan check` on the file gives exactly the findings the editor showed (id, line);
  6. Duplicate writes the plan under a new id; Delete asks first, then deletes the file;
  7. the term page: the schedule table, a trainer marked away shows the re-plan before it is
     applied, and applying it writes out/ (the assignments name the replacement);
  8. the guard, as raw HTTP: a foreign Host is refused (421), a change without the page's
     token is refused (403).

Screenshots of every page go to out/screenshots/ in the repository (look at them).

Usage: workspace.py TRAINPLAN_BINARY [--keep]
Exit status: 0 all passed, 1 a check failed, 2 trainplan or the browser could not be run,
77 Chromium, chromedriver or selenium is missing (a loud SKIPPED: line says which).
"""
import http.client
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
SHOTS = REPO / "out" / "screenshots"
SKIP_STATUS = 77
BINARY = []
failures = []


def skip(why):
    print(f"SKIPPED: the workspace browser suite: {why}", file=sys.stderr)
    sys.exit(SKIP_STATUS)


def die(why):
    print(f"workspace.py: {why}", file=sys.stderr)
    sys.exit(2)


def check(condition, what):
    if condition:
        print(f"ok: {what}")
    else:
        print(f"FAILED: {what}", file=sys.stderr)
        failures.append(what)
    return condition


def find_browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        skip("selenium is not installed (python3 -m pip install selenium)")
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        skip("chromium not found (apt-get install -y chromium chromium-driver)")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not driver:
        skip("chromedriver not found (apt-get install -y chromium-driver)")
    return chromium, driver


def start_browser(chromium, driver_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--force-device-scale-factor=1", "--window-size=1400,1000"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except Exception as error:
        die(f"could not start headless Chromium: {error}")
    driver.set_page_load_timeout(60)
    return driver


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(binary, project):
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stderr.readline()
        if "the workspace is at" in line:
            return process, f"http://127.0.0.1:{port}"
        if process.poll() is not None:
            die(f"trainplan serve exited {process.returncode}: {line}{process.stderr.read()}")
    die("trainplan serve did not start within 60 s")


def agenda_blocks(text):
    """The agenda's lines grouped by block (canonical layout: one block is a run of lines)."""
    lines = text.split("\n")
    start = lines.index("  <agenda>") + 1
    end = lines.index("  </agenda>")
    blocks, current = [], []
    for line in lines[start:end]:
        current.append(line)
        if line.startswith("    <break") or (line.startswith("    <activity") and line.endswith("/>")) \
                or line == "    </activity>":
            blocks.append(current)
            current = []
    return lines[:start], blocks, lines[end:]


def moved(text, source, target):
    head, blocks, tail = agenda_blocks(text)
    block = blocks.pop(source)
    blocks.insert(target, block)
    return "\n".join(head + [line for b in blocks for line in b] + tail)


class Page:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    def open(self, path):
        self.driver.get(self.base + path)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")
        time.sleep(0.2)

    def wait(self, condition, timeout=10, what="a condition"):
        from selenium.webdriver.support.ui import WebDriverWait
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition)
        except Exception:
            return None

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def findings(self, part):
        return [(li.get_attribute("data-id"), int(li.get_attribute("data-line")))
                for li in self.all(f'ul.findings[data-part="{part}"] li.finding')]

    def all_findings(self):
        return sorted((li.get_attribute("data-id"), int(li.get_attribute("data-line")))
                      for li in self.all("li.finding"))

    def checked_after(self, action):
        """Runs `action` and waits until the page shows a check made after it."""
        before = int(self.driver.execute_script("return Number(document.body.dataset.checked || 0)"))
        action()
        self.wait(lambda d: int(d.execute_script("return Number(document.body.dataset.checked || 0)")) > before,
                  what="a new check")
        time.sleep(0.05)

    def type_into(self, selector, text):
        element = self.css(selector)
        element.clear()
        element.send_keys(text)

    def block_ids(self):
        return [card.get_attribute("id") and (card.find_elements("css selector", "input[name=id]") or [None])[0]
                and card.find_element("css selector", "input[name=id]").get_attribute("value") or "(break)"
                for card in self.all("#blocks .block")]

    def starts(self):
        return [e.text for e in self.all("#blocks .block .start")]

    def shot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(SHOTS / f"{name}.png"))

    def save(self):
        self.css("#save").click()
        self.wait(lambda d: d.find_element("id", "message").text.startswith(("Saved", "Not saved")))


def test_finding_at_block(page, project):
    shipped = (project / "SessionPlans/active-listening.xml").read_text()
    head, blocks, _ = agenda_blocks(shipped)
    line = len(head) + len(blocks[0]) + 1  # the line of block 2's element, 1-based
    page.open("/")
    page.shot("plans")
    page.open("/plans/active-listening")
    page.shot("editor")
    check("Agenda adds up" in page.css("#criteria").text, "the rubric's lines are listed")
    page.checked_after(lambda: page.type_into("#block-1 input[name=minutes]", "0"))
    check(("invalid-minutes", line) in page.findings("block-1"),
          f"minutes=0 on block 2: invalid-minutes shows at block 2 (line {line}): {page.findings('block-1')}")
    others = [f for f in page.all_findings() if f[0] == "invalid-minutes" and f not in page.findings("block-1")]
    check(not others, "the finding shows nowhere else")
    page.shot("editor-finding")
    page.checked_after(lambda: page.type_into("#block-1 input[name=minutes]", "10"))
    check(page.findings("block-1") == [], "minutes fixed: the finding goes")
    check((project / "SessionPlans/active-listening.xml").read_text() == shipped, "nothing was saved")


def test_drag(page, project):
    from selenium.webdriver.common.action_chains import ActionChains
    path = project / "SessionPlans/first-meetings.xml"
    shipped = path.read_text()
    page.open("/plans/first-meetings")
    before = page.starts()
    ids = page.block_ids()
    handle = page.css("#block-0 .handle")
    target = page.css("#block-2")
    ActionChains(page.driver).click_and_hold(handle).pause(0.1) \
        .move_to_element_with_offset(target, 0, 2).pause(0.1) \
        .move_to_element_with_offset(target, 0, target.size["height"] // 2 - 2).pause(0.1) \
        .release().perform()
    page.wait(lambda d: page.starts() != before, what="start times to change")
    after = page.starts()
    check(after != before, f"dragging block 1 below block 3 changes the start times ({before[:3]} → {after[:3]})")
    expected = ids[1:3] + ids[:1] + ids[3:]
    check(page.block_ids() == expected, f"the blocks are in their new order ({page.block_ids()[:3]})")
    page.shot("editor-dragged")
    page.save()
    check(page.css("#message").text.startswith("Saved"), "saved after the drag")
    check(path.read_text() == moved(shipped, 0, 2),
          "the file on disk is the shipped file with block 1's lines moved after block 3, byte for byte")


def test_keyboard(page, project):
    from selenium.webdriver.common.keys import Keys
    path = project / "SessionPlans/goal-setting.xml"
    shipped = path.read_text()
    page.open("/plans/goal-setting")
    page.css("#block-1 button.down").send_keys(Keys.ENTER)
    page.wait(lambda d: d.switch_to.active_element.get_attribute("class") == "down")
    focused = page.driver.switch_to.active_element
    check(page.driver.execute_script("return arguments[0].closest('.card').id", focused) == "block-2",
          "Enter on ↓ moves the block down and focus follows it")
    page.driver.switch_to.active_element.send_keys(Keys.ENTER)
    time.sleep(0.3)
    # Ctrl+S saves, without the mouse.
    page.driver.switch_to.active_element.send_keys(Keys.CONTROL, "s")
    page.wait(lambda d: d.find_element("id", "message").text.startswith("Saved"))
    check(page.css("#message").text.startswith("Saved"), "Ctrl+S saves")
    check(path.read_text() == moved(shipped, 1, 3), "keyboard reorder saved: block 2's lines now after block 4")


def test_outside_edits(page, project):
    path = project / "SessionPlans/youth-safety.xml"
    shipped = path.read_text()
    page.open("/plans/youth-safety")
    outside = shipped.replace("<title>", "<title>Edited outside: ", 1)
    path.write_text(outside)
    page.wait(lambda d: page.css("#plan-fields input[name=title]").get_attribute("value").startswith("Edited outside"),
              timeout=8)
    check(page.css("#plan-fields input[name=title]").get_attribute("value").startswith("Edited outside: "),
          "a file changed on disk shows in the open page")
    # Now an unsaved edit in the page, and another edit outside.
    page.type_into("#plan-fields input[name=title]", "Edited in the page")
    outside2 = outside.replace("Edited outside: ", "Edited outside again: ", 1)
    time.sleep(0.1)
    path.write_text(outside2)
    time.sleep(2)
    page.save()
    check(page.css("#conflict").is_displayed(), "the save is refused and the conflict is shown")
    disk_shown = page.css("#conflict .disk-version").text
    mine_shown = page.css("#conflict .my-version").text
    check("Edited outside again: " in disk_shown and "Edited in the page" in mine_shown,
          "both versions are shown")
    check(path.read_text() == outside2, "the file on disk is unchanged by the refused save")
    page.shot("editor-conflict")
    page.css("#keep-mine").click()
    page.wait(lambda d: d.find_element("id", "message").text.startswith("Saved"))
    check("<title>Edited in the page</title>" in path.read_text(), "Keep mine writes the page's version")


def test_from_scratch(page, project, binary):
    from selenium.webdriver.support.ui import Select
    page.open("/")
    page.type_into("#new-id", "listening-basics")
    page.type_into("#new-title", "Listening basics")
    Select(page.css("#new-from")).select_by_value("blank")
    page.css("#new-create").click()
    page.wait(lambda d: "/plans/listening-basics" in d.current_url and d.find_elements("id", "plan-form"))
    time.sleep(0.3)
    check("/plans/listening-basics" in page.driver.current_url, "a new plan opens in the editor")

    def set_text(selector, text):
        page.checked_after(lambda: page.type_into(selector, text))

    def choose(selector, value):
        page.checked_after(lambda: Select(page.css(selector)).select_by_value(value))

    set_text("#plan-fields input[name=module]", "listening")
    set_text("#objective-0 textarea[name=text]", "Demonstrate reflective listening in a five-minute conversation.")
    page.css("#objectives .add").click()
    set_text("#objective-1 textarea[name=text]", "List three open questions to ask a mentee.")
    choose("#block-0 select[name=method]", "icebreaker")
    choose("#block-0 select[name=grouping]", "pairs")
    plan = [("demonstration", "10", "", ["o1"]), ("role-play", "20", "triads", ["o1", "o2"]),
            ("discussion", "10", "", ["o2"]), ("reflection", "10", "individual", ["o1"])]
    for index, (method, minutes, grouping, serves) in enumerate(plan, start=1):
        page.css("#agenda .add-activity").click()
        choose(f"#block-{index} select[name=method]", method)
        set_text(f"#block-{index} input[name=minutes]", minutes)
        if grouping:
            choose(f"#block-{index} select[name=grouping]", grouping)
        for objective in serves:
            page.checked_after(lambda: page.css(f"#block-{index} input[name=serves][value={objective}]").click())
    page.css("#evaluation .add").click()
    set_text("#measure-0 textarea[name=text]", "Exit card: one thing I will try with my mentee")
    time.sleep(0.5)
    shown = page.all_findings()
    verdict = page.css("#verdict").text
    page.shot("editor-from-scratch")
    page.save()
    check(page.css("#message").text.startswith("Saved"), "the plan made from scratch is saved")
    result = subprocess.run([binary, "check", "SessionPlans/listening-basics.xml"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    found = sorted((m.group(2), int(m.group(1))) for m in
                   re.finditer(r"^SessionPlans/listening-basics\.xml:(\d+):\d+: \w+: .*\[([a-z0-9-]+)\]$",
                               result.stdout, re.M))
    check(result.returncode == 0, f"trainplan check passes the plan (exit {result.returncode}; editor said {verdict})")
    check(verdict == "pass", f"the editor said pass: {shown}")
    check(found == shown, f"check's findings are the editor's: {found} vs {shown}")


def test_duplicate_delete(page, project):
    page.open("/plans/mentor-circle")
    page.css("#duplicate").click()
    page.type_into("#duplicate-id", "circle-evening")
    page.css("#duplicate-yes").click()
    page.wait(lambda d: "/plans/circle-evening" in d.current_url)
    time.sleep(0.3)
    copy = project / "SessionPlans/circle-evening.xml"
    original = (project / "SessionPlans/mentor-circle.xml").read_text()
    check(copy.exists() and copy.read_text() == original.replace('id="mentor-circle"', 'id="circle-evening"', 1),
          "Duplicate writes the plan under the new id, otherwise byte for byte")
    page.css("#delete").click()
    check(page.css("#confirm-delete").is_displayed() and copy.exists(), "Delete asks first and deletes nothing yet")
    page.css("#delete-no").click()
    check(copy.exists(), "Keep it keeps it")
    page.css("#delete").click()
    page.css("#delete-yes").click()
    page.wait(lambda d: d.current_url.rstrip("/") == page.base)
    check(not copy.exists(), "Delete the plan deletes the file")
    check("circle-evening" not in page.driver.page_source, "and the plans page no longer lists it")


def test_term(page, project):
    page.open("/term")
    page.shot("term")
    check(len(page.all("div.schedule table tbody tr")) > 0, "the term page shows the schedule")
    check(len(page.all("a.feed")) > 0, "the term page links each calendar feed")
    feed = page.all("a.feed")[0].get_attribute("href")
    import urllib.request
    with urllib.request.urlopen(feed, timeout=30) as answer:
        body = answer.read().decode()
        kind = answer.headers.get("Content-Type", "")
    check(body.startswith("BEGIN:VCALENDAR\r\n") and kind.startswith("text/calendar"),
          f"a calendar feed is served as text/calendar at a stable address ({feed})")
    page.open("/term")
    from selenium.webdriver.support.ui import Select
    trainer = Select(page.css("#away-trainer"))
    trainer.select_by_index(1)
    chosen = trainer.first_selected_option.get_attribute("value")
    # A date input takes what its picker gives; typing a date depends on the browser's locale.
    for field, attribute in (("#away-from", "data-first"), ("#away-to", "data-last")):
        element = page.css(field)
        page.driver.execute_script("arguments[0].value = arguments[1]", element, element.get_attribute(attribute))
    page.type_into("#away-reason", "Conference")
    page.css("#what-if").click()
    page.wait(lambda d: d.find_elements("css selector", "#replan .change, #replan .no-change"), timeout=60)
    page.shot("term-what-if")
    changes = page.all("#replan .change")
    check(len(changes) > 0, f"marking {chosen} away for the whole term shows changes before they are applied")
    assignments = project / "out" / "assignments.xml"
    check(not assignments.exists(), "nothing is written before applying")
    page.css("#apply").click()
    page.wait(lambda d: d.find_element("id", "term-message").text.startswith(("Applied", "Not applied")), timeout=60)
    check(page.css("#term-message").text.startswith("Applied"), "applying says so")
    check(assignments.exists(), "applying writes out/assignments.xml")
    roster = (project / "Rosters/trainers.xml").read_text()
    check('>Conference</away>' in roster, "applying adds the time off to the roster")
    # The command line, asked the same with what was written, writes the same bytes.
    again = project / "out-again"
    result = subprocess.run([BINARY[0], "schedule", "--term", "Rosters/spring-2027.xml", "--previous",
                             "out/assignments.xml", "--out", str(again)], cwd=project, capture_output=True,
                            text=True, timeout=300)
    check(result.returncode in (0, 1), f"trainplan schedule --previous runs ({result.returncode}: {result.stderr[-200:]})")
    for name in ("assignments.xml", "coverage.md", "schedule.csv"):
        check((again / name).read_bytes() == (project / "out" / name).read_bytes(),
              f"applying wrote out/{name} exactly as trainplan schedule --previous does")


def test_delivery_log(page, project):
    """A trainer logs al-east-1 in the form: the role-play skipped for time; the saved log's
    fidelity shows the lost practice share, as `trainplan fidelity` does."""
    page.open("/term")
    page.css("#delivery-logs summary").click()
    page.css('a[href="/deliveries/al-east-1"]').click()
    page.wait(lambda d: d.find_elements("id", "log-form"))
    from selenium.webdriver.support.ui import Select
    page.type_into("#log-trainers", "mia")
    page.type_into("#log-attendance", "9")
    row = page.css('tr.log-row[data-id="practice"]')
    Select(row.find_element("css selector", ".log-skipped")).select_by_value("time")
    check(not row.find_element("css selector", ".log-minutes").is_enabled(),
          "a skipped activity's minutes cannot be typed")
    # More worked examples instead, delivered right after the skipped triads: added, then moved up
    # to its place with the arrow buttons (the rows are the log's order).
    page.css("#log-add").click()
    added = page.all('tr.log-row[data-kind="added"]')[-1]
    added.find_element("css selector", ".log-id").send_keys("more-examples")
    Select(added.find_element("css selector", ".log-method")).select_by_value("mini-lecture")
    added.find_element("css selector", ".log-minutes").send_keys("10")
    Select(added.find_element("css selector", ".log-reason")).select_by_value("participant-need")
    for _ in range(4):
        added.find_element("css selector", ".log-up").click()
    order = [r.get_attribute("data-id") or r.get_attribute("data-kind") for r in page.all("tr.log-row")]
    check(order[:5] == ["welcome", "model", "practice", "added", "break"], f"the added row moved up ({order})")
    page.type_into("#log-notes", "The triads never ran: <no time>.")
    page.css("#log-save").click()
    page.wait(lambda d: d.find_elements("css selector", "#log-summary, #log-error"), timeout=30)
    page.driver.execute_script("document.getElementById('log-result').scrollIntoView()")
    page.shot("delivery-log")
    errors = page.all("#log-error")
    check(not errors, f"the log saves ({errors[0].text if errors else ''})")
    summary = page.css("#log-summary").text
    check(summary == "planned 31% practice, delivered 0%; planned 88% interactive, delivered 69%",
          f"the lost practice share is shown ({summary})")
    lost = [li.text for li in page.all("#log-lost li")]
    check(any("[practice-share]" in line for line in lost), f"the failed practice criterion is listed ({lost})")
    written = project / "Records/deliveries/al-east-1.xml"
    check(written.exists(), "the form wrote Records/deliveries/al-east-1.xml")
    text = written.read_text()
    check('<activity id="practice" skipped="time"/>' in text and "&lt;no time&gt;" in text,
          "the log holds the skip and the escaped notes")
    check(text.index('id="practice"') < text.index('<added id="more-examples" method="mini-lecture"')
          < text.index("<break"), "the added activity is written where it was delivered")
    result = subprocess.run([BINARY[0], "fidelity", "--out", "out-fidelity"], cwd=project, capture_output=True,
                            text=True, timeout=300)
    check("al-east-1: " + summary in result.stdout,
          f"trainplan fidelity says the same of the saved log ({result.stdout[-300:]})")


def test_guard(base):
    host, port = base.replace("http://", "").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", "/", headers={"Host": f"attacker.example:{port}"})
    check(connection.getresponse().status == 421, "a foreign Host is refused (421)")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("POST", "/api/plans/active-listening/check", body="{}",
                       headers={"Content-Type": "application/json"})
    check(connection.getresponse().status == 403, "a change without the page's token is refused (403)")


def main():
    if len(sys.argv) < 2:
        die("usage: workspace.py TRAINPLAN_BINARY [--keep]")
    binary = os.path.abspath(sys.argv[1])
    BINARY.append(binary)
    chromium, driver_path = find_browser()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="trainplan-workspace-"))
    for name in ("SessionPlans", "Rubrics", "Rosters"):
        shutil.copytree(REPO / name, folder / name)
    server, base = serve(binary, folder)
    driver = start_browser(chromium, driver_path)
    page = Page(driver, base)
    try:
        tests = [("finding at a block", lambda: test_finding_at_block(page, folder)),
                 ("drag and drop", lambda: test_drag(page, folder)),
                 ("keyboard reorder", lambda: test_keyboard(page, folder)),
                 ("edits from outside", lambda: test_outside_edits(page, folder)),
                 ("a plan from scratch", lambda: test_from_scratch(page, folder, binary)),
                 ("duplicate and delete", lambda: test_duplicate_delete(page, folder)),
                 ("a delivery log", lambda: test_delivery_log(page, folder)),
                 ("the term", lambda: test_term(page, folder)),
                 ("the guard", lambda: test_guard(base))]
        only = os.environ.get("ONLY")
        for name, test in tests:
            if only and only not in name:
                continue
            print(f"-- {name}")
            try:
                test()
            except Exception as error:
                check(False, f"{name}: {type(error).__name__}: {error}")
                page.shot("failed-" + name.replace(" ", "-"))
        logs = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"
                and "status of 409" not in entry.get("message", "")]
        check(not logs, f"no errors in the browser console ({logs[:3]})")
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if "--keep" in sys.argv:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    if failures:
        print(f"workspace.py: {len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print(f"workspace.py: all checks passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
