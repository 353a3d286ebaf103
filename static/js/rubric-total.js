// The grading page's running total: the chosen levels' points on the assignment's scale,
// against the pass mark, updated as the trainer chooses. The sentences come from the page
// (translated there); the server shows the same total when the page loads.
(function () {
  "use strict";
  const box = document.querySelector("[data-rubric-total]");
  if (!box) return;
  const form = box.closest("form");
  const lang = document.documentElement.lang || "ru";
  const max = Number(box.dataset.max);
  const rubricMax = Number(box.dataset.rubricMax);
  const pass = Number(box.dataset.pass);

  function number(value) {
    return value.toLocaleString(lang, { maximumFractionDigits: 1 });
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return key in values ? values[key] : "";
    });
  }

  function update() {
    const names = new Set();
    form.querySelectorAll("input[type=radio][data-points]").forEach(function (input) {
      names.add(input.name);
    });
    let points = 0;
    let chosen = 0;
    form.querySelectorAll("input[type=radio][data-points]:checked").forEach(function (input) {
      points += Number(input.dataset.points);
      chosen += 1;
    });
    // Rounded half up to one decimal, as the server scales it.
    const score = rubricMax > 0 ? Math.round((points * max * 10) / rubricMax + 1e-9) / 10 : 0;
    let template = box.dataset.msgPartial;
    if (chosen === names.size) {
      template = score >= pass ? box.dataset.msgPassed : box.dataset.msgFailed;
    }
    box.textContent = fill(template, {
      score: number(score),
      max: number(max),
      pass: number(pass),
      chosen: String(chosen),
      count: String(names.size),
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=radio][data-points]")) update();
  });
})();
