#include "link/linker.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/markdown_dialect.h"
#include "core/parallel.h"

namespace topichub {
namespace {

// Weights of where a topic appears. An explicit `topics:` entry outweighs any
// number of passing mentions; a mention in the title outweighs body mentions.
constexpr double kExplicitFirst = 10.0;
constexpr double kExplicitStep = 1.0;
constexpr double kTitleMention = 4.0;
constexpr double kSummaryMention = 2.0;
constexpr double kHeadingMention = 1.5;

// Values by topic, in the order first met (by topic once sorted): a list,
// as an article names a handful of topics (maps cost a MedQuAD build a node per topic per
// article, 700,000 allocations).
template <typename Value>
class ByTopic {
 public:
  // The value of `topic`, made with `initial` when new.
  Value& at(size_t topic, Value initial = Value()) {
    for (auto& [t, value] : entries_)
      if (t == topic) return value;
    return entries_.emplace_back(topic, std::move(initial)).second;
  }
  bool contains(size_t topic) const {
    for (const auto& entry : entries_)
      if (entry.first == topic) return true;
    return false;
  }
  void sort() { std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) { return a.first < b.first; }); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  std::vector<std::pair<size_t, Value>> entries_;
};

struct MentionCounts {
  ByTopic<int> body;
  ByTopic<int> headings;
  ByTopic<TopicMention> first_linkable;
};

// Walks the Markdown body and scans runs of plain text. A run is text that is
// contiguous in the source apart from line breaks, inside one block and
// outside any span, so a mention found in it can be wrapped in a link.
class BodyScanner {
 public:
  BodyScanner(std::string_view body, const TopicMatcher& matcher, TopicMatcher::Scratch& scratch,
              MentionCounts& counts)
      : body_(body), matcher_(matcher), scratch_(scratch), counts_(counts) {}

  void run() {
    MD_PARSER parser{};
    parser.flags = kMarkdownFlags;
    parser.enter_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<BodyScanner*>(self)->block(type, +1); };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<BodyScanner*>(self)->block(type, -1); };
    parser.enter_span = [](MD_SPANTYPE type, void*, void* self) { return static_cast<BodyScanner*>(self)->span(type, +1); };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) { return static_cast<BodyScanner*>(self)->span(type, -1); };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<BodyScanner*>(self)->text(type, text, size);
    };
    md_parse(body_.data(), static_cast<MD_SIZE>(body_.size()), &parser, this);
    flush();
  }

 private:
  int block(MD_BLOCKTYPE type, int step) {
    flush();
    if (type == MD_BLOCK_H) heading_ += step;
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) code_ += step;
    return 0;
  }

  int span(MD_SPANTYPE type, int step) {
    flush();
    if (type == MD_SPAN_A || type == MD_SPAN_WIKILINK) link_ += step;
    if (type == MD_SPAN_IMG) image_ += step;
    if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) code_ += step;
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (type == MD_TEXT_SOFTBR) return 0;  // keeps the run open across a line break
    const char* begin = body_.data();
    bool in_source = text >= begin && text + size <= begin + body_.size();
    if (type != MD_TEXT_NORMAL || !in_source || code_ > 0) {
      flush();
      return 0;
    }
    size_t offset = static_cast<size_t>(text - begin);
    bool continues = run_end_ != 0 && offset >= run_end_ &&
                     body_.substr(run_end_, offset - run_end_).find_first_not_of(" \t\n>") == std::string_view::npos;
    if (!continues) {
      flush();
      run_begin_ = offset;
    }
    run_end_ = offset + size;
    return 0;
  }

  void flush() {
    if (run_end_ > run_begin_) {
      bool linkable = heading_ == 0 && link_ == 0 && image_ == 0;
      auto run = body_.substr(run_begin_, run_end_ - run_begin_);
      matcher_.scan(run, scratch_, [&](const TopicMention& found) {
        TopicMention mention{found.topic, found.begin + run_begin_, found.end + run_begin_};
        if (heading_ > 0) ++counts_.headings.at(mention.topic);
        else ++counts_.body.at(mention.topic);
        bool crosses_line = body_.substr(mention.begin, mention.end - mention.begin).find('\n') != std::string_view::npos;
        if (linkable && !crosses_line && !counts_.first_linkable.contains(mention.topic))
          counts_.first_linkable.at(mention.topic, mention);
      });
    }
    run_begin_ = run_end_ = 0;
  }

  std::string_view body_;
  const TopicMatcher& matcher_;
  TopicMatcher::Scratch& scratch_;
  MentionCounts& counts_;
  int heading_ = 0, link_ = 0, image_ = 0, code_ = 0;
  size_t run_begin_ = 0, run_end_ = 0;
};

}  // namespace

double ArticleLinks::weight_of(size_t topic) const {
  for (const auto& entry : topics)
    if (entry.topic == topic) return entry.weight;
  return 0.0;
}

ArticleLinks Linker::link(const Article& article) const {
  TopicMatcher::Scratch scratch;
  return link(article, scratch);
}

ArticleLinks Linker::link(const Article& article, TopicMatcher::Scratch& scratch) const {
  ByTopic<double> weights;
  for (size_t i = 0; i < article.topics.size(); ++i)
    weights.at(article.topics[i]) += std::max(kExplicitFirst - kExplicitStep * static_cast<double>(i), 5.0);
  matcher_->scan(article.title, scratch, [&](const TopicMention& m) { weights.at(m.topic) += kTitleMention; });
  matcher_->scan(article.summary, scratch, [&](const TopicMention& m) { weights.at(m.topic) += kSummaryMention; });

  MentionCounts counts;
  BodyScanner(article.body, *matcher_, scratch, counts).run();
  for (const auto& [topic, count] : counts.headings) weights.at(topic) += kHeadingMention * std::min(count, 3);
  for (const auto& [topic, count] : counts.body) weights.at(topic) += 1.0 + 0.5 * std::log2(static_cast<double>(count));
  weights.sort();  // in topic order, as the map was: the stable sort below keeps it among ties

  ArticleLinks links;
  for (const auto& [topic, weight] : weights) links.topics.push_back({topic, weight});
  std::stable_sort(links.topics.begin(), links.topics.end(),
                   [](const TopicWeight& a, const TopicWeight& b) { return a.weight > b.weight; });
  counts.first_linkable.sort();  // as the map was: two topics' mentions may start at one place
  for (const auto& [topic, mention] : counts.first_linkable) links.first_mentions.push_back(mention);
  std::sort(links.first_mentions.begin(), links.first_mentions.end(),
            [](const TopicMention& a, const TopicMention& b) { return a.begin < b.begin; });
  return links;
}

std::vector<ArticleLinks> Linker::link_all() const {
  std::vector<ArticleLinks> all(site_.articles.size());
  std::vector<TopicMatcher::Scratch> scratch(worker_count());
  parallel_for(site_.articles.size(), [&](unsigned worker, size_t i) { all[i] = link(site_.articles[i], scratch[worker]); });
  return all;
}

}  // namespace topichub
