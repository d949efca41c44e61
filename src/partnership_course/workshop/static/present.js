/* The projector view: step with the keyboard, and fetch the live part again every 4 seconds. */
(function () {
  var live = document.getElementById('live');
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = null;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') { target = 'pc-next'; }
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') { target = 'pc-prev'; }
    var link = target && document.getElementById(target);
    if (link) { event.preventDefault(); location.href = link.getAttribute('href'); }
  });
  if (!live) { return; }
  setInterval(function () {
    fetch(live.getAttribute('data-src'), {credentials: 'same-origin'}).then(function (r) {
      if (r.ok) { return r.text(); }
    }).then(function (html) {
      if (html && html !== live.innerHTML) { live.innerHTML = html; }
    }).catch(function () {});
  }, 4000);
})();
