/* dti web publication: sort a ranking by any column and filter it by name and band.
   The pages are complete without this script; it only adds the controls. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";

  /* "Hà Nội" and "ha noi" match: no case, no diacritics, đ as d. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
  }

  function value(row, col) {
    var cell = row.cells[col];
    return cell ? (cell.getAttribute("data-v") || cell.textContent || "") : "";
  }

  function sortBy(table, col, th) {
    var numeric = th.getAttribute("data-type") === "num";
    var current = th.getAttribute("aria-sort");
    var dir = current === "ascending" ? "descending" : current === "descending" ? "ascending"
      : (th.getAttribute("data-first") || "ascending");
    var sign = dir === "ascending" ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return [row, value(row, col), i]; });
    rows.sort(function (a, b) {
      if (a[1] === "" || b[1] === "") { return a[1] === b[1] ? a[2] - b[2] : (a[1] === "" ? 1 : -1); }
      var d = numeric ? parseFloat(a[1]) - parseFloat(b[1]) : a[1].localeCompare(b[1], lang);
      return d ? sign * d : a[2] - b[2];
    });
    rows.forEach(function (r) { body.appendChild(r[0]); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, col, th); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (box) {
    var table = document.getElementById(box.getAttribute("data-filter"));
    var name = box.querySelector("input");
    var band = box.querySelector("select");
    var count = box.querySelector(".count");
    function apply() {
      var wanted = fold(name.value);
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = fold(row.getAttribute("data-name") || "").indexOf(wanted) !== -1 &&
          (!band || !band.value || row.getAttribute("data-band") === band.value);
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = count.getAttribute("data-text").replace("{n}", String(shown));
    }
    name.addEventListener("input", apply);
    if (band) { band.addEventListener("change", apply); }
    box.hidden = false;
    apply();
  });
}());
