// Marks the page as scripted (GOV.UK Frontend keys its styles off this) and
// starts its components. Loaded as a file: the CSP forbids inline script.
document.body.classList.add("js-enabled");
if (window.GOVUKFrontend && window.GOVUKFrontend.isSupported()) {
  document.body.classList.add("govuk-frontend-supported");
  window.GOVUKFrontend.initAll();
}

// Upload forms: show the upload's progress, then that the file is being
// checked. Without script the form posts as usual.
document.querySelectorAll('form[data-module="pcc-upload"]').forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    var panel = form.querySelector(".pcc-upload-progress");
    var bar = panel.querySelector("progress");
    var status = panel.querySelector("[data-upload-status]");
    var button = form.querySelector('button[type="submit"]');
    var request = new XMLHttpRequest();
    panel.hidden = false;
    button.disabled = true;
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.round((progress.loaded / progress.total) * 100);
      bar.value = percent;
      status.textContent = "Uploaded " + percent + "%";
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = "Uploaded. Checking every row of the file: this can take a minute for a large file.";
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      status.textContent = "The upload failed. Check your connection and try again.";
      button.disabled = false;
    });
    request.open("POST", form.action || window.location.href);
    request.send(new FormData(form));
  });
});

// A job's page (an upload being checked or imported): ask every few seconds
// how far the worker has got, update the counts (a polite live region), and
// load the page again once the job has moved on. Without script the page
// says to refresh it.
document.querySelectorAll('[data-module="pcc-job-progress"]').forEach(function (panel) {
  if (!window.fetch) return;
  var state = panel.getAttribute("data-state");
  var poll = function () {
    window.fetch(panel.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (progress) {
        if (progress.state !== state) {
          window.location.reload();
          return;
        }
        panel.querySelectorAll("[data-progress]").forEach(function (cell) {
          var count = progress[cell.getAttribute("data-progress")];
          if (typeof count === "number") cell.textContent = count.toLocaleString("en-GB");
        });
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  };
  window.setTimeout(poll, 2000);
});

// A table's scrolling region is a tab stop only while it scrolls: keyboard
// users reach a wide table to scroll it, and skip one that fits.
(function () {
  var regions = document.querySelectorAll(".pcc-table-scroll");
  function update() {
    regions.forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();
