#include "render/site_renderer.h"

#include <algorithm>
#include <atomic>

#include "core/parallel.h"
#include "core/text.h"
#include "render/feeds.h"
#include "render/hub_page.h"
#include "render/markdown_html.h"
#include "render/pages.h"

namespace topichub {
namespace {

// One unit of rendering work: a page (or feed) identified by kind and index.
enum class JobKind { hub, topic_feed, article, home, topics_index, not_found, search, site_feed, sitemap };

struct Job {
  JobKind kind;
  size_t index = 0;
  size_t page = 1;
};

// `bodies`, when given, receives the body text of the job's article or topic.
OutputFile run_job(const RenderContext& context, const Theme& theme, const Job& job, BodyTexts* bodies) {
  switch (job.kind) {
    case JobKind::hub: {
      std::string* body = bodies && job.page == 1 ? &bodies->topics[job.index] : nullptr;
      return {output_path(context, hub_page_path(context, job.index, job.page)),
              theme.render_page("hub", hub_view(context, job.index, job.page, body))};
    }
    case JobKind::topic_feed:
      return {output_path(context, context.topic_url(job.index) + "feed.xml"), topic_feed(context, job.index)};
    case JobKind::article:
      return {output_path(context, context.article_url(job.index)),
              theme.render_page("article", article_view(context, job.index, bodies ? &bodies->articles[job.index] : nullptr))};
    case JobKind::home: return {"index.html", theme.render_page("home", home_view(context))};
    case JobKind::topics_index: return {"topics/index.html", theme.render_page("topics", topics_index_view(context))};
    case JobKind::not_found: return {"404.html", theme.render_page("404", not_found_view(context))};
    case JobKind::search: return {"search/index.html", theme.render_page("search", search_form_view(context))};
    case JobKind::site_feed: return {"feed.xml", site_feed(context)};
    case JobKind::sitemap: {
      std::vector<std::string> extra = {context.path_prefix, context.path_prefix + "topics/"};
      return {"sitemap.xml", sitemap(context, extra)};
    }
  }
  return {};
}

// The pages that list articles across the whole site.
void add_site_wide_jobs(std::vector<Job>& jobs) {
  for (auto kind : {JobKind::home, JobKind::topics_index, JobKind::site_feed, JobKind::sitemap}) jobs.push_back({kind});
}

// Pages [first, last] of a topic's hub (clamped to its pages).
void add_hub_jobs(const RenderContext& context, size_t topic, std::vector<Job>& jobs, size_t first = 1,
                  size_t last = SIZE_MAX) {
  for (size_t page = first; page <= std::min(last, hub_page_count(context, topic)); ++page)
    jobs.push_back({JobKind::hub, topic, page});
}

}  // namespace

std::string output_path(const RenderContext& context, const std::string& url_path) {
  auto relative = url_path.substr(std::min(url_path.size(), context.path_prefix.size()));
  return relative.empty() || relative.back() == '/' ? relative + "index.html" : relative;
}

std::vector<OutputFile> render_selected(const RenderContext& context, const Theme& theme,
                                        const PageSelection& selection) {
  std::vector<Job> jobs;
  if (selection.site_wide) add_site_wide_jobs(jobs);
  for (const auto& hub : selection.hubs) add_hub_jobs(context, hub.topic, jobs, hub.first_page, hub.last_page);
  for (size_t topic : selection.topic_feeds) jobs.push_back({JobKind::topic_feed, topic});
  for (size_t article : selection.articles) jobs.push_back({JobKind::article, article});
  std::vector<OutputFile> files(jobs.size());
  parallel_for(jobs.size(), [&](unsigned, size_t i) { files[i] = run_job(context, theme, jobs[i], nullptr); });
  return files;
}

void render_site_to(const RenderContext& context, const Theme& theme, const FileSink& sink,
                    const RenderProgress& progress, BodyTexts* bodies) {
  if (bodies) {
    bodies->articles.assign(context.site.articles.size(), {});
    bodies->topics.assign(context.site.topics.size(), {});
  }
  std::vector<Job> jobs = {{JobKind::not_found}, {JobKind::search}};
  add_site_wide_jobs(jobs);
  for (size_t t = 0; t < context.site.topics.size(); ++t) {
    add_hub_jobs(context, t, jobs);
    jobs.push_back({JobKind::topic_feed, t});
  }
  for (size_t a = 0; a < context.site.articles.size(); ++a) jobs.push_back({JobKind::article, a});

  std::atomic<size_t> done{0};
  parallel_for(jobs.size(), [&](unsigned, size_t i) {
    sink(run_job(context, theme, jobs[i], bodies));
    size_t finished = ++done;
    if (progress && finished % 1000 == 0) progress(finished, jobs.size());
  });
  for (const auto& [name, content] : theme.assets()) sink({name, content});
}

RenderedSite render_site(const RenderContext& context, const Theme& theme, const RenderProgress& progress,
                         BodyTexts* bodies) {
  RenderedSite rendered;
  std::mutex mutex;
  render_site_to(
      context, theme,
      [&](OutputFile&& file) {
        std::lock_guard lock(mutex);
        rendered.files.push_back(std::move(file));
      },
      progress, bodies);
  std::sort(rendered.files.begin(), rendered.files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return rendered;
}

BodyTexts render_body_texts(const Site& site, std::stop_token stop) {
  BodyTexts bodies;
  bodies.articles.resize(site.articles.size());
  bodies.topics.resize(site.topics.size());
  parallel_for(site.articles.size() + site.topics.size(), [&](unsigned, size_t i) {
    if (stop.stop_requested()) return;
    if (i < site.articles.size()) bodies.articles[i] = render_markdown(site.articles[i].body).plain_text;
    else if (const auto& body = site.topics[i - site.articles.size()].body; !trim(body).empty())
      bodies.topics[i - site.articles.size()] = render_markdown(body).plain_text;
  });
  return bodies;
}

}  // namespace topichub
