/* gongshi: the site search page (search/), reading the index build_scripts/search.py writes. */
(function () {
  "use strict";
  var el = window.gongshi.el;

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

  window.gongshi.register(function () {
    var search = document.getElementById("gs-search");
    if (search) setupSearch(search);
  });
})();
