/* The waiting page: try again every 3 seconds, keeping the place in the line. */
(function () {
  var retry = document.getElementById('pc-retry');
  if (retry) { setTimeout(function () { location.replace(retry.getAttribute('href')); }, 3000); }
})();
