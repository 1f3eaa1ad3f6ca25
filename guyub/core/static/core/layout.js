/* Guyub layout helpers (no inline script: the Content-Security-Policy forbids it).
 *
 * 1. Tables of three or more columns become labelled cards on a phone (the CSS in
 *    guyub.css, under "table.stack"): each cell gets its column's heading as
 *    data-label, so a card reads "Jumlah  Rp90.000" without a header row on screen.
 * 2. The grouped main menu: Escape or a click elsewhere closes the open group.
 */
(function () {
  "use strict";

  function headings(table) {
    // One label per column, a colspan heading covering each column it spans.
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var labels = [];
    if (!row) { return labels; }
    Array.prototype.forEach.call(row.cells, function (cell) {
      var text = (cell.getAttribute("data-label") || cell.textContent).replace(/\s+/g, " ").trim();
      for (var i = 0; i < (cell.colSpan || 1); i++) { labels.push(text); }
    });
    return labels;
  }

  function label(table) {
    var labels = headings(table);
    if (labels.length < 3) { return; }
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (tr) {
        var col = 0;
        Array.prototype.forEach.call(tr.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && labels[col]) {
            cell.setAttribute("data-label", labels[col]);
          }
          col += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("stack");
  }

  function labelAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("table"), label);
  }

  function closeMenus(except) {
    document.querySelectorAll("nav.mainnav details[open]").forEach(function (d) {
      if (d !== except) { d.removeAttribute("open"); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  // htmx swaps in new rows (filters, pagers): label them too.
  document.addEventListener("htmx:afterSwap", function (event) { labelAll(event.target); });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("nav.mainnav details[open]");
    if (open) {
      open.removeAttribute("open");
      open.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest && event.target.closest("nav.mainnav details"));
  });
})();
