/* 全国质量标杆: library search and facets, certificate lookup. Wording
   comes from the pages; data from cases/ and verify/ index.json (index.js
   in a site read from files). */
(function () {
  'use strict';

  function norm(s) {
    return (s.normalize ? s.normalize('NFKC') : s).toLowerCase();
  }

  function fill(s, v) { return s.replace('{}', v); }
  var $ = document.getElementById.bind(document);

  // Calls done with window[name], or with the JSON at el's data-index.
  function load(el, name, done) {
    if (window[name]) return done(window[name]);
    var x = new XMLHttpRequest();
    x.open('GET', el.getAttribute('data-index'));
    x.onload = function () {
      if (x.status < 300 && x.responseText) {
        try { done(JSON.parse(x.responseText)); } catch (e) { /* keep the static page */ }
      }
    };
    x.send();
  }

  // Sets el's text, every match of terms in <mark>; normalised one character
  // at a time, so that a match maps back to the text as written.
  function mark(el, text, terms) {
    var ch = Array.from(String(text)), at = [], n = '', on = [], i, j, k;
    el.textContent = '';
    ch.forEach(function (c, i) {
      c = norm(c);
      for (k = 0; k < c.length; k++) at.push(i);
      n += c;
    });
    terms.forEach(function (t) {
      for (i = n.indexOf(t); t && i >= 0; i = n.indexOf(t, i + 1)) {
        for (k = at[i]; k <= at[i + t.length - 1]; k++) on[k] = 1;
      }
    });
    for (i = 0; i < ch.length; i = j) {
      for (j = i; j < ch.length && !on[j] === !on[i];) j++;
      var s = ch.slice(i, j).join('');
      var m = on[i] ? el.appendChild(document.createElement('mark')) : el;
      m.appendChild(document.createTextNode(s));
    }
  }

  var FACETS = { year: 'y', focus: 'f', industry: 'i', region: 'r' };

  function library(root) {
    var form = root.querySelector('form.search'), input = $('qb-q'), reset = $('qb-reset');
    var list = $('qb-results'), count = $('qb-count'), more = $('qb-more');
    var tpl = $('qb-card').content.firstElementChild;
    var base = root.getAttribute('data-base'), indexFile = root.getAttribute('data-index-file');
    var links = root.querySelectorAll('.facet a[data-facet]');
    var labels = {}, state = {}, found = [], shown = 0, terms = [], data, names, timer;
    tpl.querySelectorAll('[data-field]').forEach(function (el) { labels[el.getAttribute('data-field')] = el; });
    var params = new URLSearchParams(location.search);
    for (var f in FACETS) state[f] = params.get(f) || '';
    if (root.getAttribute('data-facet')) state[root.getAttribute('data-facet')] = root.getAttribute('data-value');
    state.q = params.get('q') || '';

    // A case's fields, in the order a match is told: [key, text]; the
    // first two (enterprise, title) rank a match first.
    function fields(c) {
      if (!c._f) {
        c._f = [['e', c.e], ['t', c.t], ['y', c.y + '年'], ['f', names.f[c.f].join('')],
          ['r', (names.r[c.r] || []).join(' ')], ['s', c.s], ['m', c.m.join('、')], ['k', c.k.join('、')],
          ['i', names.i[c.i] + ' › ' + (names.d[c.d] || '')], ['c', names.c[c.c]], ['n', c.n]];
        c._h = c._f.map(function (f) { return norm(f[1]); });
      }
      return c._f;
    }

    // -1 when c lacks a term, else how many terms its enterprise or title holds.
    function score(c) {
      for (var s = 0, k = 0, i; k < terms.length && fields(c); k++) {
        for (i = 0; i < c._h.length && c._h[i].indexOf(terms[k]) < 0;) i++;
        if (i === c._h.length) return -1;
        if (i < 2) s++;
      }
      return s;
    }

    function facetsMatch(c, except) {
      for (var f in FACETS) if (f !== except && state[f] && String(c[FACETS[f]]) !== state[f]) return false;
      return true;
    }

    function card(c) {
      var li = tpl.cloneNode(true), why = li.querySelector('[data-slot="why"]'), seen = [], told = {};
      var text = { link: c.e, t: c.t, y: c.y, f: names.f[c.f][1], r: (names.r[c.r] || [''])[0], s: c.s };
      li.querySelectorAll('[data-slot]').forEach(function (el) {
        var slot = el.getAttribute('data-slot'), v = text[slot];
        if (slot === 'why') return;
        if (el.getAttribute('data-format')) v = fill(el.getAttribute('data-format'), v);
        if (slot === 'link') el.href = base + c.u + indexFile;
        mark(el, v, terms);
        terms.forEach(function (t, k) { seen[k] = seen[k] || norm(v).indexOf(t) >= 0; });
      });
      // A term no text on the card shows: the field that holds it, marked.
      why.textContent = '';
      terms.forEach(function (t, k) {
        for (var i = 0; !seen[k] && c._h[i].indexOf(t) < 0;) i++;
        if (seen[k] || told[i]) return;
        told[i] = 1;
        var span = why.appendChild(document.createElement('span'));
        mark(span, c._f[i][1], terms);
        span.insertBefore(labels[c._f[i][0]].cloneNode(true), span.firstChild);
      });
      why.hidden = !why.firstChild;
      return li;
    }

    // Counts each facet value's cases under the search and the other
    // picked facets; hides values without any unless picked. Returns the
    // picked values' labels.
    function syncFacets(matching) {
      var n = {}, picked = [];
      matching.forEach(function (c) {
        for (var f in FACETS) if (facetsMatch(c, f)) n[f + c[FACETS[f]]] = (n[f + c[FACETS[f]]] || 0) + 1;
      });
      links.forEach(function (a) {
        var f = a.getAttribute('data-facet'), v = a.getAttribute('data-value'), on = state[f] === v;
        a.querySelector('.count').textContent = n[f + v] || 0;
        a.parentNode.hidden = !n[f + v] && !on;
        if (on) picked.push(a.firstChild.nodeValue.trim());
        a[on ? 'setAttribute' : 'removeAttribute']('aria-current', 'true');
      });
      return picked;
    }

    function showMore() {
      found.slice(shown, shown + 60).forEach(function (c) { list.appendChild(card(c)); });
      shown = Math.min(found.length, shown + 60);
      more.hidden = shown >= found.length;
      more.textContent = fill(more.getAttribute('data-format'), found.length - shown);
    }

    function render() {
      var matching = [], p = new URLSearchParams();
      terms = norm(state.q).split(/\s+/).filter(Boolean);
      found = [];
      data.cases.forEach(function (c, i) {
        c._s = score(c);
        c._i = i;
        if (c._s >= 0) matching.push(c);
        if (c._s >= 0 && facetsMatch(c)) found.push(c);
      });
      found.sort(function (a, b) { return b._s - a._s || a._i - b._i; });
      list.textContent = '';
      shown = 0;
      showMore();
      var picked = syncFacets(matching);
      var g = count.getAttribute.bind(count);
      count.textContent = (found.length ? fill(g('data-many'), found.length) : g('data-none')) +
        (picked.length ? fill(g('data-picked'), picked.join(g('data-sep'))) : '');
      reset.hidden = !state.q && !picked.length;
      if (state.q) p.set('q', state.q);
      for (var f in FACETS) if (state[f]) p.set(f, state[f]);
      try {
        history.replaceState(null, '', location.pathname + (state.q || picked.length ? '?' + p : ''));
      } catch (e) { /* a page read from a file may keep its address */ }
    }

    links.forEach(function (a) {
      a.addEventListener('click', function (ev) {
        if (!data || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        var f = a.getAttribute('data-facet'), v = a.getAttribute('data-value');
        state[f] = state[f] === v ? '' : v;
        render();
      });
    });

    load(root, 'qbCases', function (d) {
      data = d;
      names = d.names;
      form.hidden = false;
      input.value = state.q;
      input.addEventListener('input', function () {
        state.q = input.value;
        clearTimeout(timer);
        timer = setTimeout(render, 60);
      });
      form.addEventListener('submit', function (ev) { ev.preventDefault(); });
      more.addEventListener('click', showMore);
      reset.addEventListener('click', function () {
        for (var f in FACETS) state[f] = '';
        state.q = input.value = '';
        render();
        input.focus();
      });
      render();
    });
  }

  // A certificate number opens its page; part of an enterprise's name or
  // a unified social credit code lists what matches (at most 50).
  function verify(form) {
    var g = form.getAttribute.bind(form);
    var input = $('qb-cert'), msg = $('qb-verify-message'), out = $('qb-found'), tpl = $('qb-cert-item').content.firstElementChild;
    var at = function (c) { return g('data-base') + encodeURIComponent(c[0]) + '/' + g('data-index-file'); };
    var certs;
    load(form, 'qbCertificates', function (d) {
      certs = d;
      form.hidden = false;
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!certs) return;
      var q = norm(input.value).replace(/\s+/g, ''), n = q.toUpperCase();
      if (/^QB\d{7}$/.test(n)) n = n.slice(0, 6) + '-' + n.slice(6);
      var hit = certs.filter(function (c) { return c[0].toUpperCase() === n; });
      if (hit.length) return location.assign(at(hit[0]));
      hit = q ? certs.filter(function (c) { return c[2] === n || norm(c[1]).indexOf(q) >= 0; }) : [];
      out.textContent = '';
      hit.slice(0, 50).forEach(function (c) {
        var li = out.appendChild(tpl.cloneNode(true)), s = function (k) { return li.querySelector('[data-slot="' + k + '"]'); };
        s('link').href = at(c);
        mark(s('link'), c[1], [q]);
        s('n').textContent = c[0];
        s('y').textContent = fill(s('y').getAttribute('data-format'), c[3]);
        s('state').textContent = s('state').getAttribute(c[4] ? 'data-revoked' : 'data-valid');
        s('state').className += c[4] ? ' revoked' : ' valid';
        if (c[4]) s('pdf').remove();
        else s('pdf').href = g('data-pdf') + encodeURIComponent(c[0]) + '.pdf';
      });
      msg.className = 'verify-message' + (hit.length ? ' found' : '');
      msg.textContent = !hit.length ? fill(g('data-none'), input.value.trim())
        : fill(g('data-found'), hit.length) + (hit.length > 50 ? fill(g('data-more'), 50) : '');
    });
  }

  if ($('qb-library')) library($('qb-library'));
  if ($('qb-verify')) verify($('qb-verify'));
})();
