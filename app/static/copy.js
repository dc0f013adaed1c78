// Copy buttons on the kit page: copy the text of the element named by data-copy.
// Progressive enhancement: without JavaScript the text stays selectable in its box.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-copy"));
      if (!box) { return; }
      var text = box.value !== undefined ? box.value : box.textContent;
      var done = function () {
        var label = button.textContent;
        button.textContent = button.getAttribute("data-done") || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { box.select(); });
      } else {
        box.select();
        document.execCommand("copy");
        done();
      }
    });
  });
})();
