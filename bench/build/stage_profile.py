#!/usr/bin/env python3
"""Splits a `perf record -g` profile of `topichub build` by pipeline stage.

    perf script -F comm,tid,ip,sym -i perf.data | bench/build/stage_profile.py [--stage NAME] [--top N]

Each sample goes to the stage of the innermost frame of its stack that names
one (see STAGES); its own top frame is listed under that stage with --stage.
Samples whose stacks name no stage (libraries built without frame pointers,
thread start-up) count as "other". Needs a binary with frame pointers:
bench/build/profile.sh builds one.
"""
import argparse
import collections
import re
import sys

# (a substring of a frame's symbol, the stage it means), innermost first.
STAGES = [
    ("SearchIndexFile::write", "save index"),
    ("SiteWriter::add", "write"),
    ("write_new_file_in_parts", "write"),
    ("SiteWriter::commit", "swap"),
    ("SiteWriter::State::prepare", "writer prepare"),
    ("render_site_to", "render"),
    ("RenderContext::make_cards", "render"),
    ("Linker::", "link"),
    ("BodyScanner", "link"),
    ("build_vocabulary_tables", "index"),
    ("SearchIndex::build", "index"),
    ("load_site", "load"),
    ("resolve_topic_refs", "load"),
    ("site_fingerprint", "fingerprint"),
    ("check_site", "check"),
    ("curate", "curate"),
    ("TopicGraph", "graph"),
]


def samples(lines):
    """Yields each sample's frames, innermost first."""
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line[0] in " \t":
            parts = line.split(None, 1)
            frames.append(parts[1].strip() if len(parts) > 1 else "?")
    if frames:
        yield frames


def short(symbol):
    symbol = symbol.replace("(anonymous namespace)", "(anon)")
    return re.sub(r"\((?!anon\)).*", "", symbol)[:100]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = sorted({name for _, name in STAGES} | {"other"})
    parser.add_argument("--stage", choices=names, help="also list the top frames of this stage")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    by_stage = collections.Counter()
    tops = collections.defaultdict(collections.Counter)
    for frames in samples(sys.stdin):
        stage = next((name for frame in frames for key, name in STAGES if key in frame), "other")
        by_stage[stage] += 1
        tops[stage][short(frames[0])] += 1
    total = sum(by_stage.values())
    if not total:
        sys.exit("no samples: pipe in `perf script -F comm,tid,ip,sym`")
    print(f"{total} samples")
    for stage, count in by_stage.most_common():
        print(f"{stage:15s} {100 * count / total:5.1f}%")
        if stage == args.stage:
            for symbol, n in tops[stage].most_common(args.top):
                print(f"    {100 * n / total:5.2f}%  {symbol}")


if __name__ == "__main__":
    main()
