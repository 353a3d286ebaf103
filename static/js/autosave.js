// Saves the answer as the trainee types. The browser keeps its copy until the server has
// confirmed the save, so nothing typed is lost on a bad network, an expired session or a
// server that fails the "Save draft" or "Hand in" request.
(function () {
  "use strict";
  // A handed-in work is on the server for good: the page names the copies it makes useless.
  document.querySelectorAll("[data-autosave-clear]").forEach(function (element) {
    window.localStorage.removeItem(element.dataset.autosaveClear);
  });
  const form = document.getElementById("answer-form");
  if (!form) return;
  const area = form.querySelector("textarea[name=text]");
  const revision = form.querySelector("input[name=revision]");
  const status = form.querySelector("[data-autosave-status]");
  const key = form.dataset.storageKey;
  let timer = null;

  const kept = window.localStorage.getItem(key);
  if (kept !== null && kept === area.value) {
    window.localStorage.removeItem(key); // the server shows this very text: it has it
  } else if (kept !== null) {
    area.value = kept;
    status.textContent = form.dataset.msgRestored;
  }

  function save() {
    const body = new FormData(form);
    body.delete("submit");
    fetch(form.dataset.autosaveUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        if (result.ok && result.data.saved) {
          revision.value = result.data.revision;
          window.localStorage.removeItem(key);
          const time = new Date(result.data.saved_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          status.textContent = form.dataset.msgSaved + " " + time;
        } else {
          status.textContent = result.data.message || form.dataset.msgOffline;
        }
      })
      .catch(function () {
        status.textContent = form.dataset.msgOffline;
      });
  }

  area.addEventListener("input", function () {
    window.localStorage.setItem(key, area.value);
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 2000);
  });
  // No clean-up on submit: only a page that shows the saved text (above) or the handed-in
  // work (data-autosave-clear) proves that the server kept it.
  form.addEventListener("submit", function () {
    window.localStorage.setItem(key, area.value);
  });
})();
