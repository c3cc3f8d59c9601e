// Results as you type on the search page. Without this script the form
// still works: it submits to /search/?q= and the server answers with a page.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var results = document.getElementById("search-results");
  // Screen readers hear only the count (a polite status), not every result.
  var status = document.getElementById("search-status");
  if (!input || !results || !window.fetch) return;
  var api = input.getAttribute("data-api");
  var timer = 0;
  var latest = 0;

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  // Snippets arrive escaped, with <mark> around matches; rebuild them as
  // nodes so that nothing else in them can become markup.
  function snippet(html) {
    var p = document.createElement("p");
    var parts = html.split(/(<mark>|<\/mark>)/);
    var marked = false;
    var decoder = document.createElement("textarea");
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      decoder.innerHTML = part;
      p.appendChild(marked ? text("mark", decoder.value) : document.createTextNode(decoder.value));
    });
    return p;
  }

  function show(data) {
    results.textContent = "";
    var count = data.total === 1 ? "1 result" : data.total + " results";
    var summary = count + " for \u201c" + data.query + "\u201d";
    results.appendChild(text("p", summary, "lead"));
    if (status) status.textContent = summary;
    var list = document.createElement("ol");
    list.className = "results";
    data.hits.forEach(function (hit) {
      var item = document.createElement("li");
      item.className = "result";
      var heading = document.createElement("h2");
      var link = text("a", hit.title);
      link.href = hit.url;
      heading.appendChild(link);
      if (hit.kind === "topic") heading.appendChild(text("span", "Topic", "kind"));
      item.appendChild(heading);
      item.appendChild(snippet(hit.snippet || ""));
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function search() {
    var query = input.value;
    var ticket = ++latest;
    if (query.trim() === "") {
      results.textContent = "";
      if (status) status.textContent = "";
      return;
    }
    fetch(api + "?limit=10&q=" + encodeURIComponent(query))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && ticket === latest) show(data); })
      .catch(function () { /* the form still works */ });
    if (window.history && history.replaceState)
      history.replaceState(null, "", "?q=" + encodeURIComponent(query));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
})();
