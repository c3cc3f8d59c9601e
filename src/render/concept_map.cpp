#include "render/concept_map.h"

#include <algorithm>

#include "core/text.h"

namespace topichub {
namespace {

constexpr size_t kMaxNodes = 14;
constexpr double kWidth = 720;
constexpr double kCharWidth = 8.0;  // a 13px sans-serif character, generously (DejaVu is wide)
constexpr size_t kMaxLabel = 24;    // so that a box is at most ~212px: columns never overlap
constexpr double kRowHeight = 54;
constexpr double kColumnCentre = 122;  // distance of each column's centre from the edge

struct GroupSpec {
  std::string_view label;
  std::string_view css;
  RelationType type;
  bool reverse;
};

constexpr GroupSpec kGroups[] = {
    {"Possible drivers", "driver", RelationType::caused_by, false},
    {"Can amplify it", "amplifier", RelationType::worsened_by, false},
    {"Overlaps with", "overlap", RelationType::overlaps, false},
    {"Often confused with", "lookalike", RelationType::confused_with, false},
    {"Can ease it", "remedy", RelationType::eased_by, false},
    {"Can help prevent it", "remedy", RelationType::prevented_by, false},
    {"Part of", "part", RelationType::part_of, false},
    {"Includes", "part", RelationType::part_of, true},
    {"Can contribute to", "driver", RelationType::caused_by, true},
    {"Can make worse", "amplifier", RelationType::worsened_by, true},
    {"Used to ease", "remedy", RelationType::eased_by, true},
    {"Used to prevent", "remedy", RelationType::prevented_by, true},
};

std::string label_of(std::string_view name) {
  return name.size() <= kMaxLabel ? std::string(name) : shorten(name, kMaxLabel);
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

struct Node {
  size_t topic;
  std::string_view css;
  std::string grade;  // remedies only
  std::string_view group;
};

std::string draw_node(const RenderContext& context, const Node& node, double x, double y) {
  auto label = label_of(context.site.topics[node.topic].name);
  double width = std::max(label.size(), node.grade.size()) * kCharWidth + 20;
  double height = node.grade.empty() ? 30 : 44;
  std::string svg = "<a href=\"" + html_escape(context.topic_url(node.topic)) + "\" tabindex=\"-1\">";
  svg += "<rect class=\"node node-" + std::string(node.css) + "\" x=\"" + number(x - width / 2) + "\" y=\"" +
         number(y - height / 2) + "\" width=\"" + number(width) + "\" height=\"" + number(height) + "\" rx=\"8\"/>";
  svg += "<text x=\"" + number(x) + "\" y=\"" + number(node.grade.empty() ? y + 5 : y - 3) + "\">" +
         html_escape(label) + "</text>";
  if (!node.grade.empty())
    svg += "<text class=\"grade-text\" x=\"" + number(x) + "\" y=\"" + number(y + 14) + "\">" +
           html_escape(node.grade) + "</text>";
  return svg + "</a>";
}

}  // namespace

std::vector<ConceptGroup> concept_groups(const RenderContext& context, size_t topic) {
  std::vector<ConceptGroup> groups;
  for (const auto& spec : kGroups) {
    ConceptGroup group{spec.label, spec.css, {}};
    for (const auto& edge : context.graph.edges_of(topic, spec.type, spec.reverse))
      group.members.push_back({edge.other, edge.evidence()});
    if (!group.members.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

std::string draw_concept_map(const RenderContext& context, size_t topic, const std::vector<ConceptGroup>& groups) {
  std::vector<Node> nodes;
  for (const auto& group : groups)
    for (const auto& member : group.members) {
      if (nodes.size() == kMaxNodes) break;
      bool seen = std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.topic == member.topic; });
      if (seen) continue;
      std::string grade = group.css == "remedy" ? std::string(evidence_label(member.evidence)) : "";
      nodes.push_back({member.topic, group.css, grade, group.label});
    }
  const auto& name = context.site.topics[topic].name;
  std::string description = capitalize_first(name) + " is linked to ";
  for (size_t g = 0; g < groups.size(); ++g) {
    description += (g ? "; " : "") + std::string(groups[g].label) + ": ";
    for (size_t m = 0; m < groups[g].members.size(); ++m)
      description += (m ? ", " : "") + context.site.topics[groups[g].members[m].topic].name;
  }
  description += ".";

  // Two columns of boxes, left and right of the centre, filled in group
  // order: a layout in which no two boxes can overlap, whatever the labels.
  size_t rows = std::max<size_t>(1, (nodes.size() + 1) / 2);
  double height = std::max(160.0, static_cast<double>(rows) * kRowHeight + 30);
  double cx = kWidth / 2, cy = height / 2;
  std::string svg = "<svg class=\"concept-map\" viewBox=\"0 0 " + number(kWidth) + " " + number(height) +
                    "\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title>Concept map of " + html_escape(name) + "</title>";
  svg += "<desc>" + html_escape(description) + "</desc>";
  std::string lines, boxes;
  for (size_t i = 0; i < nodes.size(); ++i) {
    bool left = i < rows;
    size_t row = left ? i : i - rows;
    size_t in_column = left ? rows : nodes.size() - rows;
    double top = cy - static_cast<double>(in_column) * kRowHeight / 2;
    double x = left ? kColumnCentre : kWidth - kColumnCentre;
    double y = top + (static_cast<double>(row) + 0.5) * kRowHeight;
    auto label = label_of(context.site.topics[nodes[i].topic].name);
    double half = static_cast<double>(std::max(label.size(), nodes[i].grade.size())) * kCharWidth / 2 + 10;
    lines += "<line class=\"edge edge-" + std::string(nodes[i].css) + "\" x1=\"" + number(cx) + "\" y1=\"" +
             number(cy) + "\" x2=\"" + number(left ? x + half : x - half) + "\" y2=\"" + number(y) + "\"/>";
    boxes += draw_node(context, nodes[i], x, y);
  }
  auto centre = label_of(name);
  double width = static_cast<double>(centre.size()) * 8.6 + 28;
  svg += lines + boxes;
  svg += "<rect class=\"node node-centre\" x=\"" + number(cx - width / 2) + "\" y=\"" + number(cy - 22) +
         "\" width=\"" + number(width) + "\" height=\"44\" rx=\"10\"/>";
  svg += "<text class=\"centre-text\" x=\"" + number(cx) + "\" y=\"" + number(cy + 6) + "\">" + html_escape(centre) +
         "</text></svg>";
  return svg;
}

}  // namespace topichub
