#!/usr/bin/env python3
"""Measure site builds and print the build benchmark's tables.

  measure.py run   --log LOG --site S --place P --case C --engine E --rep N
                   --out DIR [--exclude NAME] [--cwd DIR] [--cmd-log FILE] -- COMMAND...
  measure.py probe --log LOG --place P DIR [--count 21000] [--remove]
  measure.py site  --log LOG NAME DIR
  measure.py settle --log LOG DIR [--quiet 3] [--timeout 120]
  measure.py table LOG

`run` runs COMMAND under /usr/bin/time -v and appends one JSON line to LOG:
wall (elapsed), CPU (user + system), peak RSS (maximum resident set size of
the command or of its largest descendant, as getrusage reports it) and the
size of the output folder DIR after the run (regular files, apparent bytes,
and their count; top-level entries named by --exclude are left out). The
command's own output goes to --cmd-log. A failing command fails the run.

`probe` times creating COUNT folders with one 8 KiB index.html in each under
DIR (which must not exist): how fast the file system takes a site-shaped tree.

`site` counts a site's articles and topics (content/articles/**.md,
content/topics/**.md without _index.md of sections) for the table headings.

`settle` runs `sync`, then waits until the block device that holds DIR has
been idle (busy less than 5% of the time, from io_ticks in
/sys/class/block/DEV/stat) for --quiet seconds in a row, or --timeout
seconds have passed, and logs how long it waited: deletions and write-back
keep a disk busy long after the command that caused them has exited.

`table` prints, per site, place and case, the median of each engine's runs
with the spread (min-max), "hugo+pagefind" (per repetition: wall and CPU
added, peak RSS the larger, output added), the ratios to topichub, and the
issue's targets checked against the measured medians. Every figure comes from
LOG. Standard library only.
"""
import argparse, json, os, re, resource, statistics, subprocess, sys, time

MiB = 1024 * 1024


def parse_time_v(text):
    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", text, re.M)
        if not m:
            raise SystemExit(f"measure.py: no '{name}' in /usr/bin/time output:\n{text}")
        return m.group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return {"wall": wall, "user": float(field("User time (seconds)")), "sys": float(field("System time (seconds)")),
            "rss_kb": int(field("Maximum resident set size (kbytes)")), "exit": int(field("Exit status"))}


def tree_size(path, exclude=()):
    files = size = 0
    if not os.path.isdir(path):
        return 0, 0
    with os.scandir(path) as top:
        roots = [e.path for e in top if e.name not in exclude]
    for root in roots:
        if os.path.isfile(root) and not os.path.islink(root):
            files += 1
            size += os.stat(root).st_size
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                st = os.lstat(os.path.join(folder, name))
                if not os.path.islink(os.path.join(folder, name)):
                    files += 1
                    size += st.st_size
    return files, size


def append(log, record):
    with open(log, "a") as f:
        f.write(json.dumps(record) + "\n")


def cmd_run(a):
    if not a.command:
        raise SystemExit("measure.py run: no command")
    command = a.command[1:] if a.command[0] == "--" else a.command
    timing = a.log + ".time"
    cmd_log = open(a.cmd_log, "w") if a.cmd_log else subprocess.DEVNULL
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", timing, *command], cwd=a.cwd,
                              stdout=cmd_log, stderr=subprocess.STDOUT if a.cmd_log else subprocess.DEVNULL)
    finally:
        if a.cmd_log:
            cmd_log.close()
    with open(timing) as f:
        t = parse_time_v(f.read())
    os.remove(timing)
    if proc.returncode != 0 or t["exit"] != 0:
        tail = open(a.cmd_log).read()[-3000:] if a.cmd_log else ""
        raise SystemExit(f"measure.py: {' '.join(command)} failed (exit {proc.returncode}):\n{tail}")
    files, size = tree_size(a.out, a.exclude)
    record = {"type": "run", "site": a.site, "place": a.place, "case": a.case, "engine": a.engine, "rep": a.rep,
              **t, "cpu": round(t["user"] + t["sys"], 2), "out_bytes": size, "out_files": files,
              "load": os.getloadavg()[0], "time": time.strftime("%H:%M:%S"), "cmd": command}
    append(a.log, record)
    print(f"   {a.site:<14} {a.place:<5} {a.case:<8} {a.engine:<9} #{a.rep}: {t['wall']:6.2f} s wall, "
          f"{record['cpu']:6.2f} s CPU, {t['rss_kb'] / 1024:7.0f} MiB peak, {size / MiB:7.1f} MiB in {files} files",
          file=sys.stderr)


