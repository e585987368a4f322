/* Starts the Europa Component Library's scripts on the elements marked data-ecl-auto-init.
   A static file (the CSP allows no inline script); every page works without it (ADR 0016). */
document.addEventListener("DOMContentLoaded", function () {
  if (window.ECL && typeof window.ECL.autoInit === "function") {
    window.ECL.autoInit();
  }
});
