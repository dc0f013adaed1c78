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

// "Bagikan" on the kit page: share the picture itself through the phone's share sheet
// (Web Share API with files) where the browser can; elsewhere the button downloads it.
(function () {
  "use strict";
  document.querySelectorAll("button[data-share]").forEach(function (button) {
    button.hidden = false;
    var download = function () { window.location.href = button.getAttribute("data-share-download"); };
    button.addEventListener("click", function () {
      if (!navigator.canShare || !window.fetch || !window.File) { download(); return; }
      fetch(button.getAttribute("data-share"), { credentials: "same-origin" })
        .then(function (response) { return response.blob(); })
        .then(function (blob) {
          var file = new File([blob], button.getAttribute("data-share-name"), { type: blob.type });
          var data = { files: [file], title: button.getAttribute("data-share-title") };
          if (!navigator.canShare(data)) { download(); return; }
          return navigator.share(data).catch(function (error) {
            if (error && error.name !== "AbortError") { download(); }
          });
        })
        .catch(download);
    });
  });
})();
