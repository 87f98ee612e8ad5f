#!/usr/bin/env python3
"""The agenda timelines as a real browser draws them.

Copies the repository's shipped project (SessionPlans/, Rubrics/, Rosters/) into a temporary
folder, writes the review page (`trainplan check SessionPlans --format html`) and one agenda page
per plan (`trainplan agenda SessionPlans/PLAN.xml --format html`), opens each page in headless
Chromium at two window widths (one where the 1000-unit timeline is drawn at scale 1, one where
`max-width:100%` shrinks it) and, for every `svg.timeline`, checks that each block `<rect>` is
drawn where its `x` and `width` attributes say: the rect's getBoundingClientRect(), taken
relative to the svg's drawing area and divided by the svg's scale (rendered width / viewBox
width), must agree with the attribute values within 0.5 CSS px. A number that SVG cannot read
(`x="255."`) makes Chromium fall back to 0, so such a block is reported as drawn at the wrong
place. Every geometry attribute in a timeline must also match the SVG number grammar.

Usage: svg_positions.py TRAINPLAN_BINARY [--keep]
Exit status: 0 all blocks in place, 1 a block is misplaced or a page has nothing to check,
2 trainplan or the browser could not be run, 77 Chromium, chromedriver or selenium is missing
(a loud `SKIPPED:` line says which; the caller decides whether that is acceptable).
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
PROJECT_FOLDERS = ("SessionPlans", "Rubrics", "Rosters")
WINDOW_WIDTHS = (1280, 640)  # 1280: the svg at its 1000 px; 640: shrunk by max-width:100%
TOLERANCE_PX = 0.5
SVG_NUMBER = re.compile(r"^[+-]?([0-9]+|[0-9]*\.[0-9]+)([eE][+-]?[0-9]+)?$")
GEOMETRY_ATTRIBUTES = ("x", "y", "width", "height", "rx", "ry", "x1", "y1", "x2", "y2",
                       "cx", "cy", "r")
SKIP_STATUS = 77

# Collects, for every svg.timeline on the page, its drawing area and every rect in it, with
# whether the rect is a drawn block (not inside defs/pattern/etc.) and its rendered box.
COLLECT_JS = r"""
const out = [];
const svgs = document.querySelectorAll('svg.timeline');
svgs.forEach((svg, index) => {
  const box = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
  const left = box.left + px('border-left-width') + px('padding-left');
  const top = box.top + px('border-top-width') + px('padding-top');
  const width = box.width - px('border-left-width') - px('padding-left')
                          - px('border-right-width') - px('padding-right');
  const height = box.height - px('border-top-width') - px('padding-top')
                            - px('border-bottom-width') - px('padding-bottom');
  const geometry = [];
  svg.querySelectorAll('*').forEach((el) => {
    for (const name of arguments[0]) {
      if (el.hasAttribute(name)) {
        geometry.push({tag: el.tagName, name: name, value: el.getAttribute(name)});
      }
    }
  });
  const rects = [];
  svg.querySelectorAll('rect').forEach((rect, rectIndex) => {
    const r = rect.getBoundingClientRect();
    const group = rect.closest('g');
    const title = group && group.querySelector(':scope > title');
    rects.push({
      index: rectIndex,
      block: !rect.closest('defs, pattern, clipPath, mask, marker, symbol'),
      x: rect.getAttribute('x'),
      width: rect.getAttribute('width'),
      markup: rect.outerHTML,
      title: title ? title.textContent : '',
      left: r.left, right: r.right, renderedWidth: r.width,
    });
  });
  out.push({
    index: index,
    label: svg.getAttribute('aria-label') || '',
    viewBox: svg.getAttribute('viewBox'),
    svgWidth: svg.getAttribute('width'),
    svgHeight: svg.getAttribute('height'),
    preserveAspectRatio: svg.getAttribute('preserveAspectRatio') || 'xMidYMid meet',
    left: left, top: top, width: width, height: height,
    geometry: geometry,
    rects: rects,
  });
});
return out;
"""


def skip(reason):
    print(f"SKIPPED: {reason} -- the headless-Chromium SVG position test did NOT run",
          flush=True)
    sys.exit(SKIP_STATUS)


def die(message, status=2):
    print(f"svg_positions: {message}", file=sys.stderr, flush=True)
    sys.exit(status)


def find_browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        skip("python module 'selenium' is not installed (pip install selenium)")
    chromium = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome",
                                        "google-chrome-stable")) if p), None)
    if not chromium or not os.access(chromium, os.X_OK):
        skip("chromium not found (apt-get install -y chromium chromium-driver, or set CHROMIUM)")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or next(
        (p for p in ("/usr/lib/chromium/chromedriver",) if os.access(p, os.X_OK)), None)
    if not driver or not os.access(driver, os.X_OK):
        skip("chromedriver not found (apt-get install -y chromium-driver, or set CHROMEDRIVER)")
    return chromium, driver


def start_browser(chromium, driver_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1",
                 f"--window-size={WINDOW_WIDTHS[0]},1000"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except Exception as error:  # a broken install is an error, not a skip
        die(f"could not start headless Chromium ({chromium}) with {driver_path}: {error}")
    driver.set_page_load_timeout(60)
    return driver


def run(binary, arguments, cwd, allowed):
    result = subprocess.run([binary, *arguments], cwd=cwd, capture_output=True, text=True,
                            timeout=300)
    if result.returncode not in allowed:
        die(f"'trainplan {' '.join(arguments)}' exited {result.returncode} "
            f"(expected {' or '.join(map(str, allowed))}):\n{result.stderr.strip()[-2000:]}")


def write_pages(binary, folder):
    """Writes the review page and one agenda page per plan; returns their paths."""
    for name in PROJECT_FOLDERS:
        source = REPO / name
        if not source.is_dir():
            die(f"{source} is missing: the shipped project is needed")
        shutil.copytree(source, folder / name)
    # Exit 1 is expected: three shipped plans are weak on purpose.
    run(binary, ["check", "SessionPlans", "--format", "html", "--output", "review.html"],
        folder, (0, 1))
    pages = [folder / "review.html"]
    plans = sorted((folder / "SessionPlans").glob("*.xml"))
    if not plans:
        die("no plans in SessionPlans/")
    for plan in plans:
        page = f"{plan.stem}.html"
        run(binary, ["agenda", f"SessionPlans/{plan.name}", "--format", "html", "--output", page],
            folder, (0,))
        pages.append(folder / page)
    for page in pages:
        if not page.is_file() or page.stat().st_size == 0:
            die(f"trainplan did not write {page.name}")
    return pages


def drawing_transform(svg):
    """Scale and offset (rendered px per viewBox unit, and where viewBox x=0 lands) along x."""
    view_box = svg["viewBox"]
    if view_box:
        parts = re.split(r"[\s,]+", view_box.strip())
        vb_x, vb_y, vb_w, vb_h = (float(p) for p in parts)
    else:  # no viewBox: user units are the svg's own width/height attributes
        vb_x, vb_y = 0.0, 0.0
        vb_w, vb_h = float(svg["svgWidth"]), float(svg["svgHeight"])
    scale_x = svg["width"] / vb_w
    scale_y = svg["height"] / vb_h
    align, _, meet_or_slice = svg["preserveAspectRatio"].strip().partition(" ")
    scale, offset = scale_x, 0.0
    if align != "none" and abs(scale_x - scale_y) > 1e-6:
        # meet: the whole viewBox fits; slice: it covers. Then align along x.
        scale = max(scale_x, scale_y) if meet_or_slice.strip() == "slice" else min(scale_x,
                                                                                  scale_y)
        spare = svg["width"] - vb_w * scale
        offset = {"xMin": 0.0, "xMid": spare / 2, "xMax": spare}.get(align[:4], spare / 2)
    return scale, svg["left"] + offset - vb_x * scale


def describe(page, width, svg, rect):
    what = rect["title"] or rect["markup"][:120]
    return (f"{page} @{width}px, timeline {svg['index'] + 1} ({svg['label'] or 'no label'}), "
            f"rect {rect['index'] + 1} [{what}]")


def check_page(driver, page, width, problems, grammar_problems):
    """Returns (timelines, blocks checked, scales seen) on one page at one window width."""
    driver.set_window_size(width, 1000)
    driver.get(page.as_uri())
    svgs = driver.execute_script(COLLECT_JS, list(GEOMETRY_ATTRIBUTES))
    blocks = 0
    scales = set()
    for svg in svgs:
        for attribute in svg["geometry"]:
            if not SVG_NUMBER.match(attribute["value"]) and width == WINDOW_WIDTHS[0]:
                grammar_problems.append(
                    f"{page.name}: timeline {svg['index'] + 1} ({svg['label']}): "
                    f"<{attribute['tag']} {attribute['name']}=\"{attribute['value']}\"> "
                    f"is not an SVG number")
        if svg["width"] <= 0 or svg["height"] <= 0:
            problems.append(f"{page.name} @{width}px: timeline {svg['index'] + 1} "
                            f"({svg['label']}) is not rendered (its box is "
                            f"{svg['width']:.1f} x {svg['height']:.1f} px)")
            continue
        try:
            scale, origin = drawing_transform(svg)
        except (TypeError, ValueError, ZeroDivisionError) as error:
            problems.append(f"{page.name}: timeline {svg['index'] + 1}: unreadable viewBox "
                            f"{svg['viewBox']!r} / size: {error}")
            continue
        scales.add(round(scale, 3))
        for rect in svg["rects"]:
            if not rect["block"]:
                continue  # a pattern tile and the like: not drawn where it stands
            where = describe(page.name, width, svg, rect)
            try:
                x = float(rect["x"]) if rect["x"] is not None else 0.0  # SVG default: 0
                w = float(rect["width"])
            except (TypeError, ValueError):
                problems.append(f"{where}: x={rect['x']!r} width={rect['width']!r} "
                                f"are not numbers")
                continue
            blocks += 1
            drawn_x = rect["left"] - origin
            drawn_w = rect["renderedWidth"]
            if abs(drawn_x - x * scale) > TOLERANCE_PX:
                problems.append(
                    f"{where}: drawn at x={drawn_x / scale + 0.0:.2f} but its x attribute is "
                    f"\"{rect['x']}\" ({abs(drawn_x - x * scale):.2f} px off at scale "
                    f"{scale:.3f})")
            if abs(drawn_w - w * scale) > TOLERANCE_PX:
                problems.append(
                    f"{where}: drawn {drawn_w / scale + 0.0:.2f} wide but its width attribute is "
                    f"\"{rect['width']}\" ({abs(drawn_w - w * scale):.2f} px off at scale "
                    f"{scale:.3f})")
    return len(svgs), blocks, scales


def main():
    arguments = [a for a in sys.argv[1:] if a != "--keep"]
    keep = "--keep" in sys.argv[1:]
    if len(arguments) != 1:
        die("usage: svg_positions.py TRAINPLAN_BINARY [--keep]", 64)
    binary = os.path.abspath(arguments[0])
    if not os.access(binary, os.X_OK):
        die(f"{binary} is not an executable trainplan binary")
    chromium, driver_path = find_browser()

    started = time.monotonic()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="trainplan-svg-"))
    problems = []  # blocks drawn at the wrong place, pages with nothing to check
    grammar_problems = []  # attribute values that are not SVG numbers (once per page)
    try:
        pages = write_pages(binary, folder)
        driver = start_browser(chromium, driver_path)
        try:
            for page in pages:
                counts = []
                for width in WINDOW_WIDTHS:
                    timelines, blocks, scales = check_page(driver, page, width, problems,
                                                          grammar_problems)
                    counts.append((width, timelines, blocks,
                                   "/".join(f"{s:g}" for s in sorted(scales)) or "-"))
                    if timelines == 0:
                        problems.append(f"{page.name} @{width}px: no svg.timeline on the page")
                    elif blocks == 0:
                        problems.append(f"{page.name} @{width}px: {timelines} timelines but "
                                        f"no block rect to check")
                print(f"{page.name}: " + "; ".join(
                    f"@{w}px {t} timelines, {b} blocks checked (scale {s})"
                    for w, t, b, s in counts), flush=True)
        finally:
            driver.quit()
    finally:
        if keep:
            print(f"svg_positions: pages kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    elapsed = time.monotonic() - started
    if problems or grammar_problems:
        sections = (("blocks drawn at the wrong place (or pages with nothing to check)", problems),
                    ("attribute values that are not SVG numbers", grammar_problems))
        for heading, found in sections:
            if not found:
                continue
            print(f"\nFAIL: {len(found)} {heading}:", file=sys.stderr)
            for problem in found[:100]:
                print(f"  {problem}", file=sys.stderr)
            if len(found) > 100:
                print(f"  ... and {len(found) - 100} more", file=sys.stderr)
        print(f"svg_positions: FAILED: {len(problems)} misplaced or unchecked, "
              f"{len(grammar_problems)} bad numbers on {len(pages)} pages ({elapsed:.1f}s)",
              file=sys.stderr)
        sys.exit(1)
    print(f"svg_positions: every block on {len(pages)} pages drawn where its attributes say "
          f"(within {TOLERANCE_PX} px) ({elapsed:.1f}s)")


if __name__ == "__main__":
    main()
