#include "render/hub_page.h"

#include <algorithm>

#include "core/text.h"
#include "render/concept_map.h"
#include "render/hub_intro.h"
#include "render/json_ld.h"
#include "render/markdown_html.h"
#include "render/view_common.h"

namespace topichub {
namespace {

View topic_link(const RenderContext& context, size_t topic) {
  return {{"name", View::borrow(context.site.topics[topic].name)}, {"url", View::borrow(context.topic_url(topic))}};
}

std::string remedy_role(const TopicGraph::Remedy& remedy) {
  bool eases = false, prevents = false;
  for (const auto& edge : remedy.relations) {
    eases = eases || edge.type == RelationType::eased_by;
    prevents = prevents || edge.type == RelationType::prevented_by;
  }
  return eases && prevents ? "During an episode and for prevention" : eases ? "During an episode" : "For prevention";
}

std::string remedy_note(const RenderContext& context, const TopicGraph::Remedy& remedy) {
  for (const auto& edge : remedy.relations)
    if (edge.relation && !edge.relation->note.empty()) return edge.relation->note;
  return capitalize_first(context.site.topics[remedy.topic].definition);
}

View steps_view(const RenderContext& context, size_t topic, View& not_advised) {
  auto steps = View::list();
  not_advised = View::list();
  for (const auto& remedy : context.graph.remedies_of(topic, context.site)) {
    View step{
        {"name", capitalize_first(context.site.topics[remedy.topic].name)},
        {"url", View::borrow(context.topic_url(remedy.topic))},
        {"grade", View::borrow(evidence_name(remedy.evidence))},
        {"grade_label", View::borrow(evidence_label(remedy.evidence))},
        {"role", remedy_role(remedy)},
        {"note", remedy_note(context, remedy)},
    };
    if (!remedy.also_addresses.empty()) {
      auto also = View::list(remedy.also_addresses.size());
      for (size_t t : remedy.also_addresses) also.push_back(topic_link(context, t));
      step["also"] = std::move(also);
    }
    (evidence_supports_use(remedy.evidence) ? steps : not_advised).push_back(std::move(step));
  }
  return steps;
}

View evidence_view(const RenderContext& context, size_t topic) {
  struct Row {
    int rank;
    View view;
  };
  std::vector<Row> rows;
  for (const auto& edge : context.graph.edges(topic)) {
    if (edge.evidence() == Evidence::none && (!edge.relation || edge.relation->sources.empty())) continue;
    const auto& info = relation_info(edge.type);
    std::string claim(edge.reverse ? info.reverse_reads_as : info.reads_as);
    bool weak = edge.evidence() != Evidence::strong && edge.evidence() != Evidence::moderate;
    if (edge.type == RelationType::caused_by && !edge.reverse && weak) claim = "a possible driver is";
    int rank = evidence_rank(edge.evidence());
    rows.push_back({rank, View{
        {"claim", capitalize_first(claim)},
        {"name", View::borrow(context.site.topics[edge.other].name)},
        {"url", View::borrow(context.topic_url(edge.other))},
        {"grade", View::borrow(evidence_name(edge.evidence()))},
        {"grade_label", View::borrow(evidence_label(edge.evidence()))},
        {"note", edge.relation ? View::borrow(edge.relation->note) : View("")},
        {"sources", sources_view(edge.relation ? std::span<const Source>(edge.relation->sources) : std::span<const Source>())},
        {"rank", rank},
    }});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.rank < b.rank; });
  auto list = View::list(rows.size());
  for (auto& row : rows) list.push_back(std::move(row.view));
  return list;
}

std::string collection_lead(const RenderContext& context, size_t topic, size_t total,
                            std::span<const std::string_view> intents) {
  const auto& name = context.site.topics[topic].name;
  if (total == 0) return "No articles cover " + name + " yet.";
  std::string lead = total == 1 ? "One article looks more closely at " + name
                                : "Below are " + std::to_string(total) + " articles that look more closely at " + name;
  std::vector<std::string> phrases;
  for (auto intent : intents)
    if (!intent.empty()) phrases.emplace_back(intent_phrase(intent));
  if (phrases.size() >= 2) {
    lead += ", from " + phrases.front() + " to ";
    for (size_t i = 1; i < phrases.size(); ++i) {
      if (i > 1) lead += i + 1 == phrases.size() ? " and " : ", ";
      lead += phrases[i];
    }
  } else if (phrases.size() == 1) {
    lead += ", with a focus on " + phrases.front();
  }
  return lead + ".";
}

View collection_view(const RenderContext& context, size_t topic, size_t page, View& view) {
  const auto& all = context.curation.by_topic[topic];
  size_t page_size = static_cast<size_t>(context.site.config.hub_page_size);
  size_t begin = std::min(all.size(), (page - 1) * page_size);
  size_t end = std::min(all.size(), begin + page_size);
  std::span<const CuratedArticle> slice(all.data() + begin, end - begin);
  auto groups = group_by_intent(slice, context.site);
  auto groups_view = View::list(groups.size());
  for (const auto& group : groups) {
    auto cards = View::list(group.articles.size());
    for (const auto& entry : group.articles) cards.push_back(article_card(context, entry.article));
    groups_view.push_back({{"heading", View::borrow(group.heading)}, {"intent", View::borrow(group.intent)}, {"articles", std::move(cards)}});
  }
  view["collection_lead"] = collection_lead(context, topic, all.size(), context.curation.intents_by_topic[topic]);
  view["article_count"] = std::to_string(all.size());
  size_t pages = hub_page_count(context, topic);
  if (pages > 1) {
    View pagination{{"current", std::to_string(page)}, {"total", std::to_string(pages)}};
    if (page > 1) pagination["previous"] = hub_page_path(context, topic, page - 1);
    if (page < pages) pagination["next"] = hub_page_path(context, topic, page + 1);
    view["pagination"] = std::move(pagination);
  }
  return groups_view;
}

View related_view(const RenderContext& context, const std::vector<ConceptGroup>& groups) {
  auto list = View::list(groups.size());
  for (const auto& group : groups) {
    auto members = View::list(group.members.size());
    for (const auto& member : group.members) {
      auto link = topic_link(context, member.topic);
      if (member.evidence != Evidence::none) link["grade_label"] = View::borrow(evidence_label(member.evidence));
      link["grade"] = View::borrow(evidence_name(member.evidence));
      members.push_back(std::move(link));
    }
    list.push_back({{"label", View::borrow(group.label)}, {"kind", View::borrow(group.css)}, {"topics", std::move(members)}});
  }
  return list;
}

}  // namespace

