/* The facilitator view's live part: fetched again every 10 seconds, open details kept open.
   The warm-up line ("Getting ready" / "Ready") is lifted to the top of the page, where the
   facilitator looks before opening the doors. */
(function () {
  var live = document.getElementById('live');
  if (!live) { return; }
  function liftWarmUp() {
    var slot = document.getElementById('warm-up-slot');
    var line = live.querySelector('#warm-up');
    if (slot && line) { slot.innerHTML = ''; slot.appendChild(line); }
  }
  liftWarmUp();
  setInterval(function () {
    var open = Array.prototype.map.call(live.querySelectorAll('details[open]'),
      function (d) { return d.parentNode.getAttribute('aria-labelledby'); });
    var src = live.getAttribute('data-src') || '/workshop/facilitator/live';
    fetch(src, {credentials: 'same-origin'}).then(function (r) {
      if (r.ok) { return r.text(); }
    }).then(function (html) {
      if (!html) { return; }
      live.innerHTML = html;
      liftWarmUp();
      open.forEach(function (id) {
        var s = live.querySelector('section[aria-labelledby="' + id + '"] details');
        if (s) { s.open = true; }
      });
    });
  }, 10000);
})();
