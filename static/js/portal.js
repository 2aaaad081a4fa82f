// After a send that did not do, the page shows an error summary: move the focus to it,
// so keyboard and screen reader users start at the list of what to correct.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
