// Where a publicity period stands on the reader's day (the page says it as
// of the day it was built). Each element with data-days lists the period's
// working days from the official calendar; the text of its
// <template data-state="before|during|after"> replaces its [data-text],
// with the working days left from today ([data-slot=left]) and today's date
// ([data-slot=today], written after data-date-format). The day is China's.
(function () {
  'use strict';
  var today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
  function words(iso, format) {
    return format.replace('{y}', +iso.slice(0, 4)).replace('{m}', +iso.slice(5, 7)).replace('{d}', +iso.slice(8, 10));
  }
  document.querySelectorAll('[data-days]').forEach(function (el) {
    var days = el.getAttribute('data-days').split(' ').filter(Boolean);
    if (!days.length) return;
    var state = today < days[0] ? 'before' : today <= days[days.length - 1] ? 'during' : 'after';
    var t = el.querySelector('template[data-state="' + state + '"]');
    var out = el.querySelector('[data-text]');
    if (!t || !out) return;
    var text = t.content.cloneNode(true);
    text.querySelectorAll('[data-slot="left"]').forEach(function (s) {
      s.textContent = days.filter(function (d) { return d >= today; }).length;
    });
    text.querySelectorAll('[data-slot="today"]').forEach(function (s) {
      s.setAttribute('datetime', today);
      s.textContent = words(today, el.getAttribute('data-date-format') || '{y}-{m}-{d}');
    });
    out.replaceChildren(text);
    el.setAttribute('data-state', state);
  });
})();
