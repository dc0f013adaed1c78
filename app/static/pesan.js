// The basket on the static export: the same itemised WhatsApp message as the app's /pesan
// (app/whatsapp.py basket_message), composed here because a static host has no /pesan.
// Without JavaScript the per-product "Pesan" buttons still work.
(function () {
  "use strict";
  var MAX_URL = 2000, MAX_NAME = 50;
  function short(text) {
    text = (text || "").split(/\s+/).filter(Boolean).join(" ");
    var chars = Array.from(text);
    return chars.length <= MAX_NAME ? text : chars.slice(0, MAX_NAME - 1).join("").trimEnd() + "\u2026";
  }
  function rupiah(n) { return "Rp" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function message(business, lines, delivery, name, note) {
    var rows = ["Halo " + short(business) + ", saya mau pesan:"], total = 0, unpriced = false;
    lines.forEach(function (l) {
      if (l.price) {
        total += l.qty * l.price;
        rows.push("- " + l.qty + " \u00d7 " + short(l.name) + " (" + rupiah(l.price) + ") = " + rupiah(l.qty * l.price));
      } else {
        unpriced = true;
        rows.push("- " + l.qty + " \u00d7 " + short(l.name));
      }
    });
    rows.push("Total: " + rupiah(total) + (unpriced ? " + produk tanpa harga" : ""));
    rows.push(delivery === "antar" ? "Minta diantar" : "Diambil sendiri");
    if (name.trim()) rows.push("Nama: " + short(name));
    if (note.trim()) rows.push("Catatan: " + note);
    return rows.join("\n");
  }
  function link(form, lines) {
    var number = form.getAttribute("data-wa"), business = form.getAttribute("data-b");
    var delivery = (form.querySelector("input[name=kirim]:checked") || {}).value || "ambil";
    var name = form.elements.nama.value.slice(0, 60);
    var note = Array.from(form.elements.catatan.value.slice(0, 500).split(/\s+/).filter(Boolean).join(" "));
    for (;;) {
      var url = "https://wa.me/" + number + "?text=" + encodeURIComponent(message(business, lines, delivery, name, note.join("")));
      if (url.length <= MAX_URL || !note.length) return url;
      var cut = note.join("").replace(/\u2026$/, "");
      var keep = Math.max(0, Array.from(cut).length - Math.max(1, Math.floor((url.length - MAX_URL) / 9)) - 1);
      note = keep ? Array.from(Array.from(cut).slice(0, keep).join("").trimEnd() + "\u2026") : [];
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("pesan");
    if (!form || !form.getAttribute("data-wa")) return;
    form.addEventListener("submit", function (event) {
      var lines = [];
      form.querySelectorAll("input[data-n]").forEach(function (input) {
        var qty = parseInt(input.value, 10);
        if (qty > 0 && qty <= 99) lines.push({ qty: qty, name: input.getAttribute("data-n"), price: parseInt(input.getAttribute("data-p"), 10) || 0 });
      });
      event.preventDefault();
      var old = form.querySelector(".err");
      if (old) old.remove();
      if (!lines.length) {
        var p = document.createElement("p");
        p.className = "err";
        p.setAttribute("role", "alert");
        p.textContent = "Isi jumlah minimal satu produk, lalu tekan Pesan.";
        form.insertBefore(p, form.firstChild);
        return;
      }
      // Count the order tap like the app's /pesan does: one POST, no cookie set, no IP kept.
      var ping = form.getAttribute("data-ping");
      if (ping && navigator.sendBeacon) navigator.sendBeacon(ping);
      window.location.href = link(form, lines);
    });
  });
})();