def cmd_probe(a):
    if os.path.exists(a.dir):
        raise SystemExit(f"measure.py probe: {a.dir} exists; give a fresh path")
    page = (b"<!doctype html><title>probe</title>" + b"x" * 8192)[:8192]
    os.makedirs(a.dir)
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for i in range(a.count):
        folder = os.path.join(a.dir, f"p{i:06d}")
        os.mkdir(folder)
        with open(os.path.join(folder, "index.html"), "wb") as f:
            f.write(page)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    record = {"type": "probe", "place": a.place, "count": a.count, "wall": round(wall, 3), "cpu": round(cpu, 3),
              "load": os.getloadavg()[0], "time": time.strftime("%H:%M:%S"), "dir": a.dir}
    append(a.log, record)
    print(f"   probe {a.place}: {a.count} folders + files in {wall:.2f} s, {cpu:.2f} s CPU ({a.dir})", file=sys.stderr)
    if a.remove:
        subprocess.run(["rm", "-rf", a.dir], check=True)


def block_device(path):
    """The /sys/class/block entry of the device holding PATH, or None (tmpfs, overlay...)."""
    dev = os.stat(path).st_dev
    name = f"{os.major(dev)}:{os.minor(dev)}"
    for entry in os.listdir("/sys/class/block"):
        try:
            with open(f"/sys/class/block/{entry}/dev") as f:
                if f.read().strip() == name:
                    return entry
        except OSError:
            pass
    return None


def cmd_settle(a):
    start = time.perf_counter()
    subprocess.run(["sync"], check=True)
    device = block_device(a.dir)
    quiet_for, calm = 0.0, device is None
    if device:
        def ticks():
            with open(f"/sys/class/block/{device}/stat") as f:
                return int(f.read().split()[9])
        last, last_t = ticks(), time.perf_counter()
        while time.perf_counter() - start < a.timeout:
            time.sleep(0.5)
            now, now_t = ticks(), time.perf_counter()
            busy = (now - last) / max(1.0, (now_t - last_t) * 1000)
            last, last_t = now, now_t
            quiet_for = quiet_for + 0.5 if busy < 0.05 else 0.0
            if quiet_for >= a.quiet:
                calm = True
                break
    waited = time.perf_counter() - start
    append(a.log, {"type": "settle", "dir": a.dir, "device": device, "waited": round(waited, 1), "calm": calm,
                   "time": time.strftime("%H:%M:%S")})
    if waited > a.quiet + 2 or not calm:
        print(f"   waited {waited:.0f} s for {device or a.dir} to settle" + ("" if calm else " (still busy)"),
              file=sys.stderr)


def cmd_site(a):
    def count(sub):
        n = 0
        for folder, _, names in os.walk(os.path.join(a.dir, "content", sub)):
            n += sum(1 for x in names if x.endswith(".md"))
        return n
    files, size = tree_size(os.path.join(a.dir, "content"))
    append(a.log, {"type": "site", "site": a.name, "articles": count("articles"), "topics": count("topics"),
                   "content_bytes": size, "dir": a.dir})


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt(x, digits=2):
    return f"{x:.{digits}f}" if x == x else "-"


def cell(xs, digits=2):
    """The median, and (min–max) when there is more than one figure."""
    text = fmt(median(xs), digits)
    return text + (f" ({fmt(min(xs), digits)}–{fmt(max(xs), digits)})" if len(xs) > 1 else "")


