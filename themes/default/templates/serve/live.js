/* The live preview (qbpress serve adds it to every page it serves; no
 * built file holds it): reloads the page once a new build is served, and
 * shows a failed build's messages over the page until a good build. */
(function () {
  'use strict';
  var me = document.currentScript;
  var mine = new URL(me.src).searchParams.get('b');
  var host = null;

  function show(html) {
    if (!html) {
      if (host) host.remove();
      host = null;
      return;
    }
    if (!host) {
      // In a shadow root: the site's styles and the overlay's stay apart.
      host = document.createElement('div');
      host.id = 'qbpress-overlay';
      host.attachShadow({ mode: 'open' });
      document.body.appendChild(host);
    }
    host.shadowRoot.innerHTML = html;
  }

  var events = new EventSource('/__qbpress/events');
  events.addEventListener('build', function (e) {
    var d = JSON.parse(e.data);
    if (d.build !== mine) {
      events.close();
      location.reload();
      return;
    }
    show(d.overlay);
  });
})();
