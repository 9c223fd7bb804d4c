/* 全国质量标杆: case library search and facets, certificate lookup.
   No framework. Wording comes from data- attributes in the pages. */
(function () {
  'use strict';

  function norm(s) {
    s = String(s || '');
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase();
  }

  function getJSON(url, done) {
    var x = new XMLHttpRequest();
    x.open('GET', url);
    x.onload = function () {
      if (x.status >= 200 && x.status < 300 || x.status === 0 && x.responseText) {
        try { done(JSON.parse(x.responseText)); } catch (e) { /* keep the static page */ }
      }
    };
    x.send();
  }

  var FACETS = ['year', 'focus', 'industry', 'region'];
  var FIELD = { year: 'y', focus: 'f', industry: 'i', region: 'r' };

  function library(root) {
    var form = root.querySelector('form.search');
    var input = document.getElementById('qb-q');
    var reset = document.getElementById('qb-reset');
    var list = document.getElementById('qb-results');
    var count = document.getElementById('qb-count');
    var tpl = document.getElementById('qb-card');
    var base = root.getAttribute('data-base');
    var indexFile = root.getAttribute('data-index-file') || '';
    var state = { q: '' };
    var data = null;
    var links = root.querySelectorAll('.facet a[data-facet]');

    FACETS.forEach(function (f) { state[f] = ''; });
    if (root.getAttribute('data-facet')) state[root.getAttribute('data-facet')] = root.getAttribute('data-value');
    var params = new URLSearchParams(location.search);
    if (params.get('q')) state.q = params.get('q');
    FACETS.forEach(function (f) { if (params.get(f)) state[f] = params.get(f); });

    function haystack(c) {
      if (!c._h) c._h = norm([c.e, c.t, (c.m || []).join(' '), c.s].join('\n'));
      return c._h;
    }

    function textMatches(c, terms) {
      var h = haystack(c);
      for (var k = 0; k < terms.length; k++) if (h.indexOf(terms[k]) < 0) return false;
      return true;
    }

    // Whether c passes every picked facet but `except`.
    function facetsMatch(c, except) {
      for (var i = 0; i < FACETS.length; i++) {
        var f = FACETS[i];
        if (f !== except && state[f] && String(c[FIELD[f]]) !== state[f]) return false;
      }
      return true;
    }

    function matches(c, terms) {
      return facetsMatch(c, null) && textMatches(c, terms);
    }

    // Each facet value's count: the cases it would show with the search and
    // the other picked facets.
    function syncCounts(terms) {
      var n = {};
      data.cases.forEach(function (c) {
        if (!textMatches(c, terms)) return;
        FACETS.forEach(function (f) {
          if (!facetsMatch(c, f)) return;
          var k = f + ' ' + c[FIELD[f]];
          n[k] = (n[k] || 0) + 1;
        });
      });
      links.forEach(function (a) {
        var el = a.querySelector('.count');
        if (el) el.textContent = n[a.getAttribute('data-facet') + ' ' + a.getAttribute('data-value')] || 0;
      });
    }

    function card(c) {
      var li = tpl.content.firstElementChild.cloneNode(true);
      li.querySelectorAll('[data-slot]').forEach(function (el) {
        var slot = el.getAttribute('data-slot');
        var v;
        if (slot === 'link') {
          el.href = base + c.u + indexFile;
          el.textContent = c.e;
          return;
        }
        if (slot === 'f') v = data.names.f[c.f] || '';
        else if (slot === 'r') v = data.names.r[c.r] || '';
        else v = c[slot];
        var fmt = el.getAttribute('data-format');
        el.textContent = fmt ? fmt.replace('{}', v) : v;
      });
      return li;
    }

    function syncLinks() {
      links.forEach(function (a) {
        var on = state[a.getAttribute('data-facet')] === a.getAttribute('data-value');
        if (on) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      });
    }

    function syncURL() {
      var p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      FACETS.forEach(function (f) { if (state[f]) p.set(f, state[f]); });
      var s = p.toString();
      if (history.replaceState) history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
    }

    function render() {
      var terms = norm(state.q).split(/\s+/).filter(Boolean);
      var frag = document.createDocumentFragment();
      var n = 0;
      data.cases.forEach(function (c) {
        if (matches(c, terms)) {
          frag.appendChild(card(c));
          n++;
        }
      });
      list.textContent = '';
      list.appendChild(frag);
      count.textContent = n ? count.getAttribute('data-many').replace('{n}', n) : count.getAttribute('data-none');
      var any = state.q || FACETS.some(function (f) { return state[f]; });
      reset.hidden = !any;
      syncCounts(terms);
      syncLinks();
      syncURL();
    }

    links.forEach(function (a) {
      a.addEventListener('click', function (ev) {
        if (!data || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        var f = a.getAttribute('data-facet');
        var v = a.getAttribute('data-value');
        state[f] = state[f] === v ? '' : v;
        render();
      });
    });

    getJSON(root.getAttribute('data-index'), function (d) {
      data = d;
      form.hidden = false;
      input.value = state.q;
      input.addEventListener('input', function () {
        state.q = input.value;
        render();
      });
      form.addEventListener('submit', function (ev) { ev.preventDefault(); });
      reset.addEventListener('click', function () {
        state.q = '';
        input.value = '';
        FACETS.forEach(function (f) { state[f] = ''; });
        render();
        input.focus();
      });
      render();
    });
  }

  function verify(form) {
    var input = document.getElementById('qb-cert');
    var msg = document.getElementById('qb-verify-message');
    var known = null;
    getJSON(form.getAttribute('data-index'), function (d) {
      known = {};
      d.forEach(function (c) { known[c.toUpperCase()] = c; });
      form.hidden = false;
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!known) return;
      var v = norm(input.value).replace(/\s+/g, '').toUpperCase();
      if (/^QB\d{4}\d{3}$/.test(v)) v = v.slice(0, 6) + '-' + v.slice(6);
      if (known[v]) {
        location.href = form.getAttribute('data-base') + encodeURIComponent(known[v]) + '/' +
          (form.getAttribute('data-index-file') || '');
      } else {
        msg.textContent = form.getAttribute('data-none').replace('{n}', input.value.trim());
      }
    });
  }

  var lib = document.getElementById('qb-library');
  if (lib) library(lib);
  var vf = document.getElementById('qb-verify');
  if (vf) verify(vf);
})();
