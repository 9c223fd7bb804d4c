// What the library search looks through, as the tests understand it: every
// field a card or case shows, from the search index (cases/index.json).
// fields(index, c) gives [key, text] pairs in the order a match is told;
// searchText(index, c) all of them as one string.
'use strict';

function fields(index, c) {
  const n = index.names;
  return [['e', c.e], ['t', c.t], ['y', c.y + '年'], ['f', n.f[c.f].join('')], ['r', (n.r[c.r] || []).join(' ')],
    ['s', c.s], ['m', c.m.join('、')], ['k', c.k.join('、')], ['i', n.i[c.i] + ' › ' + (n.d[c.d] || '')],
    ['c', n.c[c.c]], ['n', c.n]];
}

function searchText(index, c) {
  return fields(index, c).map((f) => f[1]).join('\n');
}

module.exports = { fields, searchText };
