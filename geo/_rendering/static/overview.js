/* corridor-map overview: every claim of every article on one canvas layer.
 *
 * Claims are grouped by the place their marker goes to: one circle per place, sized by how
 * many claims pass the filters and coloured by the most frequent kind among them, drawn on
 * a canvas above the routes and disputed areas the articles use. A click (or a place's
 * button in the panel) lists that place's claims, each linking to its article's map. The
 * filters live in the address's fragment (#kind=event&speaker=...), one history entry per
 * change. All text reaches the page through textContent.
 */
(function () {
  "use strict";

  var PAGE = 50; /* claims listed per popup page */
  var ARTICLE_PAGE = 200; /* articles listed at first, and added as the reader scrolls */
  var popupCount = 0; /* numbers the popups' headings, so ids stay unique */
  var MAX_RADIUS = 22;
  var MERGE_BELOW_ZOOM = 5; /* at the zooms of continents, circles that share a cell merge */
  var MERGE_CELL = 56; /* pixels: the cells of the grid they share */
  var FILTER_KEYS = ["article", "kind", "speaker", "from", "to"];
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function radiusOf(n) {
    return Math.min(MAX_RADIUS, 3 + 1.6 * Math.sqrt(n));
  }

  /* A lookup from names to their index, safe for any name ("__proto__" included). */
  function indexBy(names) {
    var table = Object.create(null);
    names.forEach(function (name, index) {
      if (!(name in table)) table[name] = index;
    });
    return table;
  }

  /* The routes and disputed areas beneath the circles: drawn once, never interactive. */
  function drawContext(map, dataId) {
    var shapes = dataId ? window.corridorReadData(dataId) : null;
    if (!shapes) return;
    var pane = map.createPane("overview-context");
    pane.style.zIndex = "350";
    pane.style.pointerEvents = "none";
    L.geoJSON(shapes.data, {
      renderer: L.canvas({ pane: "overview-context", padding: 0.3 }),
      interactive: false,
      style: function (feature) {
        return shapes.styles[feature.id];
      },
    }).addTo(map);
  }

  function compareArticles(a, b) {
    if (a[3] !== b[3]) return a[3] < b[3] ? -1 : 1; /* published, an ISO date */
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1; /* then id */
    return 0;
  }

  /* The period of the histogram (buckets: [label, first day, last day], in order and
   * contiguous) an ISO date falls in. */
  function periodOf(buckets, date) {
    var low = 0;
    var high = buckets.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (buckets[middle][1] <= date) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /* The page's claims, merged from its parts (each with its own tables of kinds,
   * speakers and places) into columns indexing the head's tables, articles sorted by date
   * then id. */
  function assemble(head) {
    var parts = head.parts.map(function (id) {
      return window.corridorReadData(id);
    });
    var kindIndex = indexBy(head.kinds);
    var speakerIndex = indexBy(head.speakers);
    var placeIndex = indexBy(
      head.places.map(function (place) {
        return place[3];
      })
    );
    var onDemand = parts.some(function (part) {
      return !!part.quoteFiles;
    });
    var rows = [];
    var starts = parts.map(function (part, p) {
      var first = new Uint32Array(part.articles.length + 1);
      var column = part.claims.article;
      for (var c = 0; c < column.length; c += 1) first[column[c] + 1] += 1;
      for (var a = 0; a < part.articles.length; a += 1) {
        first[a + 1] += first[a];
        rows.push([part.articles[a], p, a]);
      }
      return first;
    });
    rows.sort(function (x, y) {
      return compareArticles(x[0], y[0]);
    });
    var claims = { article: [], kind: [], speaker: [], place: [] };
    if (onDemand) claims.n = [];
    else {
      claims.quote = [];
      claims.id = [];
    }
    var drafts = [];
    var draftOf = parts.map(function (part) {
      var flags = new Uint8Array(part.claims.article.length);
      (part.drafts || []).forEach(function (c) {
        flags[c] = 1;
      });
      return flags;
    });
    var articles = [];
    var quoteFiles = [];
    var articleBucket = [];
    rows.forEach(function (row, number) {
      var part = parts[row[1]];
      var local = part.claims;
      articles.push(row[0]);
      articleBucket.push(periodOf(head.buckets, row[0][3]));
      if (onDemand) quoteFiles.push(part.quoteFiles[row[2]]);
      for (var c = starts[row[1]][row[2]]; c < starts[row[1]][row[2] + 1]; c += 1) {
        if (draftOf[row[1]][c]) drafts.push(claims.article.length);
        claims.article.push(number);
        claims.kind.push(kindIndex[part.kinds[local.kind[c]]]);
        claims.speaker.push(speakerIndex[part.speakers[local.speaker[c]]]);
        claims.place.push(placeIndex[part.places[local.place[c]]]);
        if (onDemand) claims.n.push(local.n[c]);
        else {
          claims.quote.push(local.quote[c]);
          claims.id.push(local.id[c]);
        }
      }
    });
    return {
      articles: articles,
      kinds: head.kinds,
      kindStyles: head.kindStyles,
      speakers: head.speakers,
      places: head.places,
      claims: claims,
      drafts: drafts,
      quoteFiles: onDemand ? quoteFiles : null,
      buckets: head.buckets,
      articleBucket: articleBucket,
      bounds: head.bounds,
      shapes: head.shapes,
    };
  }

  window.corridorOverview = function (map, group, dataId) {
    var data = assemble(window.corridorReadData(dataId));
    var claims = data.claims;
    var total = claims.article.length;
    /* Claims drafted by a program and not yet reviewed: marked wherever they are listed. */
    var drafts = {};
    (data.drafts || []).forEach(function (c) {
      drafts[c] = true;
    });
    var kindCount = data.kinds.length;
    var visible = new Uint8Array(total);
    var byPlace = data.places.map(function () {
      return [];
    });
    for (var c = 0; c < total; c += 1) byPlace[claims.place[c]].push(c);
    var articleIndex = indexBy(
      data.articles.map(function (article) {
        return article[0];
      })
    );
    var kindIndex = indexBy(data.kinds);
    var speakerIndex = indexBy(data.speakers);

    drawContext(map, data.shapes);

    var renderer = L.canvas({ padding: 0.3 });
    var markerKind = data.places.map(function () {
      return -1;
    });
    var markers = data.places.map(function (place, index) {
      var marker = L.circleMarker([place[1], place[2]], {
        renderer: renderer,
        radius: 4,
        color: "#ffffff",
        weight: 1,
        fillColor: "#6b6b6b",
        fillOpacity: 0.85,
      });
      marker.on("click", function () {
        openPlace(index, null);
      });
      return marker;
    });

    /* Below MERGE_BELOW_ZOOM, the circles of places that fall in one cell of a grid of
     * MERGE_CELL pixels merge into one: sized by their claims together, coloured by the
     * most frequent kind among them, at the centre of their claims; a click zooms in on
     * them. (The panel's list of places reaches every place at any zoom.) */
    var counted = null; /* the claims that pass the filters: per place, per place and kind */
    var merged = [];

    function arrange() {
      merged.forEach(function (circle) {
        group.removeLayer(circle);
      });
      merged = [];
      if (!counted) return;
      var zoom = map.getZoom();
      var cells = Object.create(null);
      var keys = [];
      markers.forEach(function (marker, index) {
        if (counted.perPlace[index] === 0) {
          if (group.hasLayer(marker)) group.removeLayer(marker);
          return;
        }
        var key = "place " + index;
        if (zoom < MERGE_BELOW_ZOOM) {
          var p = map.project(marker.getLatLng(), zoom);
          key = Math.floor(p.x / MERGE_CELL) + " " + Math.floor(p.y / MERGE_CELL);
        }
        if (!(key in cells)) {
          cells[key] = [];
          keys.push(key);
        }
        cells[key].push(index);
      });
      keys.forEach(function (key) {
        var members = cells[key];
        members.forEach(function (index) {
          var alone = members.length === 1;
          if (alone !== group.hasLayer(markers[index])) {
            if (alone) group.addLayer(markers[index]);
            else group.removeLayer(markers[index]);
          }
        });
        if (members.length > 1) {
          var circle = mergedCircle(members, zoom);
          merged.push(circle);
          group.addLayer(circle);
        }
      });
    }

    function mergedCircle(members, zoom) {
      var n = 0;
      var x = 0;
      var y = 0;
      var kinds = new Uint32Array(kindCount);
      var bounds = L.latLngBounds([]);
      members.forEach(function (index) {
        var here = counted.perPlace[index];
        var latLng = markers[index].getLatLng();
        var p = map.project(latLng, zoom);
        n += here;
        x += p.x * here;
        y += p.y * here;
        for (var k = 0; k < kindCount; k += 1) kinds[k] += counted.perPlaceKind[index * kindCount + k];
        bounds.extend(latLng);
      });
      var best = 0;
      for (var k = 1; k < kindCount; k += 1) if (kinds[k] > kinds[best]) best = k;
      var circle = L.circleMarker(map.unproject([x / n, y / n], zoom), {
        renderer: renderer,
        radius: radiusOf(n),
        color: data.kindStyles[best][1],
        weight: 3,
        fillColor: data.kindStyles[best][0],
        fillOpacity: 0.85,
      });
      circle.places = members;
      circle.claims = n;
      var label = plural(n, "claim", "claims") + " at " + members.length + " places; click to zoom in";
      circle.bindTooltip(el("span", null, label), { direction: "top" });
      circle.on("click", function () {
        map.fitBounds(bounds, { padding: [48, 48], maxZoom: MERGE_BELOW_ZOOM });
      });
      return circle;
    }
    map.on("zoomend", arrange);

    var articleFilter = document.getElementById("filter-article");
    var kindFilter = document.getElementById("filter-kind");
    var speakerFilter = document.getElementById("filter-speaker");
    var fromFilter = document.getElementById("filter-from");
    var toFilter = document.getElementById("filter-to");
    var count = document.getElementById("claims-count");
    var empty = document.getElementById("overview-empty");
    var filters = [articleFilter, kindFilter, speakerFilter, fromFilter, toFilter];

    data.articles.forEach(function (article, index) {
      articleFilter.appendChild(option(String(index), article[3] + " · " + article[1]));
    });
    data.kinds.forEach(function (kind, index) {
      kindFilter.appendChild(option(String(index), kind));
    });
    /* The speakers come sorted (alphabetically, ignoring case) from the page's data. */
    data.speakers.forEach(function (speaker, index) {
      speakerFilter.appendChild(option(String(index), speaker));
    });

    /* Articles: each listed while at least one of its claims passes the filters. An
     * archive holds thousands: ARTICLE_PAGE are listed at first, more as the reader
     * scrolls to the end of the list (or asks), and all of them on paper. */
    var articlesList = document.getElementById("articles-list");
    var articleItems = data.articles.map(function () {
      return null;
    });
    var articleCounts = new Uint32Array(data.articles.length);
    var articleLimit = ARTICLE_PAGE;
    var moreArticles = el("button", "overview-more", "Show more articles");
    moreArticles.type = "button";
    moreArticles.hidden = true;
    articlesList.parentNode.insertBefore(moreArticles, articlesList.nextSibling);

    function articleItem(index) {
      if (articleItems[index]) return articleItems[index];
      var article = data.articles[index];
      var item = el("li", "overview-article");
      var link = el("a", null, article[1]);
      link.href = encodeURIComponent(article[0]) + ".html";
      item.appendChild(link);
      item.appendChild(el("span", "article-meta", " " + article[2] + ", " + article[3]));
      var verdicts = ["holds", "contradicted", "cannot be checked"];
      var counted = (article[4] || []).map(function (count, index) {
        var word = index === 0 && count !== 1 ? "hold" : verdicts[index];
        return count ? count + " " + word : "";
      }).filter(Boolean);
      if (counted.length) {
        item.appendChild(el("span", "article-verdicts", " Geography: " + counted.join(", ") + "."));
      }
      var n = el("span", "article-count");
      item.appendChild(n);
      articleItems[index] = { item: item, count: n };
      return articleItems[index];
    }

    /* The articles with claims passing the filters, from the ``from``-th of them, up to
     * ``limit`` in all: added to the list (the items already there stay, and so does the
     * keyboard's focus among them), or, with ``from`` 0, the list made anew. */
    var listedArticles = 0;
    function listArticles(limit, from) {
      var fragment = document.createDocumentFragment();
      var seen = 0;
      var more = false;
      var first = null;
      for (var a = 0; a < data.articles.length; a += 1) {
        if (!articleCounts[a]) continue;
        if (seen === limit) {
          more = true;
          break;
        }
        seen += 1;
        if (seen <= from) continue;
        var entry = articleItem(a);
        entry.count.textContent = " · " + plural(articleCounts[a], "claim", "claims");
        fragment.appendChild(entry.item);
        if (!first) first = entry;
      }
      if (!from) articlesList.textContent = "";
      articlesList.appendChild(fragment);
      listedArticles = seen;
      moreArticles.hidden = !more;
      return first;
    }
    function listMore() {
      articleLimit += ARTICLE_PAGE;
      return listArticles(articleLimit, listedArticles);
    }
    moreArticles.addEventListener("click", function () {
      var first = listMore();
      /* The button may hide, once the last articles are listed: the keyboard goes on from
       * the first article it added. */
      if (first) first.item.querySelector("a").focus();
    });
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(
        function (entries) {
          /* A keyboard on the button asks for itself (pressing it moves on to what it
           * added), rather than have the button vanish from under it. */
          if (settling || document.activeElement === moreArticles) return;
          if (entries[0].isIntersecting && !moreArticles.hidden) listMore();
        },
        { root: document.getElementById("claims-panel"), rootMargin: "400px" }
      ).observe(moreArticles);
    }
    /* On paper, every article; back on screen, as many as before. While the page leaves
     * its printed layout, the end of the list may seem in view: it is not yet. */
    var printing = false;
    var settling = false;
    function forPrint(on) {
      if (on === printing) return;
      printing = on;
      listArticles(on ? Infinity : articleLimit, 0);
      if (on) return;
      settling = true;
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          settling = false;
        });
      });
    }
    window.corridorOnPrint(forPrint);

    /* Places: the circles' stand-ins for the keyboard and screen readers. */
    var placesList = document.getElementById("places-list");
    var placeItems = data.places.map(function (place, index) {
      var item = el("li");
      var button = el("button", "place-button");
      button.type = "button";
      button.setAttribute("data-place", String(index));
      button.addEventListener("click", function () {
        flyToPlace(index, button);
      });
      item.appendChild(button);
      return { item: item, button: button, shown: -1 };
    });

    /* Histogram: one button per period, counting the claims that pass the other filters. */
    var bars = document.getElementById("overview-histogram");
    var buckets = data.buckets;
    var bucketBars = buckets.map(function (bucket, index) {
      var button = el("button", "histogram-bar");
      button.type = "button";
      button.setAttribute("data-bucket", String(index));
      var fill = el("span", "histogram-fill");
      button.appendChild(fill);
      button.addEventListener("click", function () {
        var chosen = fromFilter.value === bucket[1] && toFilter.value === bucket[2];
        fromFilter.value = chosen ? "" : bucket[1];
        toFilter.value = chosen ? "" : bucket[2];
        changed();
      });
      bars.appendChild(button);
      return { button: button, fill: fill };
    });
    var axis = document.getElementById("histogram-axis");
    if (buckets.length) {
      axis.appendChild(el("span", null, buckets[0][0]));
      if (buckets.length > 1) axis.appendChild(el("span", null, buckets[buckets.length - 1][0]));
    }

    /* Popups: one at a time, focus moved in, and back to where it came from on close. */
    var popup = null;
    var returnFocus = null;

    /* Maps sharing assets/: each article's quotes and claim ids are in a file of their
     * own (data.quoteFiles), loaded the first time a popup lists one of its claims. */
    var quoteWaiters = {};
    function withQuotes(a, callback) {
      var key = "corridor-quotes:" + data.articles[a][0];
      var known = window.corridorData || {};
      if (Object.prototype.hasOwnProperty.call(known, key)) {
        callback(known[key]);
        return;
      }
      if (quoteWaiters[a]) {
        quoteWaiters[a].push(callback);
        return;
      }
      quoteWaiters[a] = [callback];
      function done() {
        var waiting = quoteWaiters[a];
        delete quoteWaiters[a];
        var all = window.corridorData || {};
        var rows = Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
        waiting.forEach(function (wait) {
          wait(rows);
        });
      }
      var script = document.createElement("script");
      script.src = data.quoteFiles[a];
      script.onload = done;
      script.onerror = done;
      document.head.appendChild(script);
    }

    function claimEntry(c) {
      var article = data.articles[claims.article[c]];
      var kind = data.kinds[claims.kind[c]];
      var item = el("li", "overview-claim");
      item.appendChild(el("span", "claim-kind kind-" + kind, kind));
      if (drafts[c]) item.appendChild(el("span", "claim-draft", "draft, not reviewed"));
      item.appendChild(document.createTextNode(" "));
      var mapOf = encodeURIComponent(article[0]) + ".html";
      var quote = el("q", "claim-quote-text", claims.quote ? claims.quote[c] : "…");
      item.appendChild(quote);
      item.appendChild(el("span", "claim-item-speaker", " — " + data.speakers[claims.speaker[c]]));
      var source = el("div", "claim-source");
      var link = el("a", null, article[1]);
      if (claims.quote) {
        link.href = mapOf + "#claim-" + encodeURIComponent(claims.id[c]);
      } else {
        link.href = mapOf;
        quote.setAttribute("data-loading", "");
        quote.setAttribute("aria-busy", "true");
        withQuotes(claims.article[c], function (rows) {
          var row = rows && rows[claims.n[c]];
          quote.removeAttribute("data-loading");
          quote.removeAttribute("aria-busy");
          if (!row) {
            quote.textContent = "(quote not found: open the article's map)";
            return;
          }
          quote.textContent = row[1];
          link.href = mapOf + "#claim-" + encodeURIComponent(row[0]);
        });
      }
      source.appendChild(link);
      source.appendChild(document.createTextNode(" — " + article[2] + ", " + article[3]));
      item.appendChild(source);
      return item;
    }

    function placePopup(index) {
      var root = el("div", "overview-popup");
      root.setAttribute("tabindex", "-1");
      root.setAttribute("role", "region");
      var members = byPlace[index].filter(function (c) {
        return visible[c];
      });
      var heading = el("h3", null, data.places[index][0]);
      popupCount += 1;
      heading.id = "overview-popup-heading-" + popupCount;
      root.setAttribute("aria-labelledby", heading.id);
      root.appendChild(heading);
      root.appendChild(el("p", "overview-count", plural(members.length, "claim matches", "claims match") + " the filters"));
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

    function openPlace(index, from) {
      var content = placePopup(index);
      map.closePopup();
      returnFocus = from;
      /* Sized to the map and kept clear of what floats over it, as on an article's map. */
      popup = L.popup(window.corridorPopupOptions(map))
        .setLatLng(markers[index].getLatLng())
        .setContent(content)
        .openOn(map);
      content.focus({ preventScroll: true });
    }

    function flyToPlace(index, button) {
      var opened = false;
      function open() {
        if (opened) return;
        opened = true;
        openPlace(index, button);
      }
      var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      var target = markers[index].getLatLng();
      var zoom = Math.max(map.getZoom(), 6);
      if (reduced) {
        map.setView(target, zoom, { animate: false });
        open();
        return;
      }
      map.once("moveend", open);
      map.flyTo(target, zoom, { duration: 0.4 });
      window.setTimeout(open, 700);
    }

    map.on("popupclose", function (event) {
      if (event.popup !== popup) return;
      var target = returnFocus;
      var container = popup.getElement();
      popup = null;
      returnFocus = null;
      var active = document.activeElement;
      if (target && (!active || active === document.body || (container && container.contains(active)))) {
        target.focus();
      }
    });
    window.corridorRefitPopups(map);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popup) map.closePopup();
    });

    /* Filters: the controls' state, read from and written to the address's fragment. */
    function controlState() {
      var state = {};
      state.article = articleFilter.value === "" ? "" : data.articles[Number(articleFilter.value)][0];
      state.kind = kindFilter.value === "" ? "" : data.kinds[Number(kindFilter.value)];
      state.speaker = speakerFilter.value === "" ? "" : data.speakers[Number(speakerFilter.value)];
      state.from = fromFilter.value;
      state.to = toFilter.value;
      return state;
    }

    function stateHash(state) {
      return FILTER_KEYS.filter(function (key) {
        return state[key] !== "";
      })
        .map(function (key) {
          return key + "=" + encodeURIComponent(state[key]);
        })
        .join("&");
    }

    /* The filters a fragment names; anything unknown or malformed is left out. */
    function hashState(hash) {
      var state = { article: "", kind: "", speaker: "", from: "", to: "" };
      hash
        .replace(/^#/, "")
        .split("&")
        .forEach(function (pair) {
          var eq = pair.indexOf("=");
          if (eq < 1) return;
          var key = pair.slice(0, eq);
          if (FILTER_KEYS.indexOf(key) < 0) return;
          var value;
          try {
            value = decodeURIComponent(pair.slice(eq + 1));
          } catch (error) {
            return;
          }
          state[key] = value;
        });
      return state;
    }

    function setControls(state) {
      articleFilter.value = state.article in articleIndex ? String(articleIndex[state.article]) : "";
      kindFilter.value = state.kind in kindIndex ? String(kindIndex[state.kind]) : "";
      speakerFilter.value = state.speaker in speakerIndex ? String(speakerIndex[state.speaker]) : "";
      fromFilter.value = ISO_DATE.test(state.from) ? state.from : "";
      toFilter.value = ISO_DATE.test(state.to) ? state.to : "";
    }

    function pushState() {
      var hash = stateHash(controlState());
      if (hash === window.location.hash.replace(/^#/, "")) return;
      var base = window.location.href.split("#")[0];
      try {
        window.history.pushState(null, "", hash ? "#" + hash : base);
      } catch (error) {
        /* Some browsers refuse history on pages opened from disk: the filters still work. */
      }
    }

    function fromHash() {
      setControls(hashState(window.location.hash));
      apply();
    }

    function changed() {
      apply();
      pushState();
    }

    function reset() {
      filters.forEach(function (input) {
        input.value = "";
      });
      changed();
    }

    function apply() {
      var article = articleFilter.value === "" ? -1 : Number(articleFilter.value);
      var kind = kindFilter.value === "" ? -1 : Number(kindFilter.value);
      var speaker = speakerFilter.value === "" ? -1 : Number(speakerFilter.value);
      var from = fromFilter.value;
      var to = toFilter.value;
      var articleInRange = data.articles.map(function (entry) {
        return (!from || entry[3] >= from) && (!to || entry[3] <= to);
      });
      var shown = 0;
      var places = data.places.length;
      var perPlace = new Uint32Array(places);
      var perPlaceKind = new Uint32Array(places * kindCount);
      var perArticle = new Uint32Array(data.articles.length);
      var perBucket = new Uint32Array(buckets.length);
      for (var c = 0; c < total; c += 1) {
        var a = claims.article[c];
        var ok =
          (article < 0 || a === article) &&
          (kind < 0 || claims.kind[c] === kind) &&
          (speaker < 0 || claims.speaker[c] === speaker);
        if (ok) perBucket[data.articleBucket[a]] += 1;
        ok = ok && articleInRange[a];
        visible[c] = ok ? 1 : 0;
        if (ok) {
          shown += 1;
          perPlace[claims.place[c]] += 1;
          perPlaceKind[claims.place[c] * kindCount + claims.kind[c]] += 1;
          perArticle[a] += 1;
        }
      }
      var placesShown = 0;
      markers.forEach(function (marker, index) {
        var n = perPlace[index];
        if (n > 0) {
          placesShown += 1;
          /* The most frequent kind; a tie goes to the kind listed first. */
          var best = 0;
          for (var k = 1; k < kindCount; k += 1) {
            if (perPlaceKind[index * kindCount + k] > perPlaceKind[index * kindCount + best]) best = k;
          }
          if (markerKind[index] !== best) {
            markerKind[index] = best;
            marker.setStyle({ fillColor: data.kindStyles[best][0], color: data.kindStyles[best][1] });
          }
          marker.setRadius(radiusOf(n));
        }
      });
      counted = { perPlace: perPlace, perPlaceKind: perPlaceKind };
      arrange();
      articleCounts = perArticle;
      listArticles(printing ? Infinity : articleLimit, 0);
      updatePlaces(perPlace);
      updateHistogram(perBucket, from, to);
      map.closePopup();
      count.textContent =
        "Showing " + shown + " of " + total + " claims, at " + plural(placesShown, "place", "places");
      empty.hidden = shown > 0;
    }

    function updatePlaces(perPlace) {
      var order = [];
      placeItems.forEach(function (entry, index) {
        var n = perPlace[index];
        if (n !== entry.shown) {
          entry.shown = n;
          entry.button.textContent = data.places[index][0] + " — " + plural(n, "claim", "claims");
        }
        entry.item.hidden = n === 0;
        order.push(index);
      });
      order.sort(function (i, j) {
        if (perPlace[i] !== perPlace[j]) return perPlace[j] - perPlace[i];
        var a = data.places[i][0].toLowerCase();
        var b = data.places[j][0].toLowerCase();
        return a < b ? -1 : a > b ? 1 : i - j;
      });
      order.forEach(function (index) {
        placesList.appendChild(placeItems[index].item);
      });
    }

    function updateHistogram(perBucket, from, to) {
      var most = 1;
      for (var b = 0; b < perBucket.length; b += 1) most = Math.max(most, perBucket[b]);
      bucketBars.forEach(function (bar, index) {
        var bucket = buckets[index];
        var n = perBucket[index];
        var inside = (!from || bucket[2] >= from) && (!to || bucket[1] <= to);
        var label = bucket[0] + ": " + plural(n, "claim", "claims");
        bar.button.setAttribute("aria-label", label);
        bar.button.title = label;
        bar.button.setAttribute("aria-pressed", from === bucket[1] && to === bucket[2] ? "true" : "false");
        bar.button.classList.toggle("outside", !inside);
        bar.fill.style.height = n ? Math.max(4, Math.round((100 * n) / most)) + "%" : "0";
      });
    }

    /* The first view holds every circle whole, clear of the title, legend and controls. */
    function circleBoxes(shown) {
      var box = map.getContainer().getBoundingClientRect();
      return shown.map(function (marker) {
        var p = map.latLngToContainerPoint(marker.getLatLng());
        var r = marker.getRadius() + marker.options.weight;
        return { left: box.left + p.x - r, right: box.left + p.x + r, top: box.top + p.y - r, bottom: box.top + p.y + r };
      });
    }

    function inside(shown) {
      var box = map.getContainer().getBoundingClientRect();
      return circleBoxes(shown).every(function (r) {
        return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      });
    }

    function clear(shown) {
      var covers = window.corridorCovers();
      return (
        inside(shown) &&
        circleBoxes(shown).every(function (r) {
          return !covers.some(function (c) {
            return r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top;
          });
        })
      );
    }

    /* The circles on the map: places alone, and places merged. */
    function drawnCircles() {
      return markers
        .filter(function (marker) {
          return group.hasLayer(marker);
        })
        .concat(merged);
    }

    function fitCircles() {
      /* Every place with claims, merged or not: the view that frames them all. */
      var places = markers.filter(function (marker, index) {
        return counted && counted.perPlace[index] > 0;
      });
      if (!places.length) {
        if (data.bounds) window.corridorFitClear(map, data.bounds);
        return;
      }
      window.corridorFitClear(
        map,
        L.latLngBounds(
          places.map(function (marker) {
            return marker.getLatLng();
          })
        )
      );
      /* Widen the bounds by each circle's radius at the zoom reached (circles merge or
       * part as the zoom changes), and fit again. */
      for (var pass = 0; pass < 3 && !clear(drawnCircles()); pass += 1) {
        var zoom = map.getZoom();
        var wide = L.latLngBounds([]);
        drawnCircles().forEach(function (marker) {
          var p = map.project(marker.getLatLng(), zoom);
          var r = marker.getRadius() + marker.options.weight;
          wide.extend(map.unproject(p.subtract([r, r]), zoom));
          wide.extend(map.unproject(p.add([r, r]), zoom));
        });
        window.corridorFitClear(map, wide);
      }
      /* Still not clear (merged circles move as they merge): a step back at a time. */
      for (var step = 0; step < 3 && !clear(drawnCircles()) && map.getZoom() > map.getMinZoom(); step += 1) {
        map.setZoom(map.getZoom() - 1, { animate: false });
      }
    }

    filters.forEach(function (input) {
      input.addEventListener("change", changed);
    });
    document.getElementById("filter-reset").addEventListener("click", reset);
    document.getElementById("overview-empty-reset").addEventListener("click", reset);
    window.addEventListener("popstate", fromHash);
    window.addEventListener("hashchange", function () {
      if (stateHash(controlState()) !== stateHash(hashState(window.location.hash))) fromHash();
    });
    setControls(hashState(window.location.hash));
    apply();

    var api = {
      map: map,
      markers: markers,
      merged: function () {
        return merged;
      },
      apply: apply,
      reset: reset,
      fit: fitCircles,
    };
    window.corridorOverviewApi = api; /* for tests and the benchmark */

    /* Once the legend and title exist (they are made after this layer), measure the map
     * again and frame the circles. */
    function ready() {
      map.invalidateSize({ pan: false });
      fitCircles();
      window.requestAnimationFrame(function () {
        document.documentElement.setAttribute("data-ready-ms", String(performance.now()));
        document.documentElement.setAttribute("data-overview-ready", String(total));
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
    else ready();
    return api;
  };
})();
