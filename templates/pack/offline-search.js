/* Search for the board pack's copy of the site, opened from disk (file://). Browsers do not let the
   site's own search start its background worker from disk, so this script searches the same index,
   which site-gen pack writes out as a script, and shows the results in the same place. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof __index === "undefined") {
    return;
  }
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var index = document.querySelector("script[data-offline-index]");
  if (!input || !list || !meta || !index) {
    return;
  }
  var root = index.getAttribute("src").replace(/search\/search_index\.js$/, "");
  /* The site hides its search box when it finds itself on disk; here there is search to offer. */
  function reveal() {
    document.querySelectorAll(".md-search[hidden], label[for='__search'][hidden]").forEach(function (element) {
      element.hidden = false;
    });
  }
  var parser = new DOMParser();

  function plain(html) {
    return parser.parseFromString("<body>" + html, "text/html").body.textContent || "";
  }

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (term) { return term.length > 0; });
  }

  function snippet(text, term) {
    var at = Math.max(0, text.toLowerCase().indexOf(term) - 60);
    return (at > 0 ? "… " : "") + text.slice(at, at + 200) + (text.length > at + 200 ? " …" : "");
  }

  var docs = __index.docs.map(function (doc) {
    var title = plain(doc.title);
    var text = plain(doc.text);
    return { location: doc.location, title: title, text: text, words: (title + " " + text).toLowerCase() };
  });

  function show(query) {
    var wanted = terms(query);
    list.textContent = "";
    if (wanted.length === 0) {
      meta.textContent = "Type to start searching";
      return;
    }
    var found = docs.filter(function (doc) {
      return wanted.every(function (term) { return doc.words.indexOf(term) !== -1; });
    });
    /* Sections whose heading has every word come first. */
    function inTitle(doc) {
      return wanted.every(function (term) { return doc.title.toLowerCase().indexOf(term) !== -1; }) ? 0 : 1;
    }
    found = found.map(function (doc, at) { return [inTitle(doc), at, doc]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
    meta.textContent = found.length === 0 ? "No matching documents"
      : found.length + (found.length === 1 ? " matching document" : " matching documents");
    found.slice(0, 50).forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = root + doc.location;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var heading = document.createElement("h1");
      heading.textContent = doc.title;
      var words = document.createElement("p");
      words.textContent = snippet(doc.text, wanted[0]);
      article.appendChild(heading);
      article.appendChild(words);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  /* The site's own search cannot start from disk and would only say that it is starting, so the
     typing is taken here first (the capture phase), and does not reach it. */
  var toggle = document.getElementById("__search");  /* the switch that opens the results panel */
  function open(state) {
    if (toggle) {
      toggle.checked = state;
    }
  }
  window.addEventListener("input", function (event) {
    if (event.target === input) {
      event.stopImmediatePropagation();
      open(true);
      show(input.value);
    }
  }, true);
  window.addEventListener("focus", function (event) {
    if (event.target === input) {
      open(true);
      show(input.value);
    }
  }, true);
  window.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      open(false);
      input.blur();
    }
  });
  reveal();
  window.addEventListener("load", reveal);
  show(input.value);
}());
