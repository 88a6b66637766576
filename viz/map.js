// The partnership map's page script. Every report string goes into the DOM with textContent or onto
// the canvas with fillText, never as markup. Positions come settled from Python: physics stays off.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const fold = s => s.toLowerCase().replace(/ё/g, "е");
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const legendName = new Map(data.legend.map(r => [r.key, r]));
  const AGREEMENT = "#d4a017", EVENTS = "#9aa5b1";
  let selected = null, lit = null;  // the selected node and the nodes it lights

  function eventLine(ev) {
    return [ev.date || "дата не указана", ev.title, ev.report + " #" + ev.row].join(" · ");
  }
  // entity pages: a link only when the workbench serves the page (it sets entityBase); a file
  // written by `graphkg map` has no server behind it, so a link would point at nothing there
  // (and a served page saved to disk and opened from there has no server either)
  const served = Boolean(data.entityBase) && /^https?:$/.test(location.protocol);
  function entityHref(iri) {
    return served && iri && iri.startsWith(data.idBase) ? data.entityBase + iri.slice(data.idBase.length) : null;
  }
  function linked(text, iri, cls) {
    const href = entityHref(iri);
    if (!href) return el("span", text);
    const a = el("a", text, cls); a.href = href; return a;
  }
  function eventItem(ev) {
    const li = el("li"), text = s => li.appendChild(document.createTextNode(s));
    text((ev.date || "дата не указана") + " · "); li.appendChild(linked(ev.title, ev.id, "event-link"));
    (ev.places || []).forEach((p, i) => { text(i ? ", " : " · "); li.appendChild(linked(p, (ev.placeIds || [])[i], "place-link")); });
    text(" · " + ev.report + " #" + ev.row);
    return li;
  }
  function agreementItem(a) {
    const li = el("li");
    li.appendChild(linked("соглашение / agreement: " + a.kind + " " + (a.date || "дата не указана"), a.id, "agreement-link"));
    return li;
  }
  function entityRef(id) {
    const ref = el("div", undefined, "entity-ref"), href = entityHref(id);
    if (href) { const a = el("a", "Страница / Entity page", "entity-link"); a.id = "entity-link"; a.href = href; ref.appendChild(a); }
    else { ref.appendChild(el("span", "IRI: ", "muted")); const c = el("code", id); c.id = "entity-iri"; ref.appendChild(c); }
    return ref;
  }
  function edgeDetails(edge) {  // a clicked edge beside the graph: its events, linked when served
    const box = el("div", undefined, "tip");
    box.appendChild(el("b", byId.get(edge.from).label + " — " + byId.get(edge.to).label));
    const list = el("ul");
    edge.events.forEach(ev => list.appendChild(eventItem(ev)));
    edge.agreements.forEach(a => list.appendChild(agreementItem(a)));
    box.appendChild(list);
    return box;
  }
  function edgeTip(edge) {
    const box = el("div", undefined, "tip");
    box.appendChild(el("b", byId.get(edge.from).label + " — " + byId.get(edge.to).label));
    box.appendChild(el("div", "мероприятий / events: " + edge.events.length + ", соглашений / agreements: " + edge.agreements.length));
    const list = el("ul");
    edge.events.slice(0, 12).forEach(ev => list.appendChild(el("li", eventLine(ev))));
    if (edge.events.length > 12) list.appendChild(el("li", "… " + (edge.events.length - 12)));
    edge.agreements.forEach(a => list.appendChild(el("li", "соглашение / agreement: " + a.kind + " " + (a.date || ""))));
    box.appendChild(list);
    return box;
  }
  function where(node) {
    const row = legendName.get(node.key);
    return row ? row.ru + " / " + row.en : "";
  }
  function nodeTip(node) {
    const box = el("div", undefined, "tip");
    box.appendChild(el("b", node.label));
    box.appendChild(el("div", [where(node), "мероприятий / events: " + node.events].filter(Boolean).join(" · ")));
    return box;
  }

  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size, color: n.color,
    title: nodeTip(n), borderWidth: n.lineage.length ? 3 : 1,
  })));
  const edgeColour = e => e.agreements.length ? AGREEMENT : EVENTS;
  const edges = new vis.DataSet(data.edges.map(e => ({
    id: e.id, from: e.from, to: e.to, width: 1 + 1.5 * Math.log2(1 + e.weight), dashes: e.agreements.length > 0,
    color: { color: edgeColour(e), opacity: 0.6 }, title: edgeTip(e),
  })));
  const edgeData = new Map(data.edges.map(e => [e.id, e]));

  // ---- filters: one applied state; a control changes it only with a whole value ----
  const yearFrom = $("year-from"), yearTo = $("year-to"), sphere = $("sphere"), region = $("region");
  if (data.years.length) { yearFrom.value = data.years[0]; yearTo.value = data.years[1]; }
  data.spheres.forEach(s => { const o = el("option", s.label + " (" + s.count + ")"); o.value = s.id; sphere.appendChild(o); });
  data.regions.forEach(r => { const o = el("option", r.ru + " / " + r.en); o.value = r.key; region.appendChild(o); });
  const state = { from: -Infinity, to: Infinity, sphere: "", region: "", applied: 0 };
  function wanted() {
    const year = input => /^\d{4}$/.test(input.value.trim()) ? Number(input.value) : null;
    return { from: year(yearFrom) ?? -Infinity, to: year(yearTo) ?? Infinity, sphere: sphere.value, region: region.value };
  }
  // an undated event or agreement cannot be said to fall in narrowed years: it shows only while
  // the years span everything (as `graphkg map --from/--to` drops it too)
  const allYears = () => !data.years.length || (state.from <= data.years[0] && state.to >= data.years[1]);
  const inYears = y => (y === null ? allYears() : y >= state.from && y <= state.to);
  function edgeVisible(view) {
    const e = edgeData.get(view.id);
    if (state.region && byId.get(e.to).key !== state.region) return false;
    const evs = e.events.some(ev => inYears(ev.year) && (!state.sphere || ev.sphere === state.sphere));
    // an agreement has no sphere: a sphere filter hides it; it counts in the years it was signed
    const ags = !state.sphere && e.agreements.some(a => inYears(a.date ? Number(a.date.slice(0, 4)) : null));
    return evs || ags;
  }
  const edgeView = new vis.DataView(edges, { filter: edgeVisible });
  let shown = new Set();
  function collectShown() { shown = new Set(); edgeView.forEach(e => { shown.add(e.from); shown.add(e.to); }); }
  collectShown();
  const nodeView = new vis.DataView(nodes, { filter: n => shown.has(n.id) });

  // ---- legend: the entries present, hidden when a filter leaves none of their nodes ----
  const legendRows = new Map();
  const swatch = (shape, colour) => { const s = el("span", undefined, "swatch " + shape); s.style.background = colour; return s; };
  data.legend.forEach(r => {
    const row = el("div", undefined, "row"); row.dataset.key = r.key;
    row.appendChild(swatch("dot", r.colour)); row.appendChild(el("span", r.ru + " / " + r.en));
    $("legend-list").appendChild(row); legendRows.set(r.key, row);
  });
  data.shapes.forEach(s => {
    const row = el("div", undefined, "row");
    row.appendChild(swatch(s.shape, "#888")); row.appendChild(el("span", s.ru + " / " + s.en)); $("shape-list").appendChild(row);
  });
  function updateSide() {
    const n = nodeView.length, m = edgeView.length, counts = $("counts");
    counts.dataset.nodes = n; counts.dataset.edges = m;
    counts.textContent = n + " организаций и регионов, " + m + " связей / " + n + " nodes, " + m + " edges";
    const keys = new Set(); nodeView.forEach(v => keys.add(byId.get(v.id).key));
    legendRows.forEach((row, key) => row.classList.toggle("off", !keys.has(key)));
    $("empty").classList.toggle("on", m === 0);
  }

  // settled before the first draw: vis runs its iterations inside the constructor, then physics
  // goes off for good, so nothing moves under a click (large graphs: Python's positions as they are)
  const physics = data.physics
    ? { enabled: true, solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: 400, updateInterval: 1000, fit: true } }
    : { enabled: false };
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, {
    physics: physics,
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: false },
    // vis's own labels would all appear at once and overlap: the label layer below draws them
    nodes: { font: { size: 12 }, scaling: { label: { drawThreshold: 1000 } } },
    edges: { smooth: false, selectionWidth: 1.5 },
    layout: { improvedLayout: false },
  });
  function settled() { network.setOptions({ physics: false }); network.fit(); $("graph").dataset.settled = "1"; }
  if (data.physics) network.once("stabilizationIterationsDone", settled); else settled();

  function refresh(force) {
    const next = wanted();
    if (!force && ["from", "to", "sphere", "region"].every(k => next[k] === state[k])) return false;
    Object.assign(state, next); state.applied++;
    edgeView.refresh(); collectShown(); nodeView.refresh(); updateSide();
    if (selected && !shown.has(selected)) select(null);
    else if (selected) select(selected);
    if (nodeView.length) network.fit({ nodes: nodeView.getIds(), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    return true;
  }
  refresh(true);
  [sphere, region, yearFrom, yearTo].forEach(c => c.addEventListener("change", () => refresh()));
  [yearFrom, yearTo].forEach(c => {
    c.addEventListener("keydown", ev => { if (ev.key === "Enter") refresh(); });
    c.addEventListener("input", () => { if (/^\d{4}$/.test(c.value.trim())) refresh(); });  // an empty box applies on change
  });
  $("reset").addEventListener("click", () => {
    yearFrom.value = data.years[0] || ""; yearTo.value = data.years[1] || ""; sphere.value = ""; region.value = ""; refresh();
  });

  // ---- selection: neighbours lit, the rest dimmed, partners and events listed beside the graph ----
  function select(id) {
    selected = id;
    const details = $("details");
    details.textContent = "";
    if (id === null) {
      lit = null;
      nodes.update(data.nodes.map(n => ({ id: n.id, opacity: 1 })));
      edges.update(data.edges.map(e => ({ id: e.id, color: { color: edgeColour(e), opacity: 0.6 } })));
      details.appendChild(el("p", "Выберите узел / Select a node", "muted"));
      return;
    }
    const mine = edgeView.get({ filter: e => e.from === id || e.to === id }).map(e => edgeData.get(e.id));
    lit = new Set([id]); mine.forEach(e => { lit.add(e.from); lit.add(e.to); });
    const mineIds = new Set(mine.map(e => e.id));
    nodes.update(data.nodes.map(n => ({ id: n.id, opacity: lit.has(n.id) ? 1 : 0.15 })));
    edges.update(data.edges.map(e => ({ id: e.id, color: { color: edgeColour(e), opacity: mineIds.has(e.id) ? 0.9 : 0.06 } })));
    const node = byId.get(id);
    details.appendChild(el("h2", node.label));
    details.appendChild(entityRef(id));
    if (node.lineage.length) {
      const steps = el("ul"); steps.className = "lineage";
      node.lineage.forEach(s => steps.appendChild(el("li", s.label + " (" + (s.first || "?") + " … " + (s.last || "?") + ")"
        + (s.renamed_on ? ", переименовано / renamed " + s.renamed_on : ""))));
      details.appendChild(el("div", "Переименования / Names over time:")); details.appendChild(steps);
    }
    details.appendChild(el("div", where(node), "muted"));
    const partners = mine.map(e => ({ edge: e, other: byId.get(e.from === id ? e.to : e.from) }))
      .sort((a, b) => b.edge.weight - a.edge.weight || a.other.label.localeCompare(b.other.label));
    const events = new Set(); mine.forEach(e => e.events.forEach(ev => events.add(ev.report + "#" + ev.row)));
    details.appendChild(el("h3", "Партнеры / Partners: " + partners.length + " · мероприятий / events: " + events.size));
    const list = el("div"); list.id = "partners";
    partners.forEach(({ edge, other }) => {
      const box = el("div", undefined, "partner");
      const name = el("div", other.label + " (" + edge.weight + ")", "partner-name");
      name.addEventListener("click", () => { network.selectNodes([other.id]); select(other.id); });
      box.appendChild(name);
      const items = el("ul");
      edge.events.filter(ev => inYears(ev.year) && (!state.sphere || ev.sphere === state.sphere))
        .forEach(ev => items.appendChild(eventItem(ev)));
      edge.agreements.forEach(a => items.appendChild(agreementItem(a)));
      box.appendChild(items); list.appendChild(box);
    });
    details.appendChild(list);
  }
  network.on("click", params => {
    if (params.nodes.length) select(params.nodes[0]);
    else if (params.edges.length) { select(null); $("details").textContent = ""; $("details").appendChild(edgeDetails(edgeData.get(params.edges[0]))); }
    else select(null);
  });

  // ---- search: names, places of the events, region and country names; ё = е, any case ----
  let searchTimer = null;
  $("search").addEventListener("input", function () {
    clearTimeout(searchTimer);
    const text = fold(this.value.trim());
    searchTimer = setTimeout(() => search(text), 120);
  });
  function search(text) {
    text = fold(text);
    const out = $("search-result");
    out.textContent = ""; out.dataset.query = text;
    if (text.length < 2) return;
    const found = [];
    nodeView.forEach(v => {
      const n = byId.get(v.id);
      let why = null;
      if (n.search.includes(text)) why = "";
      else if (n.where.includes(text)) why = "регион / region";
      else if (n.placesKey.includes(text)) why = "место / place: " + n.places.filter(p => fold(p).includes(text)).join(", ");
      if (why !== null) found.push([n, why]);
    });
    found.sort((a, b) => (a[1] === "" ? 0 : 1) - (b[1] === "" ? 0 : 1) || b[0].events - a[0].events);
    out.appendChild(el("div", "найдено / found: " + found.length, "muted"));
    found.slice(0, 30).forEach(([n, why]) => {
      const a = el("div", n.label + (why ? " — " + why : ""), "hit"); a.dataset.id = n.id;
      a.addEventListener("click", () => { network.selectNodes([n.id]); select(n.id); network.focus(n.id, { scale: Math.max(network.getScale(), 1), animation: true }); });
      out.appendChild(a);
    });
    if (found.length) network.selectNodes(found.map(f => f[0].id));
  }

  // ---- region outlines under the geographic layout ----
  network.on("beforeDrawing", ctx => {
    if (!data.outlines.length) return;
    const scale = network.getScale();
    ctx.save();
    data.outlines.forEach(o => {
      ctx.beginPath();
      o.rings.forEach(ring => ring.forEach(([x, y], i) => i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      const row = legendName.get(o.iso === "RU-SMO" ? "RU" : o.iso);
      ctx.fillStyle = row ? row.colour + "1f" : "#f4f4f4"; ctx.fill("evenodd");
      ctx.lineWidth = 1.5 / scale; ctx.strokeStyle = "#8a8a8a"; ctx.stroke();
    });
    ctx.restore();
  });

  // ---- the label layer: most important nodes first, none overlapping; more appear as one zooms ----
  const rank = n => n.degree * 2 + n.events;
  const order = data.nodes.slice().sort((a, b) => rank(b) - rank(a));
  let labelled = [];  // the nodes named in the last frame
  network.on("afterDrawing", ctx => {
    const scale = network.getScale(), px = 12, taken = [];
    ctx.save();
    ctx.font = (px / scale) + "px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.lineJoin = "round";
    // region names first (geographic layout), in grey, so node labels give way to them
    ctx.fillStyle = "#777";
    data.outlines.forEach(o => {
      if (o.iso === "BY-HM") return;
      const d = network.canvasToDOM({ x: o.label[0], y: o.label[1] }), text = o.ru + " / " + o.en;
      const w = ctx.measureText(text).width * scale, box = [d.x - w / 2 - 3, d.y - 1, d.x + w / 2 + 3, d.y + px + 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > $("graph").clientWidth || box[3] > $("graph").clientHeight) return;
      taken.push(box); ctx.strokeText(text, o.label[0], o.label[1]); ctx.fillText(text, o.label[0], o.label[1]);
    });
    const candidates = lit ? [byId.get(selected), ...order.filter(n => lit.has(n.id) && n.id !== selected)] : order;
    const positions = network.getPositions(candidates.filter(n => shown.has(n.id)).map(n => n.id));
    const w0 = $("graph").clientWidth, h0 = $("graph").clientHeight;
    let drawn = 0;
    labelled = [];
    for (const n of candidates) {
      const p = positions[n.id]; if (!p) continue;
      const d = network.canvasToDOM(p);
      const text = n.short, w = ctx.measureText(text).width * scale, y = d.y + n.size * scale + 2;
      const box = [d.x - w / 2 - 3, y - 1, d.x + w / 2 + 3, y + px + 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > w0 || box[3] > h0) continue;  // a cut label misleads
      if (taken.some(b => !(box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3]))) continue;
      taken.push(box); drawn++; labelled.push(n.id);
      ctx.fillStyle = n.id === selected ? "#000" : "#222";
      const at = { x: p.x, y: p.y + n.size + 2 / scale };
      ctx.strokeText(text, at.x, at.y); ctx.fillText(text, at.x, at.y);
    }
    ctx.restore();
    $("graph").dataset.labels = drawn;
  });

  window.graphkgMap = { network: network, nodes: nodeView, edges: edgeView, refresh: refresh, select: select, search: search, state: state, labelled: () => labelled.slice() };
  updateSide();
})();
