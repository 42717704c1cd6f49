/* Load the vendored MathJax (tex-chtml.js, 1.2 MB) only on pages that have math.
 * Sphinx's mathjax_path points here (see _config.yml); myst-nb puts the MathJax
 * tag on every page, and most pages of this book have no formula. */
(function () {
  var me = document.currentScript;
  function load() {
    if (!document.querySelector(".math, .tex2jax_process, .mathjax_process")) return;
    var s = document.createElement("script");
    s.src = me.src.replace(/load\.js(\?.*)?$/, "tex-chtml.js");
    s.async = true;
    document.head.appendChild(s);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
