/* The door page: "Pindai dengan kamera" reads a member's QR card with the phone's camera
   through the browser's BarcodeDetector (no library, no CDN), puts the code in the field
   and submits the check-in. Scanners (USB, Bluetooth) need nothing: they type into the
   field and press Enter. Without BarcodeDetector the button stays hidden. */
(function () {
  "use strict";

  function start() {
    var button = document.getElementById("scan-camera");
    var video = document.getElementById("scan-video");
    var note = document.getElementById("scan-note");
    var form = document.getElementById("door-form");
    if (!button || !video || !form) { return; }
    var field = form.querySelector("input[name=code]");
    var supported = "BarcodeDetector" in window && navigator.mediaDevices &&
      navigator.mediaDevices.getUserMedia;
    if (!supported) {
      if (note) { note.textContent = note.getAttribute("data-unsupported"); note.hidden = false; }
      return;
    }
    button.hidden = false;
    var label = button.textContent;
    var stream = null;
    var timer = null;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });

    function stop() {
      if (timer) { window.clearInterval(timer); timer = null; }
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
      video.hidden = true;
      button.textContent = label;
    }

    function scan() {
      detector.detect(video).then(function (codes) {
        if (codes.length && codes[0].rawValue) {
          field.value = codes[0].rawValue;
          stop();
          form.requestSubmit ? form.requestSubmit() : form.submit();
        }
      }).catch(function () { /* a frame not ready yet: try the next one */ });
    }

    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false;
          button.textContent = button.getAttribute("data-stop");
          return video.play();
        })
        .then(function () { timer = window.setInterval(scan, 300); })
        .catch(function (error) {
          stop();
          if (note) { note.textContent = String(error && error.message || error); note.hidden = false; }
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
