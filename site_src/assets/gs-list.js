/* gongshi: the filterable penalty list (penalties/). Rows come from penalties/index-<year>.json. */
(function () {
  "use strict";
  var el = window.gongshi.el;

  function href(base, path) { return base + path; }

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

  window.gongshi.register(function () {
    var list = document.getElementById("gs-list");
    if (list && document.getElementById("gs-filter")) setupList(list);
  });
})();
