// Marks the page as scripted (GOV.UK Frontend keys its styles off this) and
// starts its components. Loaded as a file: the CSP forbids inline script.
document.body.classList.add("js-enabled");
if (window.GOVUKFrontend && window.GOVUKFrontend.isSupported()) {
  document.body.classList.add("govuk-frontend-supported");
  window.GOVUKFrontend.initAll();
}
