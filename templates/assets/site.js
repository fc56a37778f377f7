/* Two fixes to the theme's behaviour, both for people using assistive technology. */
(function () {
  "use strict";

  // The theme jumps to another page or to search when a single key is pressed (n, p, ".", ",", f, s, "/").
  // Speech input and a stray key press set these off by accident (WCAG 2.2, 2.1.4 Character Key
  // Shortcuts), so they are turned off: the key never reaches the theme. Keys typed into the search box,
  // keys with Ctrl, Alt or Cmd, and Tab, Enter, Escape and the arrows are untouched.
  var THEME_KEYS = ["n", "p", ".", ",", "f", "s", "/"];

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (THEME_KEYS.indexOf(event.key) >= 0) {
      event.stopImmediatePropagation();
    }
  }, true);

  // The line that says how many pages match a search changes as the reader types; as a status region,
  // a screen reader announces it without moving the reader's place (4.1.3 Status Messages).
  var meta = document.querySelector(".md-search-result__meta");
  if (meta) {
    meta.setAttribute("role", "status");
    meta.setAttribute("aria-live", "polite");
  }
})();
