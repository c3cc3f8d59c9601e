#!/usr/bin/env python3
"""Make an N-times larger copy of a site, for benchmarks.

  replicate_site.py SITE OUT [--times 6]

OUT gets everything of SITE as it is (settings, topics, templates, static
files), and each article of content/articles/ N times: the original, then
copies named <slug>-r2 ... <slug>-rN whose titles are lightly varied (so no
two titles are identical) and whose topics, summary and body are unchanged.
A `slug:` key in the front matter is renamed the same way. Works with YAML
(---) and TOML (+++) front matter; articles in subfolders keep their folder.
Standard library only.
"""
import argparse, os, re, shutil

# Light title variations, one per copy (cycled for larger N).
VARIATIONS = ["{} (overview)", "{}: questions and answers", "About {}", "{} explained", "{}, in brief",
              "{}: a guide", "{} (reader's edition)", "More on {}"]


def vary_front_matter(text, copy, suffix):
    """The article's text with its title varied and any slug: renamed."""
    delimiter = "---" if text.startswith("---") else "+++" if text.startswith("+++") else None
    if delimiter is None:
        return text
    end = text.find("\n" + delimiter, len(delimiter))
    if end < 0:
        return text
    head, rest = text[:end], text[end:]
    variation = VARIATIONS[(copy - 2) % len(VARIATIONS)]

    def new_title(match):
        key, sep, value = match.group(1), match.group(2), match.group(3).strip()
        quote = value[0] if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1 else ""
        inner = value[1:-1] if quote else value
        if not quote:  # quote it: a variation may add characters YAML cares about
            quote = '"'
            inner = inner.replace("\\", "\\\\").replace('"', '\\"')
        return f"{key}{sep}{quote}{variation.format(inner)}{quote}"

    head = re.sub(r"^(title)(\s*[:=]\s*)(.+)$", new_title, head, count=1, flags=re.M)
    head = re.sub(r"^(slug\s*[:=]\s*)([\"']?)([^\"'\n]+)\2\s*$",
                  lambda m: f"{m.group(1)}{m.group(2)}{m.group(3).strip()}{suffix}{m.group(2)}", head, count=1, flags=re.M)
    return head + rest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site")
    ap.add_argument("out")
    ap.add_argument("--times", type=int, default=6)
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    articles_dir = os.path.join("content", "articles")
    shutil.copytree(a.site, a.out, ignore=lambda d, names: [n for n in names if n == "public"])
    count = 0
    for folder, _, files in os.walk(os.path.join(a.site, articles_dir)):
        target = os.path.join(a.out, os.path.relpath(folder, a.site))
        for name in files:
            if not name.endswith(".md") or name.startswith("_index"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            stem = name[:-3]
            for copy in range(2, a.times + 1):
                suffix = f"-r{copy}"
                with open(os.path.join(target, stem + suffix + ".md"), "w", encoding="utf-8") as f:
                    f.write(vary_front_matter(text, copy, suffix))
            count += 1
    print(f"{count} articles x {a.times} -> {a.out}")


if __name__ == "__main__":
    main()
