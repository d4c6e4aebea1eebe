/* corridor-map: claim markers, popups, place labels, the legend and the claims panel.
 *
 * Every text comes from a JSON script element and reaches the page through textContent,
 * never innerHTML, so nothing in an article can run as script.
 */
(function () {
  "use strict";

  /* A page's JSON by id: a data element of the page, or (maps sharing assets/) what a
   * script of assets/ filed under that id. */
  function readData(id) {
    var shared = window.corridorData;
    if (shared && Object.prototype.hasOwnProperty.call(shared, id)) return shared[id];
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  window.corridorReadData = readData;

  /* Call ``callback(true)`` when the page is printed (or shown as printed), and
   * ``callback(false)`` when it is back on screen. */
  window.corridorOnPrint = function (callback) {
    if (window.matchMedia) {
      var query = window.matchMedia("print");
      var onChange = function (event) {
        callback(event.matches);
      };
      if (query.addEventListener) query.addEventListener("change", onChange);
      else if (query.addListener) query.addListener(onChange);
    }
    window.addEventListener("beforeprint", function () {
      callback(true);
    });
    window.addEventListener("afterprint", function () {
      callback(false);
    });
  };

  /* A shape's geometry, or (shared layout) the file of assets/ that holds it. */
  function resolveShared(data) {
    data.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (geometry && typeof geometry.shared === "string") {
        feature.geometry = readData(geometry.shared);
      }
    });
    return data;
  }

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

  /* Text that may run right to left (quotes, names) keeps its own direction. */
  function bidi(node) {
    node.dir = "auto";
    return node;
  }

  /* The claim's number in its kind's colour and shape, as on its marker. */
  function numberBadge(claim) {
    var badge = el("span", "claim-number shape kind-" + claim.kind, claim.n);
    return badge;
  }

  /* What a screen reader says of a marker: "Claim 3, event: <speaker> — <first eight words>…" */
  function claimName(claim) {
    var words = claim.quote.split(/\s+/);
    var start = words.slice(0, 8).join(" ") + (words.length > 8 ? "…" : "");
    return "Claim " + claim.n + ", " + claim.kind + ": " + claim.speaker.name + " — " + start;
  }

  /* A claim drafted by corridor-map draft that no one has reviewed says so wherever it shows. */
  function draftMark() {
    var mark = el("span", "claim-draft", "draft, not reviewed");
    mark.title = "Drafted by a program from the article and not yet checked by a person";
    return mark;
  }

  /* What the spatial fact-check found: "holds", "contradicted" or "cannot be checked". */
  var VERDICT_MARKS = { "holds": "✓", "contradicted": "✗", "cannot be checked": "?" };
  function verdictMark(verdict, label) {
    var mark = el("span", "claim-verdict verdict-" + verdict.replace(/ /g, "-"), (VERDICT_MARKS[verdict] || "") + " " + label);
    return mark;
  }

  function checksNode(claim) {
    var box = el("section", "claim-checks");
    box.appendChild(el("h3", "claim-checks-head", "Geography checked"));
    var items = el("ul", "claim-checks-list");
    (claim.checks || []).forEach(function (check) {
      var item = el("li", "claim-check");
      item.appendChild(verdictMark(check.verdict, check.verdict));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(bidi(el("q", "claim-check-text", check.text)));
      if (check.byHand) item.appendChild(el("span", "claim-check-hand", " (stated by the editor)"));
      item.appendChild(el("span", "claim-check-figure", check.figure));
      item.appendChild(el("span", "claim-check-rule", "Rule (" + check.pattern + "): " + check.rule));
      items.appendChild(item);
    });
    /* A statement the editor switched off stays in sight, with the reason. */
    (claim.unchecked || []).forEach(function (off) {
      var item = el("li", "claim-check claim-check-off");
      item.appendChild(el("span", "claim-verdict verdict-off", "– not checked"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(bidi(el("q", "claim-check-text", off.text)));
      item.appendChild(el("span", "claim-check-figure", "Switched off by the editor: " + off.reason));
      items.appendChild(item);
    });
    box.appendChild(items);
    return box;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url) ? url : null;
  }

  function popupContent(claim, article) {
    var root = el("article", "claim-popup");
    root.setAttribute("data-claim-id", claim.id);
    root.setAttribute("tabindex", "-1");
    root.setAttribute("aria-label", "Claim " + claim.n + ", " + claim.kind);
    var head = el("header", "claim-popup-head");
    head.appendChild(numberBadge(claim));
    head.appendChild(el("span", "claim-kind kind-" + claim.kind, claim.kind));
    if (claim.draft) head.appendChild(draftMark());
    if (claim.verdict) head.appendChild(verdictMark(claim.verdict, "geography " + claim.verdict));
    root.appendChild(head);

    var quote = el("blockquote", "claim-quote");
    quote.appendChild(bidi(el("span", "claim-quote-text", claim.quote)));
    root.appendChild(quote);

    var who = el("p", "claim-speaker");
    who.appendChild(bidi(el("strong", null, claim.speaker.name)));
    if (claim.speaker.role) who.appendChild(document.createTextNode(", " + claim.speaker.role));
    root.appendChild(who);

    var context = el("p", "claim-context");
    context.appendChild(el("span", "claim-context-label", "In the article: "));
    context.appendChild(document.createTextNode(claim.context.before));
    context.appendChild(bidi(el("mark", null, claim.quote)));
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
    if (claim.checks || claim.unchecked) root.appendChild(checksNode(claim));

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
    if (article.byline) source.appendChild(document.createTextNode(" — " + article.byline));
    (article.variants || []).forEach(function (variant) {
      if (claim.quote.indexOf(variant.here) < 0) return;
      source.appendChild(el("br"));
      source.appendChild(bidi(el("span", "claim-variant", variantText(variant))));
      var where = safeUrl(variant.url);
      if (where) {
        var read = el("a", "claim-variant-link", "read it");
        read.href = where;
        read.target = "_blank";
        read.rel = "noopener noreferrer";
        source.appendChild(document.createTextNode(" ("));
        source.appendChild(read);
        source.appendChild(document.createTextNode(")"));
      }
    });
    var link = el("a", "claim-link", "Link to this claim");
    link.href = "#claim-" + encodeURIComponent(claim.id);
    source.appendChild(el("br"));
    source.appendChild(link);
    root.appendChild(source);
    return root;
  }

  /* How another copy of the story, or the official account, words a passage of this one. */
  function variantText(variant) {
    var lead =
      variant.account === "official"
        ? "The official account words this differently: "
        : "Another copy words this differently: ";
    return (
      lead + variant.outlet + " (" + variant.published + ") has “" + variant.there + "” for “" + variant.here + "”"
    );
  }

  function option(value, label) {
    var node = el("option", null, label);
    node.value = value;
    return node;
  }

  var placeInfo = null;

  function placesInfo() {
    if (placeInfo === null) {
      placeInfo = readData("corridor-places") || {};
    }
    return placeInfo;
  }

  function placeNode(info, full, tag) {
    var root = el(tag || "div", "place-info");
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

  var PLACE_POPUP = "claim-popup-wrap place-popup-wrap";

  /* Bind a tooltip and a popup to a place layer, from the "corridor-places" JSON. */
  window.corridorPlace = function (feature, layer) {
    var all = placesInfo();
    var info = Object.prototype.hasOwnProperty.call(all, feature.id) ? all[feature.id] : null;
    if (!info) return;
    layer.bindTooltip(placeNode(info, false), { sticky: true, className: "place-tooltip" });
    layer.bindPopup(placeNode(info, true), { maxWidth: 320, className: PLACE_POPUP });
    /* Sized when it opens, as a claim's popup is: a route's cited figures and sources run
     * long, and must scroll within the map rather than off it. */
    layer.on("popupopen", function (event) {
      var map = layer._map;
      if (!map) return;
      var options = popupOptions(map);
      options.className = PLACE_POPUP;
      L.Util.setOptions(event.popup, options);
      event.popup.update();
    });
  };

  /* Places are drawn on one canvas: one element for all shapes, so zooming stays smooth,
   * and no shape sits in the keyboard's way (their words are in the panel's place list). */
  var placeRenderer = null;
  var hatches = {};

  /* "#rrggbb" with an opacity, as a canvas colour. */
  function rgba(colour, alpha) {
    var rgb = [1, 3, 5].map(function (i) {
      return parseInt(colour.slice(i, i + 2), 16);
    });
    return "rgba(" + rgb.join(", ") + ", " + alpha + ")";
  }

  /* The diagonal hatching of disputed areas, in their outline's colour, as a canvas
   * pattern. */
  function hatchPattern(colour) {
    if (hatches[colour]) return hatches[colour];
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var ctx = tile.getContext("2d");
    if (!ctx) return colour;
    ctx.fillStyle = rgba(colour, 0.1);
    ctx.fillRect(0, 0, 8, 8);
    ctx.strokeStyle = rgba(colour, 0.6);
    ctx.lineWidth = 2.2;
    ctx.beginPath();
    [[-4, 4, 4, -4], [0, 8, 8, 0], [4, 12, 12, 4]].forEach(function (l) {
      ctx.moveTo(l[0], l[1]);
      ctx.lineTo(l[2], l[3]);
    });
    ctx.stroke();
    hatches[colour] = ctx.createPattern(tile, "repeat") || colour;
    return hatches[colour];
  }

  function canvasStyle(style) {
    if (style.fillPattern !== "hatch") return style;
    return L.Util.extend({}, style, { fillColor: hatchPattern(style.color) });
  }

  /* A group of the layer control: its shapes and points from the page's JSON element,
   * styled by feature id or drawn as circles, each bound to its tooltip and popup. */
  var shapeData = {};
  window.corridorPlaceGroup = function (group, dataId, key) {
    if (!Object.prototype.hasOwnProperty.call(shapeData, dataId)) {
      shapeData[dataId] = readData(dataId);
    }
    if (placeRenderer === null) placeRenderer = L.canvas({ padding: 0.1, tolerance: 3 });
    shapeData[dataId][key].forEach(function (layer) {
      var options = { onEachFeature: window.corridorPlace, renderer: placeRenderer };
      if (layer.circle) {
        options.pointToLayer = function (feature, latlng) {
          return L.circleMarker(latlng, L.Util.extend({ renderer: placeRenderer }, layer.circle));
        };
      } else {
        options.style = function (feature) {
          return canvasStyle(layer.styles[feature.id]);
        };
      }
      L.geoJSON(resolveShared(layer.data), options)
        .eachLayer(strokeOnly)
        .addTo(group);
    });
  };

  /* An unfilled shape (the outline around a place's parts) answers the pointer on its line
   * only, as it would in SVG, so the parts inside it keep their own tooltips. */
  function strokeOnly(layer) {
    if (layer instanceof L.Polygon && layer.options.fill === false) {
      layer._containsPoint = function (point) {
        return L.Polyline.prototype._containsPoint.call(this, point, true);
      };
    }
  }

  /* The offline background: countries from a JSON element, in a pane beneath the tiles. */
  window.corridorBasemap = function (map, dataId, style) {
    var data = readData(dataId);
    /* SVG: its shapes are redrawn by the browser on pans, where a canvas would be
     * repainted whole (measured by bench/frames.py); being inert, they take no focus. */
    L.geoJSON(data, { pane: "basemap", interactive: false, style: style }).addTo(map);
  };

  /* Legend and data attributions: static labels, passed as JSON. */
  window.corridorExtras = function (map, legend, attributions) {
    addLegend(map, legend);
    attributions.forEach(function (text) {
      map.attributionControl.addAttribution(text);
    });
  };

  /* The legend: a disclosure (open on a wide screen, closed on a phone), with the claim
   * kinds on the map (filled in by corridorClaims) above the ways places are drawn. */
  function addLegend(map, legend) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("details", "corridor-legend");
      box.open = map.getContainer().clientWidth >= 600;
      box.appendChild(el("summary", null, "Legend"));
      var claims = el("ul", "legend-kinds");
      claims.hidden = true;
      box.appendChild(claims);
      if (legend.length) {
        var list = el("ul", "legend-places");
        legend.forEach(function (entry) {
          var item = el("li");
          var swatch = el("span", "swatch " + entry[0]);
          swatch.setAttribute("aria-hidden", "true");
          item.appendChild(swatch);
          item.appendChild(document.createTextNode(entry[1]));
          list.appendChild(item);
        });
        box.appendChild(list);
      }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  /* The legend's entries for the claims: one per kind on the map, and the stack. */
  function fillLegendKinds(kinds, fills, shared) {
    var list = document.querySelector(".corridor-legend .legend-kinds");
    if (!list) return;
    kinds.forEach(function (kind) {
      var item = el("li");
      var swatch = el("span", "shape legend-shape kind-" + kind);
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode("Claim: " + kind));
      list.appendChild(item);
    });
    if (!shared) {
      list.hidden = false;
      return;
    }
    var item = el("li", "legend-stack");
    var stack = stackNode(kinds.slice(0, 3), "", fills);
    stack.classList.add("legend-shape");
    stack.setAttribute("aria-hidden", "true");
    item.appendChild(stack);
    item.appendChild(document.createTextNode("Several claims at one place (×count; opens their list)"));
    list.appendChild(item);
    list.hidden = false;
  }

  /* A count in a ring coloured by the kinds of the claims it stands for. */
  function stackNode(kinds, count, fills) {
    var ring = el("span", "stack-ring");
    var stops = [];
    kinds.forEach(function (kind, index) {
      var from = (100 * index) / kinds.length;
      var to = (100 * (index + 1)) / kinds.length;
      var fill = fills[kind] || "#555555";
      stops.push(fill + " " + from.toFixed(1) + "% " + to.toFixed(1) + "%");
    });
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";
    /* "×3": a count of claims, not a claim's number. */
    ring.appendChild(el("span", "stack-count", count === "" ? "" : "×" + count));
    return ring;
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
   * it (a marker at the edge of the bounds may reach past them). */
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
  /* The boxes of what floats over the map now (for the overview's own framing). */
  window.corridorCovers = function () {
    return COVERS.map(shownBox).filter(Boolean);
  };


  function overlaps(a, b) {
    return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  }

  /* Popups as wide and tall as the map allows, kept clear of the title and controls
   * above and the legend and attribution below (controls lie over popups). */
  function popupOptions(map) {
    var size = map.getSize();
    var box = map.getContainer().getBoundingClientRect();
    var top = 10;
    [".corridor-title", ".leaflet-control-zoom", ".leaflet-control-layers"].forEach(function (selector) {
      var control = shownBox(selector);
      if (control && control.bottom > box.top) top = Math.max(top, control.bottom - box.top + 8);
    });
    var bottom = 10;
    [".corridor-legend", ".leaflet-control-attribution", ".leaflet-control-scale"].forEach(function (selector) {
      var control = shownBox(selector);
      if (control) bottom = Math.max(bottom, box.bottom - control.top + 8);
    });
    bottom = Math.min(bottom, size.y / 3);
    return {
      maxWidth: Math.max(180, Math.min(340, size.x - 70)),
      minWidth: Math.max(160, Math.min(240, size.x - 70)),
      maxHeight: Math.max(140, size.y - top - bottom - 40),
      autoPanPaddingTopLeft: [10, top],
      autoPanPaddingBottomRight: [10, bottom],
      offset: [0, -10],
      className: "claim-popup-wrap",
    };
  }
  window.corridorPopupOptions = popupOptions;

  /* Keep an open popup fitting the map when the map changes size (a turned phone, the
   * panel hidden or shown). */
  function refitPopups(map) {
    var open = null;
    map.on("popupopen", function (event) {
      open = event.popup;
    });
    map.on("popupclose", function (event) {
      if (open === event.popup) open = null;
    });
    map.on("resize", function () {
      if (!open || (open.options.className || "").indexOf("claim-popup-wrap") < 0) return;
      L.Util.setOptions(open, popupOptions(map));
      open.update();
    });
  }
  window.corridorRefitPopups = refitPopups;

  /* What a marker shows (its shape or ring), as opposed to its touch target. */
  function shownRect(markerNode) {
    return (markerNode.firstElementChild || markerNode).getBoundingClientRect();
  }

  /* Rectangles bucketed by where they lie on screen, so asking what overlaps one costs the
   * few nearby, not every marker and label of a crowded map. */
  function RectGrid() {
    this.cells = {};
  }
  RectGrid.prototype.CELL = 64;
  RectGrid.prototype.each = function (r, visit) {
    var size = this.CELL;
    for (var x = Math.floor(r.left / size); x <= Math.floor(r.right / size); x += 1) {
      for (var y = Math.floor(r.top / size); y <= Math.floor(r.bottom / size); y += 1) {
        if (visit(x + "," + y) === true) return true;
      }
    }
    return false;
  };
  RectGrid.prototype.add = function (r, value) {
    var cells = this.cells;
    var entry = { rect: r, value: value };
    this.each(r, function (key) {
      (cells[key] || (cells[key] = [])).push(entry);
    });
  };
  /* Whether a rectangle added overlaps ``r`` (and passes ``test``, when given). */
  RectGrid.prototype.any = function (r, test) {
    var cells = this.cells;
    return this.each(r, function (key) {
      return (cells[key] || []).some(function (entry) {
        return overlaps(r, entry.rect) && (!test || test(entry.value));
      });
    });
  };

  /* Which markers lie hidden at their own centre: under a marker drawn above them, under
   * something floating over the map, or outside it. Measured from the markers' boxes in
   * one pass (no hit test per marker, which would lay the page out again each time). */
  function coveredMarkers(nodes, rects, box, covers) {
    var grid = new RectGrid();
    var z = nodes.map(function (node) {
      return Number(node.style.zIndex) || 0;
    });
    rects.forEach(function (r, index) {
      grid.add(r, index);
    });
    return rects.map(function (r, index) {
      var x = r.left + r.width / 2;
      var y = r.top + r.height / 2;
      var point = { left: x, right: x + 0.01, top: y, bottom: y + 0.01 };
      if (x < box.left || x >= box.right || y < box.top || y >= box.bottom) return true;
      if (covers.some(function (c) { return overlaps(point, c); })) return true;
      return grid.any(point, function (other) {
        return other !== index && (z[other] > z[index] || (z[other] === z[index] && other > index));
      });
    });
  }

  /* Where a label may go, in order: beside its marker or dot, or on its area. */
  var BESIDE = ["right", "left", "above", "below"];
  var ON_AREA = ["centre", "above", "below"];
  var LABEL_MOVES = {
    right: [1, 0, "0, -50%"],
    left: [-1, 0, "-100%, -50%"],
    above: [0, -1, "-50%, -100%"],
    below: [0, 1, "-50%, 0"],
    centre: [0, 0, "-50%, -50%"],
  };

  function placeLabel(node, where, offset) {
    var move = LABEL_MOVES[where];
    node.style.left = move[0] * offset + "px";
    node.style.top = move[1] * offset + "px";
    node.style.transform = "translate(" + move[2] + ")";
  }

  /* The box a label of ``size`` would take when placed ``where`` from ``anchor``. */
  function labelBox(anchor, size, where, offset) {
    var move = LABEL_MOVES[where];
    var left = anchor.x + move[0] * offset;
    var top = anchor.y + move[1] * offset;
    if (where === "left") left -= size.width;
    else if (where !== "right") left -= size.width / 2;
    if (where === "above") top -= size.height;
    else if (where !== "below") top -= size.height / 2;
    return { left: left, top: top, right: left + size.width, bottom: top + size.height };
  }

  /* Where Leaflet puts a marker for ``latlng`` in the map's container (on a whole pixel). */
  function screenPoint(map, latlng) {
    return map.layerPointToContainerPoint(map.latLngToLayerPoint(latlng).round());
  }

  /* Where a marker's shape lies on screen now: its size and offset from its point are
   * measured once (they do not change with the view), its point is projected. */
  function markerBox(map, box, marker) {
    var node = marker.getElement();
    if (!node) return null;
    var at = screenPoint(map, marker.getLatLng());
    var x = box.left + at.x;
    var y = box.top + at.y;
    if (!node._corridorShape) {
      var r = shownRect(node);
      node._corridorShape = { dx: r.left - x, dy: r.top - y, width: r.width, height: r.height };
    }
    var shape = node._corridorShape;
    var left = x + shape.dx;
    var top = y + shape.dy;
    return { left: left, top: top, right: left + shape.width, bottom: top + shape.height, width: shape.width, height: shape.height };
  }

  /* Place names at the first view, most important first: each goes beside its marker or
   * dot (right, left, above, below) or on its area, wherever it covers no marker, no label
   * shown before it and nothing floating over the map; a place whose marker lies under
   * another's, or with no room, goes unlabelled (its name is in its tooltip and popups).
   * Positions are projected and sizes measured once, so a zoom costs no layout of the
   * page; a label is put in the page only once it has a place. ``shownMarkers`` gives
   * {place, marker} for each claim marker on the map. */
  function placeLabels(map, labels, shownMarkers) {
    if (!map.getPane("corridorLabels")) {
      var pane = map.createPane("corridorLabels");
      pane.style.zIndex = 590; /* beneath the markers (600) */
      pane.style.pointerEvents = "none";
    }
    var layer = L.layerGroup().addTo(map);
    var items = labels.map(function (label) {
      return { name: label[0], latlng: L.latLng(label[1], label[2]), point: label[4], id: label[5], text: null, size: null };
    });
    var measure = null;
    /* Label sizes, from the text's font (one sample label gives the font and height). */
    function sizeOf(item) {
      if (!measure) {
        var sample = el("span", "place-label-text", "Mg");
        var holder = el("div", "place-label");
        holder.appendChild(sample);
        map.getPane("corridorLabels").appendChild(holder);
        var style = window.getComputedStyle(sample);
        var context = document.createElement("canvas").getContext("2d");
        context.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
        measure = { context: context, height: sample.offsetHeight };
        holder.parentNode.removeChild(holder);
      }
      return { width: measure.context.measureText(item.name).width, height: measure.height };
    }
    function show(item, where, offset) {
      if (!item.text) {
        item.text = el("span", "place-label-text", item.name);
        item.text.dir = "auto";
        var marker = L.marker(item.latlng, {
          icon: L.divIcon({ className: "place-label", html: item.text, iconSize: null }),
          interactive: false,
          keyboard: false,
          pane: "corridorLabels",
        }).addTo(layer);
        var node = marker.getElement();
        if (node) node.setAttribute("aria-hidden", "true");
      }
      placeLabel(item.text, where, offset);
      item.text.style.visibility = "visible";
    }
    var measuredFor = null;
    function declutter() {
      var box = map.getContainer().getBoundingClientRect();
      var covers = COVERS.map(shownBox).filter(Boolean);
      var markers = shownMarkers().filter(function (entry) {
        return entry.marker.getElement();
      });
      /* A new size of the page may cross a breakpoint that sizes markers and labels anew. */
      var size = window.innerWidth + "x" + window.innerHeight;
      if (size !== measuredFor) {
        measuredFor = size;
        measure = null;
        items.forEach(function (item) {
          item.size = null;
        });
        markers.forEach(function (entry) {
          delete entry.marker.getElement()._corridorShape;
        });
      }
      var nodes = markers.map(function (entry) {
        return entry.marker.getElement();
      });
      var rects = markers.map(function (entry) {
        return markerBox(map, box, entry.marker);
      });
      var hidden = coveredMarkers(nodes, rects, box, covers);
      var markerIndex = {};
      markers.forEach(function (entry, index) {
        markerIndex[entry.place] = index;
      });
      var taken = new RectGrid();
      covers.concat(rects).forEach(function (r) {
        taken.add(r);
      });
      items.forEach(function (item) {
        var index = item.id in markerIndex ? markerIndex[item.id] : -1;
        var placed = false;
        if (index < 0 || !hidden[index]) {
          if (!item.size) item.size = sizeOf(item);
          var at = screenPoint(map, item.latlng);
          var anchor = { x: box.left + at.x, y: box.top + at.y };
          var own = index >= 0 ? rects[index] : null;
          var places = item.point || own ? BESIDE : ON_AREA;
          /* Beside a marker, clear of its shape; beside a dot, clear of its circle (7 px
           * and its stroke). */
          var offset = own ? own.width / 2 + 4 : 11;
          for (var i = 0; i < places.length && !placed; i += 1) {
            var r = labelBox(anchor, item.size, places[i], offset);
            var inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
            if (inside && !taken.any(r)) {
              show(item, places[i], offset);
              taken.add(r);
              placed = true;
            }
          }
        }
        if (!placed && item.text) item.text.style.visibility = "hidden";
      });
    }
    return { declutter: declutter, layer: layer };
  }

  window.corridorClaims = function (map, group, dataId) {
    var data = readData(dataId);
    var claims = {};
    var items = {};
    var drawn = []; /* {marker, members} for each place with claims shown */
    var list = document.getElementById("claims-list");
    var kindFilter = document.getElementById("filter-kind");
    var speakerFilter = document.getElementById("filter-speaker");
    var verdictFilter = document.getElementById("filter-verdict");
    var reset = document.getElementById("filter-reset");
    var count = document.getElementById("claims-count");
    var selected = null;
    var returnFocus = null;
    var switching = false;
    var quiet = false; /* set while filters or history close a popup */
    var labels = null;

    data.claims.forEach(function (claim) {
      claims[claim.id] = claim;
    });

    function visible(claim) {
      return (
        (!kindFilter.value || claim.kind === kindFilter.value) &&
        (!speakerFilter.value || claim.speaker.id === speakerFilter.value) &&
        (!verdictFilter.value || claim.verdict === verdictFilter.value)
      );
    }

    /* ---- the URL: #claim-<id>&kind=<kind>&speaker=<id>, every part optional ---- */
    function decode(text) {
      try {
        return decodeURIComponent(text);
      } catch (error) {
        return null;
      }
    }

    function readHash() {
      var state = { claim: null, kind: "", speaker: "", verdict: "" };
      window.location.hash
        .replace(/^#/, "")
        .split("&")
        .forEach(function (part) {
          if (part.indexOf("claim-") === 0) {
            var id = decode(part.slice(6));
            if (id !== null && Object.prototype.hasOwnProperty.call(claims, id)) state.claim = id;
            return;
          }
          var eq = part.indexOf("=");
          if (eq < 0) return;
          var key = part.slice(0, eq);
          var value = decode(part.slice(eq + 1));
          if (key === "kind" && data.kinds.indexOf(value) >= 0) state.kind = value;
          if (key === "speaker" && data.speakers.some(function (s) { return s.id === value; })) {
            state.speaker = value;
          }
          if (key === "geography" && data.verdicts.indexOf(value) >= 0) state.verdict = value;
        });
      return state;
    }

    function currentState() {
      return {
        claim: selected,
        kind: kindFilter.value,
        speaker: speakerFilter.value,
        verdict: verdictFilter.value
      };
    }

    function urlOf(state) {
      var parts = [];
      if (state.claim) parts.push("claim-" + encodeURIComponent(state.claim));
      if (state.kind) parts.push("kind=" + encodeURIComponent(state.kind));
      if (state.speaker) parts.push("speaker=" + encodeURIComponent(state.speaker));
      if (state.verdict) parts.push("geography=" + encodeURIComponent(state.verdict));
      var base = window.location.href.split("#")[0];
      return parts.length ? base + "#" + parts.join("&") : base;
    }

    function record(push) {
      var url = urlOf(currentState());
      if (url === window.location.href || !window.history || !history.pushState) return;
      try {
        if (push) history.pushState(null, "", url);
        else history.replaceState(null, "", url);
      } catch (error) {
        /* some browsers refuse history on file: pages; the map works without it */
      }
    }

    /* ---- the panel ---- */
    function select(id) {
      var before = selected;
      selected = id;
      if (before && items[before]) {
        items[before].classList.remove("selected");
        items[before].removeAttribute("aria-current");
      }
      if (!id) return;
      listUpTo(id);
      if (items[id]) {
        items[id].classList.add("selected");
        items[id].setAttribute("aria-current", "true");
        if (list.contains(items[id])) items[id].scrollIntoView({ block: "nearest" });
      }
    }

    /* ---- popups ---- */
    function openPopupAt(latlng, content, focusNode) {
      switching = true;
      L.popup(popupOptions(map)).setLatLng(latlng).setContent(content).openOn(map);
      switching = false;
      var target = focusNode || content;
      if (document.body.contains(target)) target.focus({ preventScroll: true });
    }

    function claimPopup(claim) {
      var content = popupContent(claim, data.article);
      var siblings = groupOf(claim);
      if (siblings.length > 1) {
        var back = el("button", "stack-back", "All " + siblings.length + " claims at " + claim.places[0].name);
        back.type = "button";
        back.addEventListener("click", function () {
          /* The list is a view of a place, not of one claim: the claim is no longer chosen. */
          select(null);
          record(true);
          openStack(siblings, L.latLng(claim.anchor));
        });
        content.appendChild(back);
      }
      return content;
    }

    function openClaim(id, push) {
      var claim = claims[id];
      if (!claim) return false;
      if (!visible(claim)) {
        /* A link to a claim the filters hide: show every claim rather than hide it. */
        kindFilter.value = "";
        speakerFilter.value = "";
        verdictFilter.value = "";
        applyFilters();
      }
      if (!map.hasLayer(group)) map.addLayer(group);
      if (returnFocus === null || !document.body.contains(returnFocus)) {
        returnFocus = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
      }
      select(id);
      record(push);
      var inner = map.getBounds().pad(-0.15);
      var anchor = L.latLng(claim.anchor);
      if (!inner.contains(anchor)) map.panTo(anchor, { animate: false });
      openPopupAt(anchor, claimPopup(claim));
      return true;
    }

    /* The claims at one place (those the filters show), in article order. */
    function groupOf(claim) {
      var place = claim.places[0].id;
      return data.claims.filter(function (other) {
        return other.places[0].id === place && visible(other);
      });
    }

    /* The list of claims behind a marker: those at its place, and those of any marker it
     * touches on screen (a marker may cover another at this zoom), by place. */
    function openStack(members, latlng) {
      var places = [];
      var byPlace = {};
      members.forEach(function (claim) {
        var place = claim.places[0].id;
        if (!byPlace[place]) {
          byPlace[place] = [];
          places.push(place);
        }
        byPlace[place].push(claim);
      });
      var nameOf = function (place) {
        return byPlace[place][0].places[0].name;
      };
      var heading =
        places.length === 1
          ? nameOf(places[0]) + ": " + members.length + " claims"
          : members.length + " claims at " + places.length + " places here";
      var root = el("section", "stack-popup");
      root.setAttribute("tabindex", "-1");
      root.setAttribute("aria-label", heading);
      root.appendChild(el("h3", null, heading));
      var first = null;
      places.forEach(function (place) {
        if (places.length > 1) root.appendChild(el("h4", null, nameOf(place)));
        var ol = el("ol", "stack-list");
        byPlace[place].forEach(function (claim) {
          var li = el("li");
          var button = el("button", "stack-item");
          button.type = "button";
          button.setAttribute("data-claim-id", claim.id);
          button.appendChild(numberBadge(claim));
          button.appendChild(el("span", "claim-kind kind-" + claim.kind, claim.kind));
          if (claim.draft) button.appendChild(draftMark());
          button.appendChild(bidi(el("span", "claim-item-speaker", claim.speaker.name)));
          button.appendChild(bidi(el("span", "claim-item-quote", "“" + claim.quote + "”")));
          button.addEventListener("click", function () {
            openClaim(claim.id, true);
          });
          li.appendChild(button);
          ol.appendChild(li);
          if (!first) first = button;
        });
        root.appendChild(ol);
      });
      if (returnFocus === null || !document.body.contains(returnFocus)) {
        returnFocus = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
      }
      openPopupAt(latlng || L.latLng(members[0].anchor), root, first);
    }

    /* The claims of a marker, then those of every marker whose shape lies within its
     * touch target on screen (a click there may have been meant for them), each in
     * article order. */
    function claimsAround(marker) {
      var node = marker.getElement();
      if (!node) return [];
      var box = node.getBoundingClientRect();
      var mine = [];
      var others = [];
      drawn.forEach(function (entry) {
        var other = entry.marker.getElement();
        if (entry.marker === marker) mine = entry.members.slice();
        else if (other && overlaps(box, shownRect(other))) others = others.concat(entry.members);
      });
      return mine.concat(
        others.sort(function (a, b) {
          return a.n - b.n;
        })
      );
    }

    map.on("popupclose", function (event) {
      if (switching) return;
      var content = event.popup.getContent();
      var wasClaim = content && content.classList && (content.classList.contains("claim-popup") || content.classList.contains("stack-popup"));
      if (!wasClaim) return;
      var focusBack = returnFocus;
      returnFocus = null;
      if (selected) {
        select(null);
        /* Closing is a step Back can undo, unless the close itself comes from the filters
         * or from history. */
        if (!quiet) record(true);
      }
      if (focusBack && document.body.contains(focusBack)) focusBack.focus({ preventScroll: true });
      else if (focusBack && focusBack.getAttribute && focusBack.getAttribute("data-claim-ids")) {
        /* the marker was redrawn: focus its successor */
        var again = map.getContainer().querySelector("[data-claim-ids='" + focusBack.getAttribute("data-claim-ids") + "']");
        if (again) again.focus({ preventScroll: true });
      }
    });

    /* ---- markers: one at each place's true position ---- */
    function markerFor(members) {
      var first = members[0];
      var ids = members.map(function (c) {
        return c.id;
      });
      var node;
      var name;
      if (members.length === 1) {
        node = el("span", "shape kind-" + first.kind, first.n);
        name = claimName(first);
      } else {
        var kinds = [];
        members.forEach(function (c) {
          if (kinds.indexOf(c.kind) < 0) kinds.push(c.kind);
        });
        node = stackNode(kinds, members.length, data.kindFills);
        var numbers = members.slice(0, 10).map(function (c) {
          return c.n;
        });
        var more = members.length > 10 ? " and " + (members.length - 10) + " more" : "";
        name = first.places[0].name + ": " + members.length + " claims (" + numbers.join(", ") + more + ")";
      }
      var marker = L.marker(first.anchor, {
        icon: L.divIcon({
          className: "claim-marker" + (members.length > 1 ? " claim-stack" : " kind-" + first.kind),
          html: node,
          iconSize: null,
        }),
        title: name,
        riseOnHover: true,
        /* Where places are close, the one with more claims lies on top. */
        zIndexOffset: 1000 * members.length,
      });
      marker.on("add", function () {
        var element = marker.getElement();
        if (!element) return;
        element.setAttribute("data-claim-ids", ids.join(" "));
        element.setAttribute("data-place-id", first.places[0].id);
        if (members.length === 1) element.setAttribute("data-claim-id", first.id);
        element.setAttribute("aria-label", name);
        element.setAttribute("aria-haspopup", "dialog");
        element.setAttribute("role", "button");
        /* Enter and Space on a focused marker do what a click does. */
        element.addEventListener("keydown", function (event) {
          if (event.key !== "Enter" && event.key !== " ") return;
          event.preventDefault();
          activate();
        });
      });
      function activate() {
        returnFocus = marker.getElement() || null;
        var around = claimsAround(marker);
        if (around.length <= 1) openClaim(first.id, true);
        else openStack(around, marker.getLatLng());
      }
      marker.on("click", activate);
      return marker;
    }

    function drawMarkers() {
      group.clearLayers();
      drawn = [];
      var byPlace = {};
      var order = [];
      data.claims.forEach(function (claim) {
        if (!visible(claim)) return;
        var key = claim.places[0].id;
        if (!byPlace[key]) {
          byPlace[key] = [];
          order.push(key);
        }
        byPlace[key].push(claim);
      });
      order.forEach(function (key) {
        var marker = markerFor(byPlace[key]);
        marker.addTo(group);
        drawn.push({ marker: marker, members: byPlace[key] });
      });
    }

    /* ---- the panel's list, filters and places ---- */
    /* The list holds the claims the filters let through, LIST_PAGE at a time: thousands of
     * items would weigh on every layout of the page, and so on every zoom. More come when
     * the reader reaches its end, and all of them for print. */
    var LIST_PAGE = 200;
    var listLimit = LIST_PAGE;
    var listed = []; /* the claims the list holds now, in article order */
    /* After the list, not in it: screen readers count only claims as its items. */
    var more = el("div", "claims-more");
    more.hidden = true;
    var moreButton = el("button", "claims-more-button");
    moreButton.type = "button";
    more.appendChild(moreButton);
    list.parentNode.insertBefore(more, list.nextSibling);
    moreButton.addEventListener("click", function () {
      var first = listed.length;
      listLimit += LIST_PAGE;
      renderList();
      if (listed[first]) items[listed[first].id].focus();
    });
    if (window.IntersectionObserver) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          listLimit += LIST_PAGE;
          renderList();
        }
      }, { root: document.getElementById("panel-body"), rootMargin: "400px" }).observe(more);
    }

    function itemFor(claim) {
      if (items[claim.id]) return items[claim.id];
      var item = el("li");
      var button = el("button", "claim-item");
      button.type = "button";
      button.setAttribute("data-claim-id", claim.id);
      button.appendChild(numberBadge(claim));
      button.appendChild(el("span", "claim-kind kind-" + claim.kind, claim.kind));
      if (claim.draft) button.appendChild(draftMark());
      if (claim.verdict) button.appendChild(verdictMark(claim.verdict, "geography " + claim.verdict));
      button.appendChild(bidi(el("span", "claim-item-speaker", claim.speaker.name)));
      if (claim.speaker.role) {
        button.appendChild(el("span", "claim-item-role print-only", ", " + claim.speaker.role));
      }
      button.appendChild(bidi(el("span", "claim-item-quote", "“" + claim.quote + "”")));
      var where = claim.places.map(function (p) {
        return p.name + (p.articleTerm ? " (the article: “" + p.articleTerm + "”)" : "");
      });
      button.appendChild(el("span", "claim-item-places print-only", "Places: " + where.join("; ")));
      button.addEventListener("click", function () {
        returnFocus = button;
        openClaim(claim.id, true);
      });
      if (claim.id === selected) {
        button.classList.add("selected");
        button.setAttribute("aria-current", "true");
      }
      item.appendChild(button);
      items[claim.id] = button;
      return button;
    }

    /* Put in the list the first listLimit claims the filters let through. Items already
     * in place stay (and keep focus); only those that change are taken out or added. */
    function renderList() {
      var passing = data.claims.filter(visible);
      var next = passing.slice(0, listLimit);
      var keep = 0;
      while (keep < listed.length && keep < next.length && listed[keep] === next[keep]) keep += 1;
      for (var gone = keep; gone < listed.length; gone += 1) {
        var node = items[listed[gone].id].parentNode;
        if (node.parentNode) node.parentNode.removeChild(node);
      }
      var fragment = document.createDocumentFragment();
      for (var index = keep; index < next.length; index += 1) {
        fragment.appendChild(itemFor(next[index]).parentNode);
      }
      listed = next;
      list.appendChild(fragment);
      var rest = passing.length - listed.length;
      more.hidden = rest <= 0;
      if (rest > 0) {
        moreButton.textContent =
          "Show " + Math.min(LIST_PAGE, rest) + " more (" + rest + " of " + passing.length + " not listed yet)";
      }
      return passing.length;
    }

    /* Make sure the list holds claim ``id`` (a link or a marker may choose one further on). */
    function listUpTo(id) {
      if (items[id] && list.contains(items[id])) return;
      var passing = data.claims.filter(visible);
      var index = passing.indexOf(claims[id]);
      if (index < 0) return;
      listLimit = Math.ceil((index + 1) / LIST_PAGE) * LIST_PAGE;
      renderList();
    }

    var source = document.getElementById("claims-source");
    if (source) {
      var parts = [data.article.headline, data.article.byline];
      source.textContent =
        "Source: " + parts.filter(Boolean).join(" — ") + (safeUrl(data.article.url) ? " — " + data.article.url : "") +
        (data.article.variants || [])
          .map(function (variant) {
            return ". " + variantText(variant);
          })
          .join("");
    }

    var placesList = document.getElementById("places-list");
    if (placesList) {
      var info = placesInfo();
      Object.keys(info)
        .filter(function (key) {
          return key.indexOf("--waypoint-") < 0;
        })
        .sort(function (a, b) {
          return info[a].name.localeCompare(info[b].name);
        })
        .forEach(function (key) {
          placesList.appendChild(placeNode(info[key], true, "li"));
        });
    }

    data.kinds.forEach(function (kind) {
      kindFilter.appendChild(option(kind, kind));
    });
    data.speakers
      .slice()
      .sort(function (a, b) {
        return a.name.localeCompare(b.name);
      })
      .forEach(function (speaker) {
        speakerFilter.appendChild(option(speaker.id, speaker.name));
      });
    data.verdicts.forEach(function (verdict) {
      verdictFilter.appendChild(option(verdict, "geography " + verdict));
    });
    verdictFilter.parentNode.hidden = !data.verdicts.length;

    /* Whether any place has more than one claim (so the legend explains the rings). */
    function sharesAPlace() {
      var seen = {};
      return data.claims.some(function (claim) {
        var place = claim.places[0].id;
        if (seen[place]) return true;
        seen[place] = true;
        return false;
      });
    }

    function applyFilters() {
      listLimit = LIST_PAGE;
      var shown = renderList();
      var filtered = Boolean(kindFilter.value || speakerFilter.value || verdictFilter.value);
      if (reset) reset.hidden = !filtered;
      var total = data.claims.length;
      count.textContent = shown
        ? "Showing " + shown + " of " + total + (total === 1 ? " claim" : " claims")
        : "No claims match these filters.";
      if (selected && !visible(claims[selected])) {
        quiet = true;
        map.closePopup();
        quiet = false;
      }
      drawMarkers();
      if (labels) labels.declutter();
    }

    function onFilter() {
      applyFilters();
      record(true);
    }
    kindFilter.addEventListener("change", onFilter);
    speakerFilter.addEventListener("change", onFilter);
    verdictFilter.addEventListener("change", onFilter);
    if (reset) {
      reset.addEventListener("click", function () {
        kindFilter.value = "";
        speakerFilter.value = "";
        verdictFilter.value = "";
        onFilter();
        kindFilter.focus();
      });
    }

    var toggle = document.getElementById("panel-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var panel = document.getElementById("claims-panel");
        var collapsed = panel.classList.toggle("collapsed");
        toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
        toggle.textContent = collapsed ? "Show list" : "Hide list";
        window.setTimeout(function () {
          map.invalidateSize();
        }, 50);
      });
    }

    /* ---- state from the URL: on load, Back and Forward, and edited links ---- */
    function applyState(state) {
      kindFilter.value = state.kind;
      speakerFilter.value = state.speaker;
      verdictFilter.value = state.verdict;
      applyFilters();
      if (state.claim) {
        openClaim(state.claim, false);
        if (urlOf(currentState()) !== window.location.href) record(false);
      } else if (selected) {
        quiet = true;
        map.closePopup();
        quiet = false;
      }
    }
    function onHistory() {
      var state = readHash();
      var now = currentState();
      if (state.claim === now.claim && state.kind === now.kind && state.speaker === now.speaker) return;
      applyState(state);
    }
    window.addEventListener("popstate", onHistory);
    window.addEventListener("hashchange", onHistory);

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") map.closePopup();
    });
    refitPopups(map);

    /* ---- print: the whole list, the legend open, the map framed for paper ---- */
    var legendHome = null;
    var viewBeforePrint = null;
    var limitBeforePrint = null;
    function forPrint(printing) {
      var legendBox = document.querySelector(".corridor-legend");
      var places = document.getElementById("places-section");
      var body = document.getElementById("panel-body");
      if (printing && legendBox && body && legendHome === null) {
        /* On paper the legend goes beside the list, so it hides nothing of the map. */
        legendHome = { parent: legendBox.parentNode, next: legendBox.nextSibling, open: legendBox.open };
        body.insertBefore(legendBox, body.firstChild);
        legendBox.open = true;
      } else if (!printing && legendBox && legendHome !== null) {
        legendHome.parent.insertBefore(legendBox, legendHome.next);
        legendBox.open = legendHome.open;
        legendHome = null;
      }
      if (printing && places) places.open = true;
      /* Paper lists every claim; the screen goes back to the page it had. */
      if (printing && limitBeforePrint === null) {
        limitBeforePrint = listLimit;
        listLimit = Infinity;
        renderList();
      } else if (!printing && limitBeforePrint !== null) {
        listLimit = limitBeforePrint;
        limitBeforePrint = null;
        renderList();
        if (selected) listUpTo(selected);
      }
      /* Paper shows the framed map; the reader's own view comes back afterwards. */
      if (printing && viewBeforePrint === null) viewBeforePrint = [map.getCenter(), map.getZoom()];
      map.invalidateSize({ pan: false });
      if (printing) {
        if (data.bounds) fitClear(map, data.bounds);
      } else if (viewBeforePrint !== null) {
        map.setView(viewBeforePrint[0], viewBeforePrint[1], { animate: false });
        viewBeforePrint = null;
      }
    }
    window.corridorOnPrint(forPrint);

    /* Once the page's other controls (legend, title) exist: Leaflet measured the map before
     * the flex layout settled, so measure again, frame every claim clear of what floats
     * over the map, then follow a link to a claim. */
    function ready() {
      fillLegendKinds(data.kinds, data.kindFills, sharesAPlace());
      map.invalidateSize({ pan: false });
      var state = readHash();
      kindFilter.value = state.kind;
      speakerFilter.value = state.speaker;
      verdictFilter.value = state.verdict;
      applyFilters();
      if (data.bounds) fitClear(map, data.bounds);
      /* Zoom out (at most three steps) until every marker shows whole. */
      for (var step = 0; step < 3 && !markersClear(map) && map.getZoom() > map.getMinZoom(); step += 1) {
        map.setZoom(map.getZoom() - 1, { animate: false });
      }
      labels = placeLabels(map, data.labels || [], function () {
        return drawn.map(function (entry) {
          return { place: entry.members[0].places[0].id, marker: entry.marker };
        });
      });
      labels.declutter();
      map.on("zoomend moveend resize", labels.declutter);
      if (state.claim) applyState(state);
      document.documentElement.setAttribute("data-claims-ready", String(data.claims.length));
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
    else ready();
    return { open: openClaim };
  };
})();