def cmd_table(a):
    records = [json.loads(l) for l in open(a.log) if l.strip()]
    sites = {r["site"]: r for r in records if r["type"] == "site"}
    runs = [r for r in records if r["type"] == "run"]
    probes = [r for r in records if r["type"] == "probe"]
    print("Wall and CPU (user + system; sys: the system part) in seconds, peak RSS in MiB (/usr/bin/time -v), output in MiB of")
    print("regular files (Hugo's without pagefind/; Pagefind's: pagefind/). Each cell: median (min–max).")
    print("× = the figure divided by topichub's. hugo+pagefind: per repetition, wall and CPU added, peak")
    print("RSS the larger of the two, output added; then the median.")
    groups = []
    for r in runs:
        key = (r["site"], r["place"], r["case"])
        if key not in groups:
            groups.append(key)
    targets = []
    for site, place, case in groups:
        rs = [r for r in runs if (r["site"], r["place"], r["case"]) == (site, place, case)]
        by = {}
        for r in rs:
            by.setdefault(r["engine"], {})[r["rep"]] = r
        if "hugo" in by and "pagefind" in by:
            both = {}
            for rep in sorted(set(by["hugo"]) & set(by["pagefind"])):
                h, p = by["hugo"][rep], by["pagefind"][rep]
                both[rep] = {"wall": h["wall"] + p["wall"], "cpu": h["cpu"] + p["cpu"], "sys": h["sys"] + p["sys"],
                             "rss_kb": max(h["rss_kb"], p["rss_kb"]), "out_bytes": h["out_bytes"] + p["out_bytes"],
                             "out_files": h["out_files"] + p["out_files"]}
            by["hugo+pagefind"] = both
        s = sites.get(site, {})
        n = len(by.get("topichub", {}))
        what = {"shm": "/dev/shm (RAM disk)", "disk": "disk"}.get(place, place)
        how = {"fresh": "fresh output folder", "rebuild": "rebuild over the previous output, itself a rebuild"}.get(case, case)
        print()
        heading = f"## {site}"
        if s:
            heading += f" ({s['articles']:,} articles, {s['topics']:,} topics)"
        print(f"{heading} — into {what}, {how} — {n} run{'s' if n != 1 else ''}")
        header = (f"{'engine':<14} {'wall s':>18} {'×':>6} {'CPU s':>18} {'×':>6} {'sys s':>6} {'peak RSS MiB':>14} {'×':>6} "
                  f"{'output MiB':>11} {'×':>6} {'files':>7}")
        print(header)
        print("-" * len(header))
        med = {}
        for engine in ["topichub", "hugo", "pagefind", "hugo+pagefind"] + sorted(
                e for e in by if e not in ("topichub", "hugo", "pagefind", "hugo+pagefind")):
            if engine not in by:
                continue
            vals = list(by[engine].values())
            col = {k: [v[k] for v in vals] for k in ("wall", "cpu", "sys", "rss_kb", "out_bytes", "out_files")}
            med[engine] = {k: median(v) for k, v in col.items()}
            base = med.get("topichub")

            def ratio(k):
                return f"{med[engine][k] / base[k]:.2f}" if base and base[k] else "-"
            rss = [x / 1024 for x in col["rss_kb"]]
            print(f"{engine:<14} {cell(col['wall']):>18} {ratio('wall'):>6} {cell(col['cpu']):>18} {ratio('cpu'):>6} "
                  f"{fmt(median(col['sys'])):>6} "
                  f"{cell(rss, 0):>14} {ratio('rss_kb'):>6} "
                  f"{fmt(med[engine]['out_bytes'] / MiB, 1):>11} {ratio('out_bytes'):>6} {int(med[engine]['out_files']):>7}")
        loads = [r["load"] for r in rs]
        print(f"load average (1 min) at the end of these runs: {min(loads):.2f}–{max(loads):.2f}")
        t, h = med.get("topichub"), med.get("hugo")
        if t and h:
            hp = med.get("hugo+pagefind")
            line = (f"topichub ÷ hugo: wall {t['wall'] / h['wall']:.2f}, CPU {t['cpu'] / h['cpu']:.2f}, "
                    f"peak RSS {t['rss_kb'] / h['rss_kb']:.2f}")
            if hp:
                line += (f"; topichub ÷ (hugo+pagefind): wall {t['wall'] / hp['wall']:.2f}, "
                         f"CPU {t['cpu'] / hp['cpu']:.2f}, peak RSS {t['rss_kb'] / hp['rss_kb']:.2f}")
            print(line)
        if t and site == "medquad" and place == "shm" and h:
            targets.append(f"{site}, {how}: topichub wall {t['wall']:.2f} s = {t['wall'] / h['wall']:.2f} of Hugo's "
                           f"{h['wall']:.2f} s (target ≤ 0.20: {'met' if t['wall'] <= 0.2 * h['wall'] else 'NOT met'}); "
                           f"peak RSS {t['rss_kb'] / 1024:.0f} MiB = {t['rss_kb'] / h['rss_kb']:.2f} of Hugo's "
                           f"{h['rss_kb'] / 1024:.0f} MiB (target ≤ 0.50: "
                           f"{'met' if t['rss_kb'] <= 0.5 * h['rss_kb'] else 'NOT met'})")
        if t and site == "medquad-6x" and place == "shm":
            targets.append(f"{site}, {how}: topichub wall {t['wall']:.2f} s (target < 10 s: "
                           f"{'met' if t['wall'] < 10 else 'NOT met'}); peak RSS {t['rss_kb'] / 1024:.0f} MiB "
                           f"(target < 2048 MiB: {'met' if t['rss_kb'] < 2 * 1024 * 1024 else 'NOT met'})"
                           + (f"; Hugo {h['wall']:.2f} s, {h['rss_kb'] / 1024:.0f} MiB" if h else ""))
    if probes:
        print()
        print("## the file system: creating folders with one 8 KiB index.html in each (no fsync)")
        for p in probes:
            print(f"{p['place']:<5} {p['count']:>6} folders + files: {p['wall']:6.2f} s wall, {p.get('cpu', float('nan')):5.2f} s CPU   "
                  f"(at {p['time']}, load average {p['load']:.2f}, {p['dir']})")
    settles = [r for r in records if r["type"] == "settle" and r["device"]]
    if settles:
        waits = [r["waited"] for r in settles]
        busy = sum(1 for r in settles if not r["calm"])
        print(f"before each disk run: sync, then waited for {settles[0]['device']} to be idle: "
              f"median {median(waits):.0f} s, longest {max(waits):.0f} s"
              + (f", {busy} of {len(settles)} times still busy at the timeout" if busy else ""))
    if targets:
        print()
        print("## the issue's targets, against the medians above")
        for line in targets:
            print("- " + line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    r = sub.add_parser("run")
    r.add_argument("--log", required=True)
    r.add_argument("--site", required=True)
    r.add_argument("--place", required=True)
    r.add_argument("--case", required=True)
    r.add_argument("--engine", required=True)
    r.add_argument("--rep", type=int, required=True)
    r.add_argument("--out", required=True, help="the output folder to size after the run")
    r.add_argument("--exclude", action="append", default=[], help="a top-level entry of --out not to count")
    r.add_argument("--cwd")
    r.add_argument("--cmd-log")
    r.add_argument("command", nargs=argparse.REMAINDER)
    p = sub.add_parser("probe")
    p.add_argument("--log", required=True)
    p.add_argument("--place", required=True)
    p.add_argument("--count", type=int, default=21000)
    p.add_argument("--remove", action="store_true", help="delete the tree afterwards (untimed)")
    p.add_argument("dir")
    s = sub.add_parser("site")
    s.add_argument("--log", required=True)
    s.add_argument("name")
    s.add_argument("dir")
    w = sub.add_parser("settle")
    w.add_argument("--log", required=True)
    w.add_argument("--quiet", type=float, default=3)
    w.add_argument("--timeout", type=float, default=120)
    w.add_argument("dir")
    t = sub.add_parser("table")
    t.add_argument("log")
    a = ap.parse_args()
    {"run": cmd_run, "probe": cmd_probe, "site": cmd_site, "settle": cmd_settle, "table": cmd_table}[a.what](a)


if __name__ == "__main__":
    main()
