// colophon's web edition: search in the browser, from the index the build wrote (search/), with no
// server. Pages work without this script; it adds the search, and the address in "How to cite"
// where book.yaml gives no url. Words are folded as internal/web/fold.go folds them, and matched
// by prefix. See search.go for the index's files.
(function () {
  'use strict';

  var form = document.querySelector('form.search');
  if (!form) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input[type="search"]');

  // Where the edition has no url, "How to cite" gives the address the page is read at.
  document.querySelectorAll('.cite-url[data-page]').forEach(function (el) {
    el.textContent = location.href.replace(/[?#].*$/, '') + '.';
  });

  var spelled = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ς': 'σ' };
  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/[ßæœøłđðþıς]/g, function (c) { return spelled[c]; });
  }
  var wordRE = /[\p{L}\p{N}\p{M}]+/gu;
  function words(s) { return fold(s).match(wordRE) || []; }
  window.colophonFold = words; // for the tests, which hold it to fold.go

  function shardKey(t) { return Array.from(t).slice(0, 2).join(''); }

  // passageText reads a passage from its document's page, as a reader sees it: without the
  // sidenotes' copies of the notes, the citation links and the page markers' words.
  var pages = {};
  function passageText(doc, id) {
    if (!pages[doc.u]) {
      pages[doc.u] = fetch(root + doc.u).then(function (r) { return r.text(); }).then(function (t) {
        return new DOMParser().parseFromString(t, 'text/html');
      });
    }
    return pages[doc.u].then(function (page) {
      var el = page.getElementById(id);
      if (!el) return '';
      el = el.cloneNode(true);
      el.querySelectorAll('.sidenote, .cite, .page, a[role="doc-backlink"]').forEach(function (x) { x.remove(); });
      return el.textContent.replace(/\s+/g, ' ').trim();
    });
  }

  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + 'search/' + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  // decode reads a term's passages (search.go, encodePostings) as [doc, passage, doc, passage…].
  function decode(s) {
    var out = [], i = 0;
    function num() {
      var n = 0, mul = 1;
      for (;;) {
        var c = DIGITS.indexOf(s.charAt(i++));
        if (c < 32) return n + c * mul;
        n += (c - 32) * mul;
        mul *= 32;
      }
    }
    var doc = 0;
    while (i < s.length) {
      doc += num();
      var count = num(), p = 0;
      for (var k = 0; k < count; k++) { p += num(); out.push(doc, p); }
    }
    return out;
  }

  // matches finds the passages holding a word: every term of the index that begins with it,
  // weighed 2 when it is the whole term.
  function matches(index, token) {
    var key = shardKey(token);
    if (!Object.prototype.hasOwnProperty.call(index.shards, key)) return Promise.resolve(new Map());
    return load('terms/' + index.shards[key] + '.json').then(function (shard) {
      var found = new Map();
      Object.keys(shard).forEach(function (term) {
        // The file holds its neighbours' shards too: a term counts only from the word's own.
        if (term.lastIndexOf(token, 0) !== 0 || shardKey(term) !== key) return;
        var w = term === token ? 2 : 1, ps = decode(shard[term]);
        for (var i = 0; i < ps.length; i += 2) {
          var k = ps[i] + ':' + ps[i + 1];
          if ((found.get(k) || 0) < w) found.set(k, w);
        }
      });
      return found;
    });
  }

  // search answers a query with one result per document, best first: the passage that holds
  // all its words (or, failing one, the document that does), to link to and quote.
  function search(query) {
    var tokens = words(query);
    var long = tokens.filter(function (t) { return Array.from(t).length > 1; });
    if (long.length) tokens = long;
    tokens = tokens.filter(function (t, i) { return tokens.indexOf(t) === i; });
    if (!tokens.length) return Promise.resolve({ tokens: tokens, results: [] });
    return load('index.json').then(function (index) {
      return Promise.all(tokens.map(function (t) { return matches(index, t); })).then(function (sets) {
        var passages = new Map();
        sets[0].forEach(function (w, k) {
          var score = w;
          for (var i = 1; i < sets.length; i++) {
            var v = sets[i].get(k);
            if (!v) return;
            score += v;
          }
          passages.set(k, score);
        });
        if (!passages.size) {
          // No one passage holds every word: the documents that do, by their best passage.
          var docs = sets.map(function (s) { var d = new Set(); s.forEach(function (w, k) { d.add(k.split(':')[0]); }); return d; });
          sets.forEach(function (s) {
            s.forEach(function (w, k) {
              var d = k.split(':')[0];
              if (docs.every(function (ds) { return ds.has(d); })) passages.set(k, (passages.get(k) || 0) + w);
            });
          });
        }
        var best = new Map();
        passages.forEach(function (score, k) {
          var parts = k.split(':'), doc = +parts[0], p = +parts[1];
          if (p === 0) score += 1; // the title
          var b = best.get(doc);
          if (!b || score > b.score || (score === b.score && p < b.passage)) best.set(doc, { doc: doc, passage: p, score: score });
        });
        var results = Array.from(best.values()).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return { tokens: tokens, results: results, index: index };
      });
    });
  }

  // snippet is a passage's text round its first matching word, the matching words marked.
  function snippet(text, tokens) {
    var parts = [], last = 0, m, first = -1, marks = [];
    wordRE.lastIndex = 0;
    while ((m = wordRE.exec(text))) {
      var f = fold(m[0]), hit = tokens.some(function (t) { return f.lastIndexOf(t, 0) === 0 || (t.length >= 4 && f.indexOf(t) >= 0); });
      if (hit) {
        marks.push([m.index, m.index + m[0].length]);
        if (first < 0) first = m.index;
      }
    }
    var start = 0, end = text.length;
    if (first > 120) start = text.lastIndexOf(' ', first - 80) + 1;
    if (end - start > 260) end = text.indexOf(' ', start + 240) < 0 ? end : text.indexOf(' ', start + 240);
    if (start > 0) parts.push(['…']);
    last = start;
    marks.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      parts.push([text.slice(last, r[0])], [text.slice(r[0], r[1]), true]);
      last = r[1];
    });
    parts.push([text.slice(last, end)]);
    if (end < text.length) parts.push(['…']);
    return parts;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k]) e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  // show writes the results into a list, as many as limit: at once each document's title and a
  // link to its best passage, then the snippets, quoted from the pages as they arrive. The list
  // records how long each took (data-ms, data-snippets-ms).
  function show(query, list, status, limit) {
    var started = performance.now();
    list.removeAttribute('data-done');
    return search(query).then(function (found) {
      var shown = found.results.slice(0, limit);
      list.textContent = '';
      var anchors = shown.map(function (r) {
        var doc = found.index.docs[r.doc];
        var li = el('li', { lang: doc.l });
        li.appendChild(el('a', { href: root + doc.u, 'class': 'result-title' }, doc.t));
        var p = el('p', { 'class': 'snippet' }), a = el('a', { href: root + doc.u + '#' + doc.p[r.passage] });
        p.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
        return a;
      });
      var n = found.results.length;
      if (status) {
        status.textContent = !found.tokens.length ? 'Type a word to search the edition.' :
          n === 0 ? 'No document holds “' + query.trim() + '”.' :
          (n === 1 ? 'One document holds' : n + ' documents hold') + ' “' + query.trim() + '”' +
          (n > shown.length ? '; the first ' + shown.length + ' are shown.' : '.');
      }
      list.setAttribute('data-ms', String(Math.round(performance.now() - started)));
      return Promise.all(shown.map(function (r, i) {
        var doc = found.index.docs[r.doc];
        return passageText(doc, doc.p[r.passage]).then(function (text) {
          snippet(text, found.tokens).forEach(function (part) {
            anchors[i].appendChild(part[1] ? el('mark', {}, part[0]) : document.createTextNode(part[0]));
          });
        });
      })).then(function () {
        list.setAttribute('data-snippets-ms', String(Math.round(performance.now() - started)));
        list.setAttribute('data-done', '');
        return found;
      });
    });
  }

  var results = document.getElementById('results');
  var status = document.getElementById('search-status');
  var timer;
  if (results) {
    // The search page: the query from the address, and again as one types.
    var q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    status.textContent = 'Type a word to search the edition.';
    load('index.json');
    if (q) show(q, results, status, 10);
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
        show(input.value, results, status, 10);
      }, 60);
    });
    return;
  }
  // Every other page: the first results under the box as one types; Enter opens the search page.
  input.addEventListener('focus', function () { load('index.json'); }); // before the first word is typed
  var panel = el('div', { 'class': 'search-panel', id: 'search-panel', 'aria-live': 'polite' });
  form.appendChild(panel);
  input.setAttribute('aria-controls', 'search-panel');
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!input.value.trim()) { panel.textContent = ''; return; }
      var list = el('ol', { 'class': 'results' }), st = el('p', { 'class': 'search-status', role: 'status' });
      panel.textContent = '';
      panel.appendChild(st);
      panel.appendChild(list);
      show(input.value, list, st, 6);
    }, 60);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; panel.textContent = ''; }
  });
})();
