#!/usr/bin/env python3
"""Counts JUnit XML results (gtest, lit, fuzz smoke) and prints
'N passed, N failed, N skipped', after naming every skipped lit test and why
(from its REQUIRES / UNSUPPORTED lines)."""
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Why a lit feature skips a test (see test/lit.cfg.py).
WHY = {
    ("REQUIRES", "corpus"): "the shared real-IR corpus (../shared/corpus) is not on this machine",
    ("REQUIRES", "mpi"): "mpirun or clang-22 not found (scripts/setup.sh installs mpich and clang-22)",
    ("REQUIRES", "chromium"): "chromium not found (apt-get install chromium): the plan "
                              "picture is not rendered",
    ("REQUIRES", "clang-format"): "clang-format-22 not found (scripts/setup.sh installs it)",
    ("UNSUPPORTED", "sanitizers"): "not run in the sanitizer build",
}


def features(build_dir):
    """The lit features of that build, as test/lit.cfg.py recorded them."""
    try:
        with open(os.path.join(build_dir, "test", "lit-features.txt")) as f:
            return set(f.read().split())
    except OSError:
        return set()


def skip_reason(classname, name, have):
    """The REQUIRES / UNSUPPORTED lines of a lit test that apply, explained."""
    suite, _, folder = classname.partition(".")
    path = os.path.join(ROOT, "test", folder, name)
    reasons = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"\s*//\s*(REQUIRES|UNSUPPORTED):\s*(.*)", line)
                if not m:
                    continue
                for feature in re.split(r"\s*,\s*", m.group(2).strip()):
                    applies = (feature not in have) if m.group(1) == "REQUIRES" \
                        else (feature in have)
                    if not applies:
                        continue
                    reasons.append(WHY.get((m.group(1), feature),
                                           "%s: %s" % (m.group(1), feature)))
    except OSError:
        pass
    why = explanation(path)
    if why and reasons:
        reasons[-1] += " " + why
    return "; ".join(reasons) or "no REQUIRES/UNSUPPORTED line found"


def explanation(path):
    """The '// (...)' comment right after the test's REQUIRES/UNSUPPORTED
    lines, which says why it is skipped; empty when there is none."""
    text, after_directive, inside = [], False, False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                body = line.strip()
                if not body.startswith("//"):
                    break
                body = body[2:].strip()
                if re.match(r"(REQUIRES|UNSUPPORTED):", body):
                    after_directive = True
                    continue
                if after_directive and body.startswith("("):
                    inside = True
                if not inside:
                    if after_directive:
                        break
                    continue
                text.append(body)
                if body.endswith(")"):
                    break
    except OSError:
        return ""
    return " ".join(text)


passed = failed = skipped = 0
skips = []
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        print(f"cannot read {path}: {err}")
        failed += 1
        continue
    build_dir = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    build = os.path.basename(build_dir)
    have = features(build_dir)
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or case.get("result") == "skipped":
            skipped += 1
            classname = case.get("classname", "")
            name = case.get("name", "")
            folder = classname.partition(".")[2]
            skips.append("  %s: test/%s/%s: %s" % (build, folder, name,
                                                   skip_reason(classname, name, have)))
        else:
            passed += 1
if skips:
    print("skipped tests:")
    for line in skips:
        print(line)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
