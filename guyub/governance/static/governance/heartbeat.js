/* An online attendee's "still here": an element with data-heartbeat-url (and the page's
   CSRF token in <body hx-headers>) makes the page POST to that URL every 30 s while it
   is open. 204: counted; 404: not (or no longer) counted as present online — the
   element gets data-heartbeat-state="lost" and, when it holds a [data-heartbeat-lost]
   child, that child is shown. The server counts a member present for 90 s after the
   last beat (attendance.models.ONLINE_FRESH_SECONDS). */
(function () {
  "use strict";
  var EVERY_MS = 30000;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) { return ""; }
  }

  function beat(element) {
    var url = element.getAttribute("data-heartbeat-url");
    fetch(url, { method: "POST", credentials: "same-origin",
                 headers: { "X-CSRFToken": csrfToken() } })
      .then(function (response) {
        var lost = response.status === 404;
        element.setAttribute("data-heartbeat-state", lost ? "lost" : "ok");
        var warning = element.querySelector("[data-heartbeat-lost]");
        if (warning) { warning.hidden = !lost; }
      })
      .catch(function () { element.setAttribute("data-heartbeat-state", "offline"); });
  }

  function start() {
    var elements = document.querySelectorAll("[data-heartbeat-url]");
    Array.prototype.forEach.call(elements, function (element) {
      beat(element);
      window.setInterval(function () { beat(element); }, EVERY_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
