/* The facilitator view's live part: fetched again every 10 seconds, open details kept open. */
(function () {
  var live = document.getElementById('live');
  if (!live) { return; }
  setInterval(function () {
    var open = Array.prototype.map.call(live.querySelectorAll('details[open]'),
      function (d) { return d.parentNode.getAttribute('aria-labelledby'); });
    var src = live.getAttribute('data-src') || '/workshop/facilitator/live';
    fetch(src, {credentials: 'same-origin'}).then(function (r) {
      if (r.ok) { return r.text(); }
    }).then(function (html) {
      if (!html) { return; }
      live.innerHTML = html;
      open.forEach(function (id) {
        var s = live.querySelector('section[aria-labelledby="' + id + '"] details');
        if (s) { s.open = true; }
      });
    });
  }, 10000);
})();
