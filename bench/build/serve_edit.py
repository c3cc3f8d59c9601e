#!/usr/bin/env python3
"""Time from saving an article to `topichub serve` serving its new page.

Starts `topichub serve SITE` on a free port, then N times appends a
paragraph with a fresh marker to one article's body, and polls the article's
page until the marker shows; prints each latency and the median. The article
is restored to its original bytes at the end (also on failure).

    bench/build/serve_edit.py --topichub build/topichub --site /tmp/mq --edits 20
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request


def wait_for_port(process, deadline):
    pattern = re.compile(r"serving .* on http://[^:]+:(\d+)/")
    seen = ""
    while time.time() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                raise SystemExit("serve exited: " + seen)
            continue
        seen += line
        match = pattern.search(line)
        if match:
            return int(match.group(1))
    raise SystemExit("serve did not start in time: " + seen)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topichub", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--article", help="slug (default: the first article file)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one edit to show")
    args = parser.parse_args()

    articles = os.path.join(args.site, "content", "articles")
    name = (args.article + ".md") if args.article else sorted(os.listdir(articles))[0]
    path = os.path.join(articles, name)
    slug = name[:-3]
    with open(path, "rb") as f:
        original = f.read()

    # Drain serve's log in the background once started, so that it never blocks on a full pipe.
    process = subprocess.Popen([args.topichub, "serve", args.site, "--port", "0", "--no-live-reload"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    latencies = []
    try:
        port = wait_for_port(process, time.time() + 600)
        subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/articles/{slug}/"
        if "<html" not in fetch(url):
            raise SystemExit(f"{url} does not answer with a page")
        for edit in range(args.edits):
            marker = f"edit-marker-{os.getpid()}-{edit}"
            time.sleep(0.5)  # the watcher compares against its last look; let it settle
            with open(path, "wb") as f:
                f.write(original + f"\n\nA sentence added by the benchmark: {marker}.\n".encode())
            saved = time.time()
            while marker not in fetch(url):
                if time.time() - saved > args.timeout:
                    raise SystemExit(f"edit {edit} did not show within {args.timeout} s")
                time.sleep(0.005)
            latencies.append((time.time() - saved) * 1000)
            print(f"edit {edit + 1}: {latencies[-1]:.0f} ms", flush=True)
    finally:
        with open(path, "wb") as f:
            f.write(original)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    print(f"serve_edit site={args.site} edits={len(latencies)} median_ms={statistics.median(latencies):.0f} "
          f"min_ms={min(latencies):.0f} max_ms={max(latencies):.0f}")


if __name__ == "__main__":
    sys.exit(main())