size_t hub_page_count(const RenderContext& context, size_t topic) {
  size_t size = static_cast<size_t>(context.site.config.hub_page_size);
  size_t total = context.curation.by_topic[topic].size();
  return std::max<size_t>(1, (total + size - 1) / size);
}

std::string hub_page_path(const RenderContext& context, size_t topic, size_t page) {
  auto base = context.topic_url(topic);
  return page <= 1 ? base : base + "page/" + std::to_string(page) + "/";
}

View hub_view(const RenderContext& context, size_t topic, size_t page, std::string* body_text) {
  const auto& t = context.site.topics[topic];
  PageMeta meta;
  meta.title = t.title + (page > 1 ? " (page " + std::to_string(page) + ")" : "");
  meta.description = t.definition.empty() ? "" : capitalize_first(t.name) + ": " + t.definition + ".";
  meta.path = hub_page_path(context, topic, page);
  meta.feed = context.topic_url(topic) + "feed.xml";
  if (page == 1) meta.json_ld = hub_json_ld(context, topic);
  auto view = base_view(context, meta);

  std::string synonyms;
  for (size_t i = 0; i < t.synonyms.size(); ++i) synonyms += (i ? ", " : "") + t.synonyms[i];
  view["topic"] = {{"name", View::borrow(t.name)}, {"title", View::borrow(t.title)}, {"slug", View::borrow(t.slug)},
                   {"kind", View::borrow(t.kind)}, {"definition", View::borrow(t.definition)},
                   {"synonyms", std::move(synonyms)}, {"url", View::borrow(context.topic_url(topic))},
                   {"params", context.params_wanted ? View::from_json(t.extra) : View()}};
  view["is_first_page"] = page == 1;
  view["groups"] = collection_view(context, topic, page, view);
  if (page > 1) return view;

  if (trim(t.body).empty()) {
    view["intro_html"] = write_hub_intro(context, topic);
  } else {
    auto body = render_markdown(t.body);
    view["intro_html"] = std::move(body.html);
    if (body_text) *body_text = std::move(body.plain_text);
  }
  View not_advised;
  auto steps = steps_view(context, topic, not_advised);
  if (!steps.empty()) view["steps"] = std::move(steps);
  if (!not_advised.empty()) view["not_advised"] = std::move(not_advised);
  auto evidence = evidence_view(context, topic);
  if (!evidence.empty()) view["evidence"] = std::move(evidence);
  if (!t.see_a_doctor.empty()) {
    auto signs = View::list(t.see_a_doctor.size());
    for (const auto& sign : t.see_a_doctor) signs.push_back(View::borrow(sign));
    view["see_a_doctor"] = std::move(signs);
  }
  auto groups = concept_groups(context, topic);
  if (!groups.empty()) {
    view["concept_map_svg"] = draw_concept_map(context, topic, groups);
    view["related"] = related_view(context, groups);
  }
  auto codes = View::list(t.codes.size());
  for (const auto& [system, code] : t.codes) codes.push_back({{"system", View::borrow(system)}, {"code", View::borrow(code)}});
  if (!codes.empty()) view["codes"] = std::move(codes);
  return view;
}

