// Renders every page of the site in parallel: into memory, or handed file by
// file to a sink as soon as each is rendered.
#pragma once

#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include "core/body_texts.h"
#include "core/diagnostics.h"
#include "render/context.h"
#include "render/theme.h"

namespace topichub {

struct OutputFile {
  std::string path;  // relative to the output root, '/' separated: "topics/x/index.html"
  std::string content;
};

struct RenderedSite {
  std::vector<OutputFile> files;  // sorted by path
};

// Receives each rendered file; called from several threads at once.
using FileSink = std::function<void(OutputFile&&)>;
using RenderProgress = std::function<void(size_t done, size_t total)>;

// Calls `progress(done, total)` now and then when given (for the terminal).
// Fills `bodies` when given.
RenderedSite render_site(const RenderContext& context, const Theme& theme, const RenderProgress& progress = {},
                         BodyTexts* bodies = nullptr);
void render_site_to(const RenderContext& context, const Theme& theme, const FileSink& sink,
                    const RenderProgress& progress = {}, BodyTexts* bodies = nullptr);

// Some pages again, after an edit: the site-wide lists, some pages of some
// hubs, some topic feeds, and the pages of some articles.
struct HubPages {
  size_t topic;
  size_t first_page, last_page;  // 1-based, inclusive; clamped to the hub's pages
};
struct PageSelection {
  bool site_wide = true;  // home, A–Z, site feed, sitemap
  std::vector<HubPages> hubs;
  std::vector<size_t> topic_feeds;
  std::vector<size_t> articles;
};
std::vector<OutputFile> render_selected(const RenderContext& context, const Theme& theme,
                                        const PageSelection& selection);

// The output file of a page URL path: "/health/topics/x/" -> "topics/x/index.html".
std::string output_path(const RenderContext& context, const std::string& url_path);

// The body texts alone, without the pages (for tools that only search).
// Texts not yet made when `stop` is requested stay empty.
BodyTexts render_body_texts(const Site& site, std::stop_token stop = {});

}  // namespace topichub
