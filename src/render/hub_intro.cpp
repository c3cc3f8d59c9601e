#include "render/hub_intro.h"

#include <algorithm>

#include "core/text.h"

namespace topichub {
namespace {

// Joins phrases: "a", "a and b", "a, b and c"; with semicolons when the
// phrases carry their own commas (definitions).
std::string join_phrases(const std::vector<std::string>& phrases, bool has_commas) {
  std::string out;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += i + 1 == phrases.size() ? (has_commas && phrases.size() > 2 ? "; and " : " and ")
                                              : (has_commas ? "; " : ", ");
    out += phrases[i];
  }
  return out;
}

std::string lower_first(std::string_view text) {
  std::string out(text);
  if (out.size() > 1 && out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

class IntroWriter {
 public:
  IntroWriter(const RenderContext& context, size_t topic)
      : context_(context), topic_(topic), subject_(html_escape(capitalize_first(context.site.topics[topic].name))) {}

  std::string write() {
    const auto& topic = context_.site.topics[topic_];
    std::string first = "<strong>" + subject_ + "</strong>";
    if (!topic.definition.empty()) first += " — " + html_escape(topic.definition);
    sentence(first + ".");
    defined_.push_back(topic_);

    auto& graph = context_.graph;
    related_sentence(graph.edges_of(topic_, RelationType::overlaps), "can overlap with");
    drivers_sentence(graph.edges_of(topic_, RelationType::caused_by));
    related_sentence(graph.edges_of(topic_, RelationType::worsened_by), "can be amplified by", true);
    related_sentence(graph.edges_of(topic_, RelationType::confused_with), "can be confused with");
    related_sentence(graph.edges_of(topic_, RelationType::part_of), "can be seen as part of");
    related_sentence(graph.edges_of(topic_, RelationType::part_of, true), "can include");
    related_sentence(graph.edges_of(topic_, RelationType::caused_by, true), "can contribute to", true);
    related_sentence(graph.edges_of(topic_, RelationType::worsened_by, true), "can make", false, " worse");
    remedy_use_sentences();
    closing_sentence();

    std::string html = "<p>" + paragraph_ + "</p>";
    if (!closing_.empty()) html += "\n<p>" + closing_ + "</p>";
    return html;
  }

 private:
  void sentence(const std::string& text) { paragraph_ += (paragraph_.empty() ? "" : " ") + text; }

  std::string concepts(const std::vector<Edge>& edges, bool with_evidence, bool& has_commas) {
    std::vector<std::string> phrases;
    has_commas = false;
    for (const auto& edge : edges) {
      bool new_concept = std::find(defined_.begin(), defined_.end(), edge.other) == defined_.end();
      auto phrase = concept_html(context_, edge.other, &defined_);
      has_commas = has_commas || (new_concept && !context_.site.topics[edge.other].definition.empty());
      if (with_evidence && edge.evidence() != Evidence::none)
        phrase += " (" + lower_first(evidence_label(edge.evidence())) + ")";
      phrases.push_back(phrase);
    }
    return join_phrases(phrases, has_commas);
  }

  void related_sentence(const std::vector<Edge>& edges, std::string_view verb, bool with_evidence = false,
                        std::string_view suffix = "") {
    if (edges.empty()) return;
    bool has_commas;
    auto list = concepts(edges, with_evidence, has_commas);
    sentence(subject_ + " " + std::string(verb) + " " + list + std::string(suffix) + ".");
  }

  // Drivers say how strong the evidence for them is: the reference page
  // calls dehydration "a key driver"; we say what is known.
  void drivers_sentence(const std::vector<Edge>& drivers) {
    if (drivers.empty()) return;
    bool strong = std::all_of(drivers.begin(), drivers.end(), [](const Edge& e) {
      return e.evidence() == Evidence::strong || e.evidence() == Evidence::moderate;
    });
    bool has_commas;
    auto list = concepts(drivers, !strong, has_commas);
    if (drivers.size() == 1) sentence((strong ? "A key driver is " : "A possible driver is ") + list + ".");
    else sentence((strong ? "Key drivers include " : "Possible drivers include ") + list + ".");
  }

  // For remedies: what they help with, and honestly where they do not.
  void remedy_use_sentences() {
    for (auto type : {RelationType::eased_by, RelationType::prevented_by}) {
      auto uses = context_.graph.edges_of(topic_, type, true);
      std::vector<Edge> helps, no_benefit, not_advised;
      for (const auto& edge : uses) {
        if (evidence_supports_use(edge.evidence())) helps.push_back(edge);
        else if (edge.evidence() == Evidence::no_benefit) no_benefit.push_back(edge);
        else not_advised.push_back(edge);
      }
      bool eases = type == RelationType::eased_by;
      related_sentence(helps, eases ? "can help ease" : "can help prevent", true);
      bool has_commas;
      if (!no_benefit.empty())
        sentence(subject_ + " has been tried " + (eases ? "for " : "to prevent ") + concepts(no_benefit, false, has_commas) +
                 ", but good trials showed no benefit.");
      if (!not_advised.empty())
        sentence(subject_ + " should not be used " + (eases ? "for " : "to prevent ") +
                 concepts(not_advised, false, has_commas) + ": the risks outweigh the benefits.");
    }
  }

  // Like the reference page's close: habits that tackle several triggers at once.
  void closing_sentence() {
    auto remedies = context_.graph.remedies_of(topic_, context_.site);
    std::vector<std::string> multi;
    for (const auto& remedy : remedies)
      if (evidence_supports_use(remedy.evidence) && !remedy.also_addresses.empty())
        multi.push_back(concept_html(context_, remedy.topic, nullptr));
    if (!multi.empty()) {
      closing_ = "These links matter because the same habits — " + join_phrases(multi, false) +
                 " — can address more than one trigger at once. The practical steps below put those first, "
                 "after sorting by the strength of the evidence.";
    } else if (std::any_of(remedies.begin(), remedies.end(),
                           [](const auto& r) { return evidence_supports_use(r.evidence); })) {
      closing_ = "The practical steps below are sorted by the strength of the evidence behind them.";
    }
  }

  const RenderContext& context_;
  size_t topic_;
  std::string subject_;
  std::vector<size_t> defined_;
  std::string paragraph_;
  std::string closing_;
};

}  // namespace

std::string concept_html(const RenderContext& context, size_t topic, std::vector<size_t>* defined) {
  const auto& t = context.site.topics[topic];
  std::string html = "<a href=\"" + html_escape(context.topic_url(topic)) + "\">" + html_escape(t.name) + "</a>";
  if (!defined) return html;
  if (std::find(defined->begin(), defined->end(), topic) != defined->end()) return html;
  defined->push_back(topic);
  if (!t.definition.empty()) html += ", " + html_escape(t.definition);
  return html;
}

std::string write_hub_intro(const RenderContext& context, size_t topic) { return IntroWriter(context, topic).write(); }

}  // namespace topichub
