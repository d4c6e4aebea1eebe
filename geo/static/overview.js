/* corridor-map overview: every claim of every article on one canvas layer.
 *
 * Claims are grouped by the place their marker goes to: one circle per place, sized by how
 * many claims pass the filters, drawn on a canvas. A click lists that place's claims, each
 * linking to its article's map. All text reaches the page through textContent.
 */
(function () {
  "use strict";

  var PAGE = 50; /* claims listed per popup page */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function option(value, label) {
    var node = el("option", null, label);
    node.value = value;
    return node;
  }

  window.corridorOverview = function (map, group, dataId) {
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var claims = data.claims;
    var total = claims.quote.length;
    var visible = new Uint8Array(total);
    var byPlace = data.places.map(function () {
      return [];
    });
    for (var c = 0; c < total; c += 1) byPlace[claims.place[c]].push(c);

    var renderer = L.canvas({ padding: 0.3 });
    var markers = data.places.map(function (place, index) {
      var marker = L.circleMarker([place[1], place[2]], {
        renderer: renderer,
        radius: 4,
        color: "#7f2704",
        weight: 1,
        fillColor: "#e6550d",
        fillOpacity: 0.75,
      });
      marker.on("click", function () {
        marker.bindPopup(placePopup(index), { maxWidth: 360, minWidth: 260 }).openPopup();
      });
      return marker;
    });

    var articleFilter = document.getElementById("filter-article");
    var kindFilter = document.getElementById("filter-kind");
    var speakerFilter = document.getElementById("filter-speaker");
    var fromFilter = document.getElementById("filter-from");
    var toFilter = document.getElementById("filter-to");
    var count = document.getElementById("claims-count");

    data.articles.forEach(function (article, index) {
      articleFilter.appendChild(option(String(index), article[3] + " · " + article[1]));
    });
    data.kinds.forEach(function (kind, index) {
      kindFilter.appendChild(option(String(index), kind));
    });
    data.speakers.forEach(function (speaker, index) {
      speakerFilter.appendChild(option(String(index), speaker));
    });

    var list = document.getElementById("articles-list");
    data.articles.forEach(function (article) {
      var item = el("li");
      var link = el("a", null, article[1]);
      link.href = encodeURIComponent(article[0]) + ".html";
      item.appendChild(link);
      item.appendChild(el("span", "article-meta", " " + article[2] + ", " + article[3]));
      list.appendChild(item);
    });

    function claimEntry(c) {
      var article = data.articles[claims.article[c]];
      var item = el("li", "overview-claim");
      item.appendChild(el("span", "claim-kind kind-" + data.kinds[claims.kind[c]], data.kinds[claims.kind[c]]));
      item.appendChild(el("q", "claim-quote-text", claims.quote[c]));
      item.appendChild(el("span", "claim-item-speaker", " — " + data.speakers[claims.speaker[c]]));
      var source = el("div", "claim-source");
      var link = el("a", null, article[1]);
      link.href = encodeURIComponent(article[0]) + ".html#claim-" + encodeURIComponent(claims.id[c]);
      source.appendChild(link);
      source.appendChild(document.createTextNode(" — " + article[2] + ", " + article[3]));
      item.appendChild(source);
      return item;
    }

    function placePopup(index) {
      var root = el("div", "overview-popup");
      var members = byPlace[index].filter(function (c) {
        return visible[c];
      });
      root.appendChild(el("h3", null, data.places[index][0]));
      root.appendChild(el("p", "overview-count", members.length + " claim(s) match the filters"));
      var listNode = el("ol", "overview-claims");
      root.appendChild(listNode);
      var shown = 0;
      var more = el("button", "overview-more", "Show more");
      more.type = "button";
      function page() {
        members.slice(shown, shown + PAGE).forEach(function (c) {
          listNode.appendChild(claimEntry(c));
        });
        shown = Math.min(members.length, shown + PAGE);
        more.hidden = shown >= members.length;
      }
      more.addEventListener("click", page);
      page();
      root.appendChild(more);
      return root;
    }

    function apply() {
      var article = articleFilter.value === "" ? -1 : Number(articleFilter.value);
      var kind = kindFilter.value === "" ? -1 : Number(kindFilter.value);
      var speaker = speakerFilter.value === "" ? -1 : Number(speakerFilter.value);
      var from = fromFilter.value;
      var to = toFilter.value;
      var shown = 0;
      var perPlace = new Uint32Array(data.places.length);
      for (var c = 0; c < total; c += 1) {
        var date = data.articles[claims.article[c]][3];
        var ok =
          (article < 0 || claims.article[c] === article) &&
          (kind < 0 || claims.kind[c] === kind) &&
          (speaker < 0 || claims.speaker[c] === speaker) &&
          (!from || date >= from) &&
          (!to || date <= to);
        visible[c] = ok ? 1 : 0;
        if (ok) {
          shown += 1;
          perPlace[claims.place[c]] += 1;
        }
      }
      markers.forEach(function (marker, index) {
        var n = perPlace[index];
        if (n > 0) {
          marker.setRadius(Math.min(22, 3 + 1.6 * Math.sqrt(n)));
          if (!group.hasLayer(marker)) group.addLayer(marker);
        } else if (group.hasLayer(marker)) {
          group.removeLayer(marker);
        }
      });
      map.closePopup();
      count.textContent = "Showing " + shown + " of " + total + " claims";
    }

    [articleFilter, kindFilter, speakerFilter, fromFilter, toFilter].forEach(function (input) {
      input.addEventListener("change", apply);
    });
    map.invalidateSize({ pan: false });
    if (data.bounds) window.corridorFitClear(map, data.bounds);
    apply();
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") map.closePopup();
    });
    var api = { markers: markers, apply: apply };
    window.corridorOverviewApi = api; /* for tests and the benchmark */
    window.requestAnimationFrame(function () {
      document.documentElement.setAttribute("data-ready-ms", String(performance.now()));
      document.documentElement.setAttribute("data-overview-ready", String(total));
    });
    return api;
  };
})();