std::string hub_json_ld(const RenderContext& context, size_t topic) {
  const auto& t = context.site.topics[topic];
  bool condition = t.kind == "condition" || t.kind == "symptom";
  JsonLdObject about;
  about.text("@type", condition ? "MedicalCondition" : t.kind == "drug" ? "Drug" : "MedicalEntity").text("name", t.name);
  if (!t.synonyms.empty()) about.texts("alternateName", t.synonyms);
  if (!t.definition.empty()) about.text("description", t.definition);
  static const std::map<std::string, std::string, std::less<>> kCodingSystems = {
      {"icd10", "ICD-10"}, {"mesh", "MeSH"}, {"umls_cui", "UMLS"}, {"snomed", "SNOMED-CT"}};
  std::vector<JsonLdObject> codes;
  for (const auto& [system, code] : t.codes) {
    auto known = kCodingSystems.find(system);
    codes.emplace_back();
    codes.back()
        .text("@type", "MedicalCode")
        .text("code", code)
        .text("codingSystem", known == kCodingSystems.end() ? system : known->second);
  }
  if (!codes.empty()) about.objects("code", std::move(codes));
  if (condition) {
    std::vector<JsonLdObject> treatments;
    for (const auto& remedy : context.graph.remedies_of(topic, context.site))
      if (evidence_supports_use(remedy.evidence)) {
        treatments.emplace_back();
        treatments.back().text("@type", "MedicalTherapy").text("name", context.site.topics[remedy.topic].name);
      }
    if (!treatments.empty()) about.objects("possibleTreatment", std::move(treatments));
    std::vector<JsonLdObject> risks;
    for (auto type : {RelationType::caused_by, RelationType::worsened_by})
      for (const auto& edge : context.graph.edges_of(topic, type)) {
        risks.emplace_back();
        risks.back().text("@type", "MedicalRiskFactor").text("name", context.site.topics[edge.other].name);
      }
    if (!risks.empty()) about.objects("riskFactor", std::move(risks));
  }
  auto crumb = [](long position, std::string_view name, std::string_view item) {
    JsonLdObject entry;
    entry.text("@type", "ListItem").number("position", position).text("name", name).text("item", item);
    return entry;
  };
  std::vector<JsonLdObject> crumbs;
  crumbs.push_back(crumb(1, "Home", context.base_url));
  crumbs.push_back(crumb(2, "Topics", context.absolute(context.path_prefix + "topics/")));
  crumbs.push_back(crumb(3, t.name, context.absolute(context.topic_url(topic))));
  JsonLdObject page;
  page.text("@context", "https://schema.org")
      .text("@type", "MedicalWebPage")
      .text("name", t.title)
      .text("url", context.absolute(context.topic_url(topic)))
      .object("about", std::move(about))
      .object("breadcrumb",
              std::move(JsonLdObject().text("@type", "BreadcrumbList").objects("itemListElement", std::move(crumbs))));
  // Only the topic's own review date: its articles' reviews do not review the hub.
  if (t.reviewed_on.is_set()) page.text("lastReviewed", t.reviewed_on.iso());
  return page.json();
}

}  // namespace topichub
