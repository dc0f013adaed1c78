/* Kit Usaha mentor screens: small improvements over forms that work without JavaScript. */
(function () {
  "use strict";
  var MAX_EDGE = 1600; // photos are sent at most this wide or high
  var QUALITY = 0.85;

  function downscale(file) {
    return new Promise(function (resolve) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) {
        return resolve(file);
      }
      createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
        var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size < 1024 * 1024) { return resolve(file); }
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          if (!blob) { return resolve(file); }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: Date.now() }));
        }, "image/jpeg", QUALITY);
      }, function () { resolve(file); });
    });
  }

  // Photos: shrink on choosing, so three phone photos fit any connection and any limit.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][accept*=image]") || !input.files.length) {
      return;
    }
    var form = input.form;
    if (form) { form.dataset.busy = (Number(form.dataset.busy || 0) + 1).toString(); }
    Promise.all(Array.prototype.map.call(input.files, downscale)).then(function (files) {
      if (window.DataTransfer) {
        var transfer = new DataTransfer();
        files.forEach(function (file) { transfer.items.add(file); });
        input.files = transfer.files;
      }
    }).finally(function () {
      if (form) { form.dataset.busy = (Number(form.dataset.busy) - 1).toString(); }
    });
  });

  // A button that needs a ticked box ("Simpan & terbitkan" needs the family's consent).
  function syncNeeds() {
    document.querySelectorAll("[data-needs]").forEach(function (button) {
      var box = document.getElementById(button.dataset.needs);
      button.hidden = !(box && box.checked);
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") { syncNeeds(); }
  });
  syncNeeds();

  // Back, then "Simpan" again: the page came back with a new key but the same typing. The
  // same content sent again from the same form in this tab reuses the first key, so the
  // server answers "sudah tersimpan" instead of making a second record.
  function fingerprint(form, submitter) {
    var parts = [];
    new FormData(form, submitter || undefined).forEach(function (value, name) {
      if (name === "csrf_token" || name === "idem_key") { return; }
      parts.push(name + "=" + (value instanceof File ? value.name + ":" + value.size : value));
    });
    return parts.join("&");
  }
  function rememberKey(form, submitter) {
    var input = form.querySelector("input[name=idem_key]");
    if (!input || !window.sessionStorage) { return; }
    var slot = "ku-sent:" + (form.getAttribute("action") || location.pathname);
    var print = fingerprint(form, submitter);
    var sent = JSON.parse(sessionStorage.getItem(slot) || "null");
    if (sent && sent.print === print) {
      input.value = sent.key;
    } else {
      sessionStorage.setItem(slot, JSON.stringify({ print: print, key: input.value }));
    }
  }

  // No second submission while the first is on its way (the server refuses doubles too).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (Number(form.dataset.busy || 0) > 0) {
      event.preventDefault();
      setTimeout(function () { form.requestSubmit(event.submitter); }, 200);
      return;
    }
    rememberKey(form, event.submitter);
  });

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
