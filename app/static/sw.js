/* Kit Usaha service worker: the mentor's screens open without a connection.
 *
 * Pages (the team's list, each business's overview, checklist and forms) are fetched from
 * the network first and kept; without a connection the kept copy is shown. A kept form gets
 * fresh idempotency keys each time it is shown, so two visits recorded offline stay two.
 * Submissions made offline wait in the page's outbox (outbox.js), not here. Public pages
 * (/b/…, /media/…) are never touched: they stay plain HTML without JavaScript.
 */
"use strict";

var VERSION = "v1"; // outbox.js reads the kept pages from "ku-pages-v1" too
var SHELL = "ku-shell-" + VERSION;
var PAGES = "ku-pages-" + VERSION;
var SHELL_FILES = [
  "/static/app.css", "/static/app.js", "/static/outbox.js", "/static/icons/icon-192.png", "/offline"
];
var PAGE_PATHS = /^\/($|usaha(\/|$)|program(\/|$))/;
var NOT_PAGES = /\/(kit\/berkas|hasil\.png|ekspor|hapus)|\.(pdf|zip|png|svg|csv|xlsx)$/;
var NETWORK_WAIT_MS = 6000; // a slow network gives way to the kept copy after this

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("ku-") === 0 && name !== SHELL && name !== PAGES;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function freshKeys(html) {
  return html.replace(/(name="idem_key" value=")[0-9a-f]{32}/g, function (_m, head) {
    return head + self.crypto.randomUUID().replace(/-/g, "");
  });
}

function fromCache(request) {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(request, { ignoreVary: true });
  }).then(function (kept) {
    if (!kept) { return null; }
    return kept.text().then(function (html) {
      var headers = new Headers(kept.headers);
      headers.set("X-Kit-Offline", "1");
      return new Response(freshKeys(html), { status: 200, headers: headers });
    });
  });
}

function keep(request, response) {
  var type = response.headers.get("Content-Type") || "";
  if (response.ok && !response.redirected && type.indexOf("text/html") === 0) {
    var copy = response.clone();
    caches.open(PAGES).then(function (cache) { cache.put(request.url, copy); });
  }
  return response;
}

// Only if even the kept offline page is gone: the same message, plain, in both languages.
var LAST_RESORT = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">" +
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
  "<title>Tanpa sinyal · Kit Usaha</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>" +
  "<body><main><h1>Tanpa sinyal</h1>" +
  "<p>Halaman ini belum tersimpan di ponsel. Daftar usaha, halaman tiap usaha, langkah usaha " +
  "dan formulir kunjungan tetap bisa dibuka jika pernah dibuka dengan sinyal. Yang Anda " +
  "simpan menunggu di ponsel dan terkirim sendiri saat ada sinyal.</p>" +
  "<p><a class=\"button primary\" href=\"/\">Daftar usaha</a></p>" +
  "<p lang=\"en\" class=\"hint\">No signal: this page is not kept on the phone. " +
  "<a href=\"/\">Businesses</a></p></main></body></html>";

function offlinePage() {
  return caches.match("/offline").then(function (kept) {
    var body = kept ? kept.text() : Promise.resolve(LAST_RESORT);
    return body.then(function (html) {
      return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function page(request) {
  var network = fetch(request).then(function (response) { return keep(request, response); });
  var timeout = new Promise(function (resolve) { setTimeout(resolve, NETWORK_WAIT_MS, null); });
  return Promise.race([network.catch(function () { return null; }), timeout]).then(function (answer) {
    if (answer) { return answer; }
    return fromCache(request).then(function (kept) {
      return kept || network.then(function (answer) { return answer || offlinePage(); }, offlinePage);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (SHELL_FILES.indexOf(url.pathname) >= 0) {
    event.respondWith(fetch(request).then(function (response) {
      var copy = response.clone();
      caches.open(SHELL).then(function (cache) { cache.put(request, copy); });
      return response;
    }).catch(function () { return caches.match(request); }));
    return;
  }
  if (request.mode === "navigate" && PAGE_PATHS.test(url.pathname) && !NOT_PAGES.test(url.pathname)) {
    event.respondWith(page(request));
  }
});

// The list page asks for its businesses' pages to be kept, one after another.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "warm") {
    // The offline page again too: it speaks the language the mentor uses now.
    var refreshed = fetch("/offline", { credentials: "same-origin" }).then(function (response) {
      if (response.ok) { return caches.open(SHELL).then(function (c) { return c.put("/offline", response); }); }
    }).catch(function () {});
    event.waitUntil(data.urls.reduce(function (chain, path) {
      return chain.then(function () {
        return fetch(path, { credentials: "same-origin" }).then(function (response) {
          keep(new Request(new URL(path, self.location.origin).href), response);
        }).catch(function () {});
      });
    }, refreshed).then(function () {
      if (event.source) { event.source.postMessage({ type: "warmed", count: data.urls.length }); }
    }));
  } else if (data.type === "forget") {  // signed out: no kept page names the mentor any more
    event.waitUntil(Promise.all([
      caches.delete(PAGES),
      caches.open(SHELL).then(function (cache) { return cache.delete("/offline"); })
    ]));
  }
});
