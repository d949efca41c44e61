/* The waiting page: ask again when the server says (data-retry-ms: soon for the first in line,
   later further back), keeping the place in the line. */
(function () {
  var retry = document.getElementById('pc-retry');
  if (!retry) { return; }
  var wait = parseInt(retry.getAttribute('data-retry-ms'), 10);
  if (!(wait > 0)) { wait = 3000; }
  setTimeout(function () { location.replace(retry.getAttribute('href')); }, wait);
})();
