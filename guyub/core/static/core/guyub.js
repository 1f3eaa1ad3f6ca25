/* Guyub's page behaviour. The Content-Security-Policy allows no inline script, event
   handler or style attribute, so what templates used to say inline lives here, keyed by
   data- attributes. */
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (the language menu).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });

  // <form data-confirm="Question?">: asks before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <div class="bar" aria-valuenow="40"><span></span></div>: the filled part's width.
  // Set through the CSSOM, which the policy allows (a style attribute it does not).
  function fillBars(root) {
    var bars = (root || document).querySelectorAll(".bar[aria-valuenow] > span");
    Array.prototype.forEach.call(bars, function (span) {
      var value = parseFloat(span.parentNode.getAttribute("aria-valuenow"));
      if (!isNaN(value)) {
        span.style.width = Math.max(0, Math.min(100, value)) + "%";
      }
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(fillBars);  // the first page and every piece htmx swaps in
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fillBars(document); });
  } else {
    fillBars(document);
  }
})();
