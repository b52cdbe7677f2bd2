/* AppManager console: the dashboard's refresh and confirmations. No framework, no build step. */
(function () {
  "use strict";

  // A panel with data-refresh reloads its content every data-every seconds while the tab is visible.
  // Only the panel changes: scroll position, focus and any form elsewhere on the page stay as they are.
  function autoRefresh(panel) {
    var every = (parseInt(panel.getAttribute("data-every"), 10) || 10) * 1000;
    var timer = window.setInterval(tick, every);
    var stopped = false;

    // Once the session has ended, answers to requests still on their way are ignored.
    function stop(message) {
      if (stopped) {
        return;
      }
      stopped = true;
      window.clearInterval(timer);
      panel.classList.add("stale");
      var note = document.createElement("p");
      note.className = "flash info";
      note.textContent = message;
      panel.parentNode.insertBefore(note, panel);
    }

    function tick() {
      if (document.visibilityState !== "visible") {
        return;
      }
      window.fetch(panel.getAttribute("data-refresh"), {
        credentials: "same-origin",
        headers: {"X-Console-Fetch": "1"}
      }).then(function (reply) {
        if (reply.status === 401 || reply.status === 403) {
          stop(panel.getAttribute("data-ended"));
          return null;
        }
        return reply.ok ? reply.text() : null;
      }).then(function (html) {
        if (!stopped && typeof html === "string") {
          panel.innerHTML = html;
          panel.classList.remove("stale");
        }
      }).catch(function () {
        panel.classList.add("stale");
      });
    }
  }

  // A form with data-confirm asks before it is sent (apply, discard, disable, forget).
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (event.target.hasAttribute("data-guard")) {
      carryEdits(event.target);
    }
  });

  // Forms with data-guard (the rules page: one form per group) never lose an edit: a Save sends the
  // edits of every changed form on the page, and leaving with unsaved edits asks first.
  var leaving = false;

  function guarded() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-guard]"));
  }

  function carryEdits(target) {
    leaving = true;
    guarded().forEach(function (other) {
      if (other === target || !other.classList.contains("dirty")) {
        return;
      }
      new FormData(other).forEach(function (value, name) {
        if (name === "csrf_token" || name === "reset") {
          return;
        }
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        target.appendChild(input);
      });
    });
  }

  function markDirty(event) {
    var owner = event.target.form;
    if (owner && owner.hasAttribute("data-guard")) {
      owner.classList.add("dirty");
      guarded().forEach(function (form) {
        var note = form.querySelector(".unsaved");
        if (note) {
          note.hidden = !document.querySelector("form[data-guard].dirty");
        }
      });
    }
  }

  document.addEventListener("input", markDirty);
  document.addEventListener("change", markDirty);
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && document.querySelector("form[data-guard].dirty")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-refresh]"), autoRefresh);
  });
}());
