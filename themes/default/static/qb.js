/* The library search and facets, certificate lookup. Wording
   comes from the pages; data from cases/ and verify/ index.json (index.js
   in a site read from files). */
(function () {
  'use strict';

  function norm(s) { return (s.normalize ? s.normalize('NFKC') : s).toLowerCase(); }

  function fill(s, v) { return s.replace('{}', v); }
  function at(el, n) { return el.getAttribute('data-' + n); }
  var $ = document.getElementById.bind(document);

  // Calls done with window[name], or with the JSON at el's data-index.
  function load(el, name, done) {
    if (window[name]) return done(window[name]);
    var x = new XMLHttpRequest();
    x.open('GET', at(el, 'index'));
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
      (on[i] ? el.appendChild(document.createElement('mark')) : el).append(ch.slice(i, j).join(''));
    }
  }

  var FACETS = { year: 'y', focus: 'f', industry: 'i', region: 'r' };

  function library(root) {
    var form = root.querySelector('form.search'), input = $('qb-q'), reset = $('qb-reset');
    var list = $('qb-results'), count = $('qb-count'), more = $('qb-more'), pager = root.querySelector('.page-nav');
    var tpl = $('qb-card').content.firstElementChild;
    var base = at(root, 'base'), indexFile = at(root, 'index-file');
    var links = root.querySelectorAll('.facet a[data-facet]');
    var labels = {}, state = {}, found = [], shown = 0, terms = [], data, names, timer;
    tpl.querySelectorAll('[data-field]').forEach(function (el) { labels[at(el, 'field')] = el; });
    var params = new URLSearchParams(location.search), own = at(root, 'facet');
    // No search and only the page's facet (home): its cards and pager.
    var cards = [].slice.call(list.children), told = count.textContent, home = {};
    for (var f in FACETS) state[f] = params.get(f) || '';
    if (own) state[own] = home[own] = at(root, 'value');
    home = String(new URLSearchParams(home));
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

    // -1 when c lacks a term, else how many its enterprise or title holds.
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
        var slot = at(el, 'slot'), v = text[slot];
        if (slot === 'why') return;
        if (at(el, 'format')) v = fill(at(el, 'format'), v);
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
    // facets; hides empty values unless picked. Returns the picked labels.
    function syncFacets(matching) {
      var n = {}, picked = [];
      matching.forEach(function (c) {
        for (var f in FACETS) if (facetsMatch(c, f)) n[f += c[FACETS[f]]] = (n[f] || 0) + 1;
      });
      links.forEach(function (a) {
        var f = at(a, 'facet'), v = at(a, 'value'), on = state[f] === v;
        a.querySelector('.count').textContent = n[f + v] || 0;
        a.parentNode.hidden = !n[f + v] && !on;
        if (on) picked.push(a.firstChild.nodeValue.trim());
        a[on ? 'setAttribute' : 'removeAttribute']('aria-current', 'true');
      });
      return picked;
    }

    function showMore() {
      list.append.apply(list, found.slice(shown, shown + 60).map(card));
      shown = Math.min(found.length, shown + 60);
      more.hidden = shown >= found.length;
      more.textContent = fill(at(more, 'format'), found.length - shown);
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
      if (state.q) p.set('q', state.q);
      for (var f in FACETS) if (state[f]) p.set(f, state[f]);
      var picked = syncFacets(matching), g = at.bind(null, count), m = String(p) === home;
      list.textContent = '';
      shown = 0;
      if (m) list.append.apply(list, cards);
      else showMore();
      more.hidden = m || more.hidden;
      if (pager) pager.hidden = !m;
      count.textContent = m ? told : (found.length ? fill(g('many'), found.length) : g('none')) +
        (picked.length ? fill(g('picked'), picked.join(g('sep'))) : '');
      reset.hidden = !state.q && !picked.length;
      try {
        history.replaceState(null, '', location.pathname + (m || !String(p) ? '' : '?' + p));
      } catch (e) { /* a page read from a file may keep its address */ }
    }

    links.forEach(function (a) {
      a.addEventListener('click', function (ev) {
        if (!data || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        var f = at(a, 'facet'), v = at(a, 'value');
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
    var g = at.bind(null, form);
    var input = $('qb-cert'), msg = $('qb-verify-message'), out = $('qb-found'), tpl = $('qb-cert-item').content.firstElementChild;
    var page = function (c) { return g('base') + encodeURIComponent(c[0]) + '/' + g('index-file'); };
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
      if (hit.length) return location.assign(page(hit[0]));
      hit = q ? certs.filter(function (c) { return c[2] === n || norm(c[1]).indexOf(q) >= 0; }) : [];
      out.textContent = '';
      hit.slice(0, 50).forEach(function (c) {
        var li = out.appendChild(tpl.cloneNode(true)), s = function (k) { return li.querySelector('[data-slot="' + k + '"]'); };
        s('link').href = page(c);
        mark(s('link'), c[1], [q]);
        s('n').textContent = c[0];
        s('y').textContent = fill(at(s('y'), 'format'), c[3]);
        var st = s('state');
        st.textContent = at(st, c[4] ? 'revoked' : 'valid');
        st.className += c[4] ? ' revoked' : ' valid';
        if (c[4]) s('pdf').remove();
        else s('pdf').href = g('pdf') + encodeURIComponent(c[0]) + '.pdf';
      });
      msg.className = 'verify-message' + (hit.length ? ' found' : '');
      msg.textContent = !hit.length ? fill(g('none'), input.value.trim())
        : fill(g('found'), hit.length) + (hit.length > 50 ? fill(g('more'), 50) : '');
    });
  }

  if ($('qb-library')) library($('qb-library'));
  if ($('qb-verify')) verify($('qb-verify'));
})();
