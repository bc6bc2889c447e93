/* gongshi: the penalty list filter and the search page. Plain JavaScript, no libraries,
   nothing loaded from outside the site. Without JavaScript both pages still read. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function href(base, path) { return base + path; }

  /* ------------------------------------------------------------ penalty list */
  function setupList(box) {
    var form = document.getElementById("gs-filter");
    var base = box.getAttribute("data-base");
    var indexUrl = new URL(box.getAttribute("data-index"), document.baseURI).href;
    var shards = {};
    var years = [];
    var shown = 200;
    var sort = { key: "d", dir: -1 };
    form.hidden = false;

    var params = new URLSearchParams(location.search);
    ["q", "year", "unit", "kind", "type", "min", "max"].forEach(function (name) {
      if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
    });
    if (params.get("sort")) {
      var s = params.get("sort").split(":");
      sort = { key: s[0] === "f" ? "f" : "d", dir: s[1] === "asc" ? 1 : -1 };
    }

    var status = form.querySelector(".gs-filter__status");
    var share = form.querySelector(".gs-share");
    var heading = box.querySelector("h2");

    function load(year) {
      if (shards[year]) return shards[year];
      shards[year] = fetch(new URL("index-" + year + ".json", indexUrl).href).then(function (r) { return r.json(); });
      return shards[year];
    }

    function state() {
      var v = {};
      ["q", "year", "unit", "kind", "type", "min", "max"].forEach(function (n) { v[n] = (form.elements[n].value || "").trim(); });
      return v;
    }

    function matches(r, v) {
      if (v.unit && r.c !== v.unit) return false;
      if (v.kind && r.k.indexOf(v.kind) < 0) return false;
      if (v.type && r.t !== v.type) return false;
      var fine = r.f === "" ? null : parseFloat(r.f);
      if (v.min !== "" && (fine === null || fine < parseFloat(v.min))) return false;
      if (v.max !== "" && (fine === null || fine > parseFloat(v.max))) return false;
      if (v.q) {
        var hay = r.n + " " + r.no + " " + r.t + " " + r.k.join(" ");
        var words = v.q.split(/\s+/);
        for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
      }
      return true;
    }

    function render(rows, v) {
      var p = new URLSearchParams();
      Object.keys(v).forEach(function (k) { if (v[k]) p.set(k, v[k]); });
      if (sort.key !== "d" || sort.dir !== -1) p.set("sort", sort.key + ":" + (sort.dir > 0 ? "asc" : "desc"));
      var qs = p.toString();
      history.replaceState(null, "", qs ? "?" + qs : location.pathname);
      share.href = location.href;
      rows.sort(function (a, b) {
        var x = sort.key === "f" ? parseFloat(a.f || "0") - parseFloat(b.f || "0") : (a.d < b.d ? -1 : a.d > b.d ? 1 : 0);
        if (x === 0) x = a.no < b.no ? -1 : 1;
        return x * sort.dir;
      });
      status.textContent = "找到 " + rows.length + " 件" + (rows.length > shown ? "，显示前 " + shown + " 件" : "") + "。";
      heading.textContent = "筛选结果";
      var old = box.querySelector(".gs-tablewrap, .gs-empty, .gs-more-btn");
      while (old) { old.remove(); old = box.querySelector(".gs-tablewrap, .gs-empty, .gs-more-btn"); }
      var after = heading;
      if (!rows.length) {
        after.after(el("p", { "class": "gs-empty" }, "没有符合条件的处罚决定。"));
        return;
      }
      var wrap = el("div", { "class": "gs-tablewrap" });
      var table = el("table", { "class": "gs-items" });
      var thead = el("thead"), tr = el("tr");
      [["决定日期", "d"], ["当事人"], ["决定书文号"], ["区县"], ["违法行为类型"], ["处罚类别"], ["罚款（万元）", "f"]].forEach(function (h) {
        var th = el("th", { scope: "col" });
        if (h[1]) {
          var arrow = sort.key === h[1] ? (sort.dir > 0 ? " ↑" : " ↓") : "";
          var b = el("button", { type: "button", "class": "gs-sort" }, h[0] + arrow);
          th.setAttribute("aria-sort", sort.key === h[1] ? (sort.dir > 0 ? "ascending" : "descending") : "none");
          b.addEventListener("click", function () {
            sort = { key: h[1], dir: sort.key === h[1] ? -sort.dir : -1 };
            update();
          });
          th.appendChild(b);
        } else th.textContent = h[0];
        if (h[1] === "f") th.className = "gs-num";
        tr.appendChild(th);
      });
      thead.appendChild(tr);
      table.appendChild(thead);
      var tbody = el("tbody");
      var units = {};
      Array.prototype.forEach.call(form.elements.unit.options, function (o) { units[o.value] = o.textContent; });
      rows.slice(0, shown).forEach(function (r) {
        var row = el("tr");
        row.appendChild(el("td", { "data-label": "决定日期" }, r.d));
        var name = el("td", { "data-label": "当事人" });
        name.appendChild(el("a", { href: href(base, r.u) }, r.n));
        row.appendChild(name);
        row.appendChild(el("td", { "data-label": "文号" }, r.no));
        row.appendChild(el("td", { "data-label": "区县" }, units[r.c] || ""));
        row.appendChild(el("td", { "data-label": "违法行为" }, r.t));
        row.appendChild(el("td", { "data-label": "处罚类别" }, r.k.join("、")));
        row.appendChild(el("td", { "data-label": "罚款（万元）", "class": "gs-num" }, r.f || "—"));
        tbody.appendChild(row);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      after.after(wrap);
      if (rows.length > shown) {
        var more = el("button", { type: "button", "class": "gs-more-btn" }, "再显示 200 件");
        more.addEventListener("click", function () { shown += 200; update(); });
        wrap.after(more);
      }
    }

    function update() {
      var v = state();
      var wanted = v.year ? [v.year] : years;
      status.textContent = "正在加载……";
      Promise.all(wanted.map(load)).then(function (parts) {
        var rows = [];
        parts.forEach(function (p) { p.forEach(function (r) { if (matches(r, v)) rows.push(r); }); });
        render(rows, v);
      }).catch(function () { status.textContent = "数据加载失败，请按年度或区县浏览。"; });
    }

    fetch(indexUrl).then(function (r) { return r.json(); }).then(function (idx) {
      years = idx.years;
      form.addEventListener("input", function () { shown = 200; update(); });
      form.addEventListener("reset", function () { setTimeout(function () { sort = { key: "d", dir: -1 }; update(); }, 0); });
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
      update();
    });
  }

  /* ------------------------------------------------------------ search page */
  /* The index is written by build_scripts/search.py: tokens are Chinese bigrams (single
     characters stand alone) and runs of Latin letters and digits, exactly as there. */
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+/g;

  function tokens(text) {
    var out = {};
    (text.normalize("NFKC").toLowerCase().match(RUN) || []).forEach(function (run) {
      if (CJK.test(run[0])) {
        var chars = Array.from(run);
        if (chars.length === 1) out[run] = true;
        for (var i = 0; i + 1 < chars.length; i++) out[chars[i] + chars[i + 1]] = true;
      } else out[run] = true;
    });
    return Object.keys(out);
  }

  function fnv1a(token) {
    var bytes = new TextEncoder().encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function undelta(ds) { var out = [], v = 0; ds.forEach(function (d) { v += d; out.push(v); }); return out; }

  function setupSearch(box) {
    var input = box.querySelector("input[name=q]");
    var status = box.querySelector(".gs-search__status");
    var list = box.querySelector(".gs-search__results");
    var root = new URL(box.getAttribute("data-index"), document.baseURI);
    var siteBase = box.getAttribute("data-base");
    var cache = {};
    function get(path) {
      if (!cache[path]) cache[path] = fetch(new URL(path, root).href).then(function (r) {
        if (!r.ok) throw new Error(path); return r.json(); });
      return cache[path];
    }
    var meta = null, results = [], shown = 0, more = null;

    function showMore() {
      var page = results.slice(shown, shown + 20);
      var chunks = {};
      page.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
      return Promise.all(Object.keys(chunks).map(function (c) { return get("d/" + c + ".json").then(function (d) { return [c, d]; }); }))
        .then(function (pairs) {
          var store = {};
          pairs.forEach(function (p) { store[p[0]] = p[1]; });
          page.forEach(function (id) {
            var doc = store[Math.floor(id / meta.chunk)][id % meta.chunk];
            var li = el("li");
            li.appendChild(el("a", { href: siteBase + doc[0] }, doc[1]));
            li.appendChild(el("span", { "class": "gs-excerpt" }, doc[2]));
            list.appendChild(li);
          });
          shown += page.length;
          if (more) more.hidden = shown >= results.length;
        });
    }

    function run(query) {
      list.textContent = "";
      results = []; shown = 0;
      var toks = tokens(query);
      if (!toks.length) { status.textContent = "请输入要搜索的文字（中文、文号或统一社会信用代码）。"; return; }
      status.textContent = "正在搜索……";
      get("meta.json").then(function (m) {
        meta = m;
        var shards = {};
        toks.forEach(function (t) { shards[fnv1a(t) % m.shards] = true; });
        return Promise.all(Object.keys(shards).map(function (s) { return get("p/" + s + ".json").then(function (d) { return [s, d]; }); }));
      }).then(function (pairs) {
        var byShard = {};
        pairs.forEach(function (p) { byShard[p[0]] = p[1]; });
        var lists = [], partial = false;
        for (var i = 0; i < toks.length; i++) {
          var shard = byShard[fnv1a(toks[i]) % meta.shards];
          var ds = shard.p[toks[i]];
          if (!ds) { lists = null; break; }
          var truncated = shard.t.indexOf(toks[i]) >= 0;
          lists.push({ ids: undelta(ds), truncated: truncated });
        }
        if (lists) {
          var complete = lists.filter(function (l) { return !l.truncated; });
          partial = complete.length === 0;
          var use = complete.length ? complete : lists;
          use.sort(function (a, b) { return a.ids.length - b.ids.length; });
          var sets = use.slice(1).map(function (l) { var s = new Set(); l.ids.forEach(function (x) { s.add(x); }); return s; });
          results = use[0].ids.filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
        }
        return showMore().then(function () {  /* the count is announced once the results are on the page */
          status.textContent = "“" + query + "”：找到 " + results.length + " 个结果" +
            (partial ? "（结果很多，只列出最新的部分；请输入更具体的词）" : "") + "。";
        });
      }).catch(function () { status.textContent = "搜索暂时不可用。可以按年度或区县浏览处罚决定。"; });
    }

    more = el("button", { type: "button", "class": "gs-more-btn", hidden: "" }, "显示更多结果");
    more.addEventListener("click", showMore);
    list.after(more);
    box.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      var query = input.value;
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      run(query);
    });
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (q) run(q);
  }

  function init() {
    var list = document.getElementById("gs-list");
    if (list && document.getElementById("gs-filter")) setupList(list);
    var search = document.getElementById("gs-search");
    if (search) setupSearch(search);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
