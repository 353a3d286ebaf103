// The planning form's people lists (facilitator, presenter) hold one group per cohort:
// show only the chosen cohort's group. The server checks the choice without this script.
(function () {
  "use strict";
  const cohort = document.getElementById("id_cohort");
  const lists = document.querySelectorAll("select[data-people]");
  if (!cohort || !lists.length) return;
  const cohortNames = new Set(
    Array.from(cohort.options).filter((o) => o.value).map((o) => o.text)
  );
  const off = (option) => option.matches(":disabled") || option.parentElement.disabled;

  function update() {
    const chosen = cohort.value ? cohort.options[cohort.selectedIndex].text : null;
    lists.forEach((list) => {
      list.querySelectorAll("optgroup").forEach((group) => {
        if (!cohortNames.has(group.label)) return; // supervisors, people on the session
        const other = group.label !== chosen;
        group.hidden = other;
        group.disabled = other;
      });
      const picked = list.options[list.selectedIndex];
      if (picked && off(picked)) {
        // The same person may be offered in a group still shown (a supervisor, say).
        const same = Array.from(list.options).find((o) => o.value === picked.value && !off(o));
        if (same) same.selected = true;
        else list.selectedIndex = list.options[0].value === "" ? 0 : -1;
      }
    });
  }

  cohort.addEventListener("change", update);
  update();
})();
