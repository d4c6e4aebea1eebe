/* corridor-map: claim markers, popups and the claims panel.
 *
 * Every text comes from a JSON script element and reaches the page through textContent,
 * never innerHTML, so nothing in an article can run as script.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatValue(figure) {
    var value = Number(figure.value).toLocaleString("en-US");
    return (figure.approximate ? "about " : "") + value + " " + figure.unit;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url) ? url : null;
  }

  function popupContent(claim, article) {
    var root = el("article", "claim-popup");
    root.setAttribute("data-claim-id", claim.id);
    var head = el("header", "claim-popup-head");
    head.appendChild(el("span", "claim-number", claim.n));
    head.appendChild(el("span", "claim-kind kind-" + claim.kind, claim.kind));
    root.appendChild(head);

    var quote = el("blockquote", "claim-quote");
    quote.appendChild(el("span", "claim-quote-text", claim.quote));
    root.appendChild(quote);

    var who = el("p", "claim-speaker");
    who.appendChild(el("strong", null, claim.speaker.name));
    if (claim.speaker.role) who.appendChild(document.createTextNode(", " + claim.speaker.role));
    root.appendChild(who);

    var context = el("p", "claim-context");
    context.appendChild(el("span", "claim-context-label", "In the article: "));
    context.appendChild(document.createTextNode(claim.context.before));
    context.appendChild(el("mark", null, claim.quote));
    context.appendChild(document.createTextNode(claim.context.after));
    root.appendChild(context);

    var facts = el("dl", "claim-facts");
    function fact(term, node) {
      facts.appendChild(el("dt", null, term));
      var dd = el("dd");
      dd.appendChild(node);
      facts.appendChild(dd);
    }
    claim.figures.forEach(function (figure) {
      var span = el("span", null, "“" + figure.text + "” = " + formatValue(figure) + " (" + figure.what + ")");
      fact("Figure", span);
    });
    claim.dates.forEach(function (date) {
      fact("Date", el("span", null, "“" + date.text + "” = " + date.value + " — " + date.basis));
    });
    var places = el("ul", "claim-places");
    claim.places.forEach(function (place) {
      var item = el("li", null, place.name);
      if (place.articleTerm) {
        item.appendChild(document.createTextNode(" — the article’s term: "));
        item.appendChild(el("q", "article-term", place.articleTerm));
      }
      if (place.linked !== undefined) {
        item.classList.add("place-linked");
        item.appendChild(
          el(
            "span",
            "place-link-basis",
            place.linked
              ? " — linked by the editor: " + place.linked
              : " — linked by the editor (not named in the sentence; no reason given)"
          )
        );
      }
      places.appendChild(item);
    });
    fact("Places", places);
    root.appendChild(facts);

    var source = el("footer", "claim-source");
    var url = safeUrl(article.url);
    var headline = url ? el("a", null, article.headline) : el("span", null, article.headline);
    if (url) {
      headline.href = url;
      headline.target = "_blank";
      headline.rel = "noopener noreferrer";
    }
    source.appendChild(el("span", null, "Source: "));
    source.appendChild(headline);
    var parts = [article.publisher, article.wire, article.published].filter(Boolean);
    source.appendChild(document.createTextNode(" — " + parts.join(", ")));
    var link = el("a", "claim-link", "Link to this claim");
    link.href = "#claim-" + encodeURIComponent(claim.id);
    source.appendChild(el("br"));
    source.appendChild(link);
    root.appendChild(source);
    return root;
  }

  var SPACING = 30; /* px between marker centres; markers are 24 px wide */

  function markerIcon(claim, dx, dy) {
    var number = el("span", "claim-marker-number", claim.n);
    return L.divIcon({
      className: "claim-marker kind-" + claim.kind,
      html: number,
      iconSize: [24, 24],
      iconAnchor: [12 - dx, 12 - dy],
      popupAnchor: [dx, dy - 12],
    });
  }

  /* Offsets of n markers on rings around a centre, SPACING apart. */
  function ringOffsets(n) {
    if (n === 1) return [[0, 0]];
    var offsets = [];
    var ring = 1;
    while (offsets.length < n) {
      var radius = SPACING * ring;
      var capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / SPACING));
      var take = Math.min(capacity, n - offsets.length);
      for (var i = 0; i < take; i += 1) {
        var angle = -Math.PI / 2 + (2 * Math.PI * i) / take;
        offsets.push([Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))]);
      }
      ring += 1;
    }
    return offsets;
  }

  function ringRadius(n) {
    var offsets = ringOffsets(n);
    var last = offsets[offsets.length - 1];
    return Math.sqrt(last[0] * last[0] + last[1] * last[1]);
  }

  /* Spread the visible markers so that none covers another at the current zoom: markers
   * whose rings would touch are merged into one group laid out on shared rings. */
  function layoutMarkers(map, claims, markers, group) {
    var groups = [];
    claims.forEach(function (claim) {
      if (!group.hasLayer(markers[claim.id])) return;
      var point = map.latLngToLayerPoint(claim.anchor);
      groups.push({ x: point.x, y: point.y, members: [{ claim: claim, point: point }] });
    });
    var merged = true;
    while (merged) {
      merged = false;
      for (var a = 0; a < groups.length && !merged; a += 1) {
        for (var b = a + 1; b < groups.length && !merged; b += 1) {
          var ga = groups[a];
          var gb = groups[b];
          var reach = ringRadius(ga.members.length) + ringRadius(gb.members.length) + SPACING;
          if (Math.hypot(ga.x - gb.x, ga.y - gb.y) < reach) {
            var total = ga.members.length + gb.members.length;
            ga.x = (ga.x * ga.members.length + gb.x * gb.members.length) / total;
            ga.y = (ga.y * ga.members.length + gb.y * gb.members.length) / total;
            ga.members = ga.members.concat(gb.members);
            groups.splice(b, 1);
            merged = true;
          }
        }
      }
    }
    groups.forEach(function (g) {
      g.members.sort(function (m1, m2) {
        return m1.claim.n - m2.claim.n;
      });
      var offsets = ringOffsets(g.members.length);
      g.members.forEach(function (member, index) {
        var dx = Math.round(g.x - member.point.x + offsets[index][0]);
        var dy = Math.round(g.y - member.point.y + offsets[index][1]);
        var marker = markers[member.claim.id];
        if (marker._corridorOffset !== dx + "," + dy) {
          marker._corridorOffset = dx + "," + dy;
          marker.setIcon(markerIcon(member.claim, dx, dy));
          var node = marker.getElement();
          if (node) node.setAttribute("data-claim-id", member.claim.id);
        }
      });
    });
  }

  function option(value, label) {
    var node = el("option", null, label);
    node.value = value;
    return node;
  }

  var placeInfo = null;

  function placeNode(info, full) {
    var root = el("div", "place-info");
    root.appendChild(el("h3", null, info.name));
    info.summary.forEach(function (line) {
      root.appendChild(el("p", null, line));
    });
    if (full) {
      info.details.forEach(function (line) {
        root.appendChild(el("p", "place-detail", line));
      });
    }
    return root;
  }

  /* Bind a tooltip and a popup to a place layer, from the "corridor-places" JSON. */
  window.corridorPlace = function (feature, layer) {
    if (placeInfo === null) {
      placeInfo = JSON.parse(document.getElementById("corridor-places").textContent);
    }
    var info = Object.prototype.hasOwnProperty.call(placeInfo, feature.id) ? placeInfo[feature.id] : null;
    if (!info) return;
    layer.bindTooltip(placeNode(info, false), { sticky: true, className: "place-tooltip" });
    layer.bindPopup(placeNode(info, true), { maxWidth: 320 });
  };

  /* A group of the layer control: its shapes and points from the page's JSON element,
   * styled by feature id or drawn as circles, each bound to its tooltip and popup. */
  var shapeData = {};
  window.corridorPlaceGroup = function (group, dataId, key) {
    if (!Object.prototype.hasOwnProperty.call(shapeData, dataId)) {
      shapeData[dataId] = JSON.parse(document.getElementById(dataId).textContent);
    }
    shapeData[dataId][key].forEach(function (layer) {
      var options = { onEachFeature: window.corridorPlace };
      if (layer.circle) {
        options.pointToLayer = function (feature, latlng) {
          return L.circleMarker(latlng, layer.circle);
        };
      } else {
        options.style = function (feature) {
          return layer.styles[feature.id];
        };
      }
      L.geoJSON(layer.data, options).addTo(group);
    });
  };

  /* The offline background: countries from a JSON element, in a pane beneath the tiles. */
  window.corridorBasemap = function (map, dataId, style) {
    var data = JSON.parse(document.getElementById(dataId).textContent);
    L.geoJSON(data, { pane: "basemap", interactive: false, style: style }).addTo(map);
  };

  /* Legend and data attributions: static labels, passed as JSON. */
  window.corridorExtras = function (map, legend, attributions) {
    if (legend.length) addLegend(map, legend);
    attributions.forEach(function (text) {
      map.attributionControl.addAttribution(text);
    });
  };

  function addLegend(map, legend) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "corridor-legend");
      box.appendChild(el("h3", null, "Legend"));
      var list = el("ul");
      legend.forEach(function (entry) {
        var item = el("li");
        item.appendChild(el("span", "swatch " + entry[0]));
        item.appendChild(document.createTextNode(entry[1]));
        list.appendChild(item);
      });
      box.appendChild(list);
      return box;
    };
    control.addTo(map);
  }

  /* What floats over the map and may hide what lies beneath it. */
  var COVERS = [
    ".corridor-title",
    ".corridor-legend",
    ".leaflet-control-attribution",
    ".leaflet-control-scale",
    ".leaflet-control-layers",
    ".leaflet-control-zoom",
  ];

  function shownBox(selector) {
    var node = document.querySelector(selector);
    if (!node || node.offsetParent === null) return null;
    return node.getBoundingClientRect();
  }

  /* Fit bounds inside the part of the map that the title, legend and controls leave free. */
  function fitClear(map, bounds) {
    var box = map.getContainer().getBoundingClientRect();
    var top = 24;
    var bottom = 24;
    var left = 24;
    var title = shownBox(".corridor-title");
    if (title && title.bottom > box.top) top = Math.max(top, title.bottom - box.top + 12);
    [".leaflet-control-attribution", ".leaflet-control-scale"].forEach(function (selector) {
      var control = shownBox(selector);
      if (control) bottom = Math.max(bottom, box.bottom - control.top + 12);
    });
    var legend = shownBox(".corridor-legend");
    /* The legend sits at the bottom left: keep clear of it sideways when the map is wide
     * enough, otherwise from below. */
    if (legend) {
      if (box.width - legend.width > 2 * legend.width) left = legend.right - box.left + 12;
      else bottom = Math.max(bottom, box.bottom - legend.top + 12);
    }
    /* On a small map the margins could leave no room at all. */
    top = Math.min(top, box.height / 3);
    bottom = Math.min(bottom, box.height / 3);
    left = Math.min(left, box.width / 3);
    map.fitBounds(bounds, {
      paddingTopLeft: [left, top],
      paddingBottomRight: [24, bottom],
      maxZoom: 9,
      animate: false,
    });
  }

  /* Whether every claim marker shows whole, inside the map and clear of what floats over
   * it (markers spread around shared places may reach past the fitted bounds). */
  function markersClear(map) {
    var box = map.getContainer().getBoundingClientRect();
    var covers = COVERS.map(shownBox).filter(Boolean);
    var nodes = map.getContainer().querySelectorAll(".claim-marker");
    return Array.prototype.every.call(nodes, function (node) {
      var r = node.getBoundingClientRect();
      var inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      return (
        inside &&
        !covers.some(function (c) {
          return r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top;
        })
      );
    });
  }
  window.corridorFitClear = fitClear;

  window.corridorClaims = function (map, group, dataId) {
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var markers = {};
    var items = {};
    var list = document.getElementById("claims-list");
    var kindFilter = document.getElementById("filter-kind");
    var speakerFilter = document.getElementById("filter-speaker");
    var count = document.getElementById("claims-count");

    function select(id, updateHash) {
      Object.keys(items).forEach(function (key) {
        items[key].classList.toggle("selected", key === id);
        if (key === id) items[key].setAttribute("aria-current", "true");
        else items[key].removeAttribute("aria-current");
      });
      if (updateHash && window.history && history.replaceState) {
        history.replaceState(null, "", "#claim-" + encodeURIComponent(id));
      }
    }

    function openClaim(id, updateHash) {
      var marker = markers[id];
      if (!marker) return false;
      if (!map.hasLayer(group)) map.addLayer(group);
      if (!group.hasLayer(marker)) group.addLayer(marker);
      var opened = false;
      function open() {
        if (opened) return;
        opened = true;
        marker.openPopup();
      }
      map.once("moveend", open);
      map.flyTo(marker.getLatLng(), Math.max(map.getZoom(), 6), { duration: 0.4 });
      window.setTimeout(open, 700);
      select(id, updateHash);
      return true;
    }

    data.claims.forEach(function (claim) {
      var marker = L.marker(claim.anchor, {
        icon: markerIcon(claim, 0, 0),
        title: "Claim " + claim.n + ": " + claim.speaker.name,
        alt: "Claim " + claim.n,
        riseOnHover: true,
      });
      marker.bindPopup(popupContent(claim, data.article), {
        maxWidth: 340,
        minWidth: 240,
        autoPanPaddingTopLeft: [20, 90],
        autoPanPaddingBottomRight: [20, 20],
      });
      marker.on("click", function () {
        select(claim.id, true);
      });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) node.setAttribute("data-claim-id", claim.id);
      });
      marker.addTo(group);
      markers[claim.id] = marker;

      var item = el("li");
      var button = el("button", "claim-item");
      button.type = "button";
      button.setAttribute("data-claim-id", claim.id);
      button.appendChild(el("span", "claim-number", claim.n));
      button.appendChild(el("span", "claim-kind kind-" + claim.kind, claim.kind));
      button.appendChild(el("span", "claim-item-speaker", claim.speaker.name));
      button.appendChild(el("span", "claim-item-quote", "“" + claim.quote + "”"));
      button.addEventListener("click", function () {
        openClaim(claim.id, true);
      });
      item.appendChild(button);
      list.appendChild(item);
      items[claim.id] = button;
    });

    data.kinds.forEach(function (kind) {
      kindFilter.appendChild(option(kind, kind));
    });
    data.speakers.forEach(function (speaker) {
      speakerFilter.appendChild(option(speaker.id, speaker.name));
    });

    function applyFilters() {
      var kind = kindFilter.value;
      var speaker = speakerFilter.value;
      var shown = 0;
      data.claims.forEach(function (claim) {
        var visible = (!kind || claim.kind === kind) && (!speaker || claim.speaker.id === speaker);
        items[claim.id].parentNode.hidden = !visible;
        if (visible) {
          shown += 1;
          if (!group.hasLayer(markers[claim.id])) group.addLayer(markers[claim.id]);
        } else if (group.hasLayer(markers[claim.id])) {
          group.removeLayer(markers[claim.id]);
        }
      });
      count.textContent = "Showing " + shown + " of " + data.claims.length + " claims";
      layoutMarkers(map, data.claims, markers, group);
    }
    map.on("zoomend viewreset resize", function () {
      layoutMarkers(map, data.claims, markers, group);
    });
    kindFilter.addEventListener("change", applyFilters);
    speakerFilter.addEventListener("change", applyFilters);
    applyFilters();

    var toggle = document.getElementById("panel-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var panel = document.getElementById("claims-panel");
        var collapsed = panel.classList.toggle("collapsed");
        toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
        window.setTimeout(function () {
          map.invalidateSize();
        }, 50);
      });
    }

    function openFromHash() {
      var match = /^#claim-(.+)$/.exec(window.location.hash);
      if (!match) return;
      var id;
      try {
        id = decodeURIComponent(match[1]);
      } catch (error) {
        return;
      }
      if (Object.prototype.hasOwnProperty.call(markers, id)) openClaim(id, false);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") map.closePopup();
    });
    window.addEventListener("hashchange", openFromHash);
    /* Once the page's other controls (legend, title) exist: Leaflet measured the map before
     * the flex layout settled, so measure again, frame every claim clear of what floats
     * over the map, then follow a link to a claim. */
    function ready() {
      map.invalidateSize({ pan: false });
      if (data.bounds) fitClear(map, data.bounds);
      layoutMarkers(map, data.claims, markers, group);
      /* Zoom out (at most three steps) until the spread markers all show. */
      for (var step = 0; step < 3 && !markersClear(map) && map.getZoom() > map.getMinZoom(); step += 1) {
        map.setZoom(map.getZoom() - 1, { animate: false });
        layoutMarkers(map, data.claims, markers, group);
      }
      openFromHash();
      document.documentElement.setAttribute("data-claims-ready", String(data.claims.length));
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
    else ready();
    return { open: openClaim, markers: markers };
  };
})();
