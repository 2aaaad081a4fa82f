/* Django's filter widget (SelectFilter2.js, the two lists of e.g. a user's groups) puts an
   aria-label on a bare <span>, where ARIA does not allow one: screen readers may drop it.
   As an image, the search icon may carry it, and it still names the filter box. The
   widget is built on "load"; this runs after every load handler. */
"use strict";

window.addEventListener("load", () => {
  window.setTimeout(() => {
    for (const icon of document.querySelectorAll("span.search-label-icon[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  }, 0);
});
