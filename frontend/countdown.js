// Counts down to a retry's next attempt in the browser (elements with data-countdown-to = epoch millis), so the
// server never pushes every second to every open run page. The server's words are replaced only in this element.
(function () {
  if (window.runplaneCountdown) {
    return;
  }
  window.runplaneCountdown = true;
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-countdown-to]').forEach(function (el) {
      var at = Number(el.getAttribute('data-countdown-to'));
      var left = Math.ceil((at - now) / 1000);
      var text = left > 0 ? ' in ' + left + ' s' : ' starting';
      if (el.textContent !== text) {
        el.textContent = text;
      }
    });
  }
  setInterval(tick, 1000);
  tick();
})();
