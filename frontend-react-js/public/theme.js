// Runs before the first paint (a blocking script in <head>, a file of its own since the CSP allows no inline
// script): puts the theme the person chose, or the system's, on <html data-theme>, so there is no flash of the
// other one. src/lib/theme.js keeps it in step afterwards; the two must agree on the key and the rule.
(function () {
  var choice = null;
  try {
    choice = window.localStorage.getItem('cruddur:theme');
  } catch {
    // storage refused: follow the system
  }
  var light =
    choice === 'light' ||
    (choice !== 'dark' && window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches);
  document.documentElement.setAttribute('data-theme', light ? 'light' : 'dark');
})();
