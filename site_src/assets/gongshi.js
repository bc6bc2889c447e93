/* gongshi: what the page scripts share. Plain JavaScript, no libraries, nothing loaded from
   outside the site. Each feature has its own file (gs-list.js, gs-search.js) that registers
   itself here; without JavaScript every page still reads. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var features = [];
  function register(fn) { features.push(fn); }
  function init() { features.forEach(function (fn) { fn(); }); }
  window.gongshi = { el: el, register: register };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else setTimeout(init, 0);
})();
