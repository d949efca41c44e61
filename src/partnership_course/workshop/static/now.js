/* "Your facilitator asks everyone to open ...": every few seconds, ask the server where the
   room is being sent, and show it as a link in #pc-now (never a jump: nobody loses a sentence). */
(function () {
  var box = document.getElementById('pc-now');
  if (!box) { return; }
  var here = new URLSearchParams(location.search);
  var ask = new URLSearchParams();
  ['p', 'lang'].forEach(function (k) { if (here.get(k)) { ask.set(k, here.get(k)); } });
  if (!ask.get('lang') && document.documentElement.lang) {
    ask.set('lang', document.documentElement.lang);
  }
  var shown = null;
  function check() {
    fetch('/workshop/now.json?' + ask.toString(), {credentials: 'same-origin'}).then(function (r) {
      if (r.ok) { return r.json(); }
    }).then(function (now) {
      if (!now) { return; }
      var key = now.href || '';
      if (key === shown) { return; }
      shown = key;
      box.textContent = '';
      box.className = now.href ? 'pc-send' : '';
      if (!now.href || location.pathname + location.search === now.href) { return; }
      box.appendChild(document.createTextNode(now.before));
      var link = document.createElement('a');
      link.href = now.href;
      link.textContent = now.title;
      box.appendChild(link);
    }).catch(function () {});
  }
  check();
  setInterval(check, 5000);
})();
