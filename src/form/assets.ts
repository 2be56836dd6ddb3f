// The app's own stylesheet and its one small script (no CDN, no build step). The form works
// without the script; it only chooses a project on a pointer change, keeps a second click
// from sending twice, and moves focus to the first problem.

export const FORM_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2d35;background:#f6f5f0}
a{color:#1a5fb4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header{background:#1d2d35;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header .app{font-weight:700;margin:0;font-size:1.1rem}
header .who{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-size:.95rem}
header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #9fb3bd;border-radius:6px;padding:.3rem .7rem;font-size:.9rem;cursor:pointer}
main{max-width:42rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h1[tabindex]:focus{outline:none}
.card{background:#fff;border:1px solid #dcd9cf;border-radius:10px;padding:1rem 1.25rem;margin-bottom:1rem}
.field{margin:0 0 1.1rem}
label,.label,legend{display:block;font-weight:600;margin-bottom:.3rem}
.hint{color:#56656d;font-size:.9rem;margin:.2rem 0 .3rem}
.req{color:#a4262c;font-weight:400}
input[type=text],input[type=date],select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8a979e;border-radius:6px;background:#fff;color:inherit;min-height:2.75rem}
textarea{min-height:8rem;resize:vertical}
.row{display:flex;gap:.5rem;align-items:flex-end}.row select{flex:1}
.dates{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:30rem){.dates{grid-template-columns:1fr}main{padding:.75rem}.card{padding:.75rem}}
fieldset{border:1px solid #dcd9cf;border-radius:6px;margin:0;padding:.5rem .75rem}
fieldset legend{padding:0 .25rem}
.people{max-height:14rem;overflow:auto}
.check{display:flex;gap:.5rem;align-items:center;padding:.25rem 0;font-weight:400;margin:0;min-height:2.2rem}
.check input{width:1.2rem;height:1.2rem;flex:none}
.check small{color:#56656d}
button,.button{font:inherit;border-radius:6px;padding:.6rem 1.1rem;border:1px solid #1a5fb4;background:#fff;color:#1a5fb4;cursor:pointer;text-decoration:none;display:inline-block;min-height:2.75rem}
button.primary,.button.primary{background:#1a5fb4;color:#fff}
button[aria-disabled=true]{opacity:.6;cursor:progress}
.invalid input,.invalid select,.invalid textarea,.invalid fieldset{border-color:#a4262c;border-width:2px}
.error{color:#a4262c;font-weight:600;margin:.3rem 0 0}
.notice{border-radius:8px;padding:.75rem 1rem;margin-bottom:1rem;border:2px solid #a4262c;background:#fdf1f1}
.notice.info{border-color:#1a5fb4;background:#eef4fc}
.summary ul{margin:.3rem 0 0;padding-left:1.2rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0}
`;

export const FORM_JS = `(function () {
  "use strict";
  var form = document.getElementById("request");
  var summary = document.querySelector("[data-focus-first]");
  if (summary) summary.focus();
  if (!form) return;
  var project = document.getElementById("project");
  var choose = document.getElementById("choose");
  var keyboard = false;
  if (project && choose) {
    project.addEventListener("keydown", function () { keyboard = true; });
    project.addEventListener("pointerdown", function () { keyboard = false; });
    project.addEventListener("change", function () {
      // Arrow keys change a select one step at a time: wait for "Choose" then.
      if (!keyboard && form.requestSubmit) form.requestSubmit(choose);
    });
  }
  var sent = false;
  form.addEventListener("submit", function (e) {
    if (sent) { e.preventDefault(); return; }
    sent = true;
    var b = document.getElementById("create");
    if (b && !(e.submitter && e.submitter.id === "choose")) { b.setAttribute("aria-disabled", "true"); b.textContent = "Sending\\u2026"; }
  });
  window.addEventListener("pageshow", function () {
    sent = false;
    var b = document.getElementById("create");
    if (b) { b.removeAttribute("aria-disabled"); b.textContent = "Create to-do"; }
  });
})();
`;
