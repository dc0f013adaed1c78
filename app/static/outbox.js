/* Offline-first: keep pages through the service worker, queue submissions in an outbox. */
(function () {
  "use strict";
  var body = document.body;
  if (!body || !body.dataset.user || !("serviceWorker" in navigator) || !window.indexedDB) { return; }
  var T = JSON.parse(body.dataset.strings || "{}");
  var USER = body.dataset.user;

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    warm(registration.active);
  }).catch(function () {});

  // The team's list: keep each business's overview, checklist and forms for offline use.
  function warm(worker) {
    if (!worker || !navigator.onLine || !document.querySelector("[data-warm]")) { return; }
    var urls = ["/", "/usaha/baru"];
    document.querySelectorAll("[data-warm] a[href^='/usaha/']").forEach(function (link) {
      var base = link.getAttribute("href").replace(/\/$/, "");
      urls.push(base, base + "/langkah", base + "/kunjungan/baru", base + "/ubah");
    });
    worker.postMessage({ type: "warm", urls: urls });
  }

  // --- the outbox: IndexedDB, one store, items in the order they were made -----------------
  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("kit-usaha", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function store(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("outbox", mode);
        var result = work(tx.objectStore("outbox"));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function items() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (all) {
      return all.filter(function (item) { return item.user === USER; });
    });
  }
  function put(item) { return store("readwrite", function (s) { return s.put(item); }); }
  function remove(id) { return store("readwrite", function (s) { return s.delete(id); }); }

  function when(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getDate()) + "/" + two(d.getMonth() + 1) + " " + two(d.getHours()) + "." + two(d.getMinutes());
  }

  function queue(form, submitter) {
    var fields = collect(form, submitter);
    var heading = document.querySelector("h1");
    var label = (form.dataset.offline || "") + (heading ? " · " + heading.textContent.trim() : "");
    var step = form.closest("li.step");
    if (step && step.querySelector("h3")) { label += " · " + step.querySelector("h3").textContent.trim(); }
    return put({
      // form.action would be the tick form's <input name="action">: read the attribute.
      user: USER, url: new URL(form.getAttribute("action") || location.href, location.href).href,
      label: label, created: Date.now(),
      status: "waiting", fields: fields
    });
  }

  function collect(form, submitter) {
    var fields = [];
    new FormData(form, submitter || undefined).forEach(function (value, name) {
      if (value instanceof File && !value.name && !value.size) { return; }
      fields.push([name, value]);
    });
    return fields;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) { return; }
    if (form.dataset.outboxItem) {  // a kept change, opened and saved again: through the outbox
      event.preventDefault();
      resolve(Number(form.dataset.outboxItem), form, event.submitter);
      return;
    }
    if (navigator.onLine || !form.querySelector("input[name=idem_key]")) { return; }
    event.preventDefault();
    queue(form, event.submitter).then(function () {
      var step = form.closest("li.step");
      if (step) {
        var note = document.createElement("p");
        note.className = "ok";
        note.textContent = T.queuedTick;
        form.replaceWith(note);
      }
      if (form.dataset.offlineNext) {
        sessionStorage.setItem("ku-note", T.queued);
        location.href = form.dataset.offlineNext;
      } else {
        banner(T.queued);
      }
    });
  }, false);

  // --- sending, in order, each with its key and a fresh CSRF token -----------------------------
  var sending = false;
  function flush() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    var sent = 0;
    return items().then(function (all) {
      var waiting = all.filter(function (item) { return item.status === "waiting"; });
      return waiting.reduce(function (chain, item) {
        return chain.then(function (go) {
          if (go === false) { return false; }
          return send(item).then(function (outcome) {
            if (outcome === "sent") { sent += 1; }
            return outcome !== "offline";
          });
        });
      }, Promise.resolve(true));
    }).finally(function () {
      sending = false;
      banner(sent ? T.sent.replace("%(n)s", sent) : undefined);
    });
  }

  // An item leaves the outbox only once the server has taken it; a refusal stays, with its
  // reason and the server's answer, until the mentor saves it or discards it.
  function send(item) {
    return fetch("/csrf", { credentials: "same-origin", cache: "no-store" }).then(function (answer) {
      if (!answer.ok) { throw new Error("csrf"); }
      return answer.json();
    }).then(function (fresh) {
      var data = new FormData();
      item.fields.forEach(function (pair) {
        data.append(pair[0], pair[0] === "csrf_token" ? fresh.csrf_token : pair[1]);
      });
      return fetch(item.url, { method: "POST", body: data, credentials: "same-origin" });
    }).then(function (response) {
      var target = new URL(item.url, location.href).pathname;
      if (response.redirected || (response.ok && new URL(response.url).pathname !== target)) {
        item.landed = response.url;
        return response.text().then(function (html) {  // the server's "tersimpan" said here
          var page = new DOMParser().parseFromString(html, "text/html");
          item.said = Array.prototype.map.call(page.querySelectorAll("main .flash"), function (p) {
            return p.textContent.trim();
          }).join(" ");
          return remove(item.id);
        }).then(function () { return "sent"; });
      }
      return response.text().then(function (html) {
        item.status = response.status === 409 ? "conflict" : response.ok ? "invalid" : "error";
        item.code = response.status;
        item.html = html;
        return put(item).then(function () { return item.status; });
      });
    }).catch(function () { return "offline"; });
  }

  function reason(item) {
    if (item.status === "conflict") { return T.reasonConflict; }
    if (item.status === "invalid") { return T.reasonInvalid; }
    return T.reasonError.replace("%(code)s", item.code || "?");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  function button(text, className, onClick) {
    var node = element("button", "button" + (className ? " " + className : ""), text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  // --- the banner: "N perubahan belum terkirim" and what they are ------------------------------
  var shownNote = null;  // a note stays until another replaces it
  function banner(note) {
    if (note !== undefined) { shownNote = note; }
    items().then(function (all) {
      var old = document.getElementById("outbox");
      if (old) { old.remove(); }
      var main = document.querySelector("main");
      if (!main) { return; }
      var box = element("div", "outbox");
      box.id = "outbox";
      box.setAttribute("role", "status");
      if (shownNote) { box.appendChild(element("p", "", shownNote)); }
      if (all.length) {
        var details = document.createElement("details");
        details.appendChild(element("summary", "", T.pending.replace("%(n)s", all.length)));
        var list = document.createElement("ol");
        all.forEach(function (item) { list.appendChild(entry(item)); });
        details.appendChild(list);
        if (navigator.onLine) { details.appendChild(button(T.sendNow, "", flush)); }
        box.appendChild(details);
        if (all.some(function (item) { return item.status !== "waiting"; })) { details.open = true; }
      }
      if (box.childNodes.length) { main.insertBefore(box, main.firstChild); }
    });
  }

  function entry(item) {
    var li = element("li", "", item.label + " — " + when(item.created) + " ");
    li.dataset.status = item.status;
    if (item.status !== "waiting") {
      li.appendChild(element("span", "tag warn", T.check));
      li.appendChild(element("span", "reason", " " + reason(item) + " "));
      var label = item.status === "conflict" ? T.choose : T.fix;
      li.appendChild(button(label, "conflict", function () { show(item); }));
    }
    return li;
  }

  // A refused or conflicting submission, opened: the server's answer (both values to choose
  // from, or the form with its errors) in place of this page's content. The item stays in the
  // outbox until it is saved (sent through the outbox) or discarded after a confirmation.
  function show(item) {
    var theirs = new DOMParser().parseFromString(item.html || "", "text/html");
    var main = document.querySelector("main");
    var content = theirs.querySelector("main") || theirs.body;
    var old = document.getElementById("outbox");
    if (old) { old.remove(); }
    main.replaceChildren.apply(main, Array.prototype.map.call(content.childNodes, function (node) {
      return document.importNode(node, true);
    }));
    if (theirs.title) { document.title = theirs.title; }
    main.querySelectorAll("form[method=post]").forEach(function (form) {
      form.dataset.outboxItem = item.id;
      // A form that posts to its own page posts to the item's address, not to this page's.
      if (!form.getAttribute("action")) { form.setAttribute("action", item.url); }
    });
    main.insertBefore(keptBox(item), main.firstChild);
    window.scrollTo(0, 0);
    var heading = main.querySelector("h1");
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }

  function keptBox(item) {
    var box = element("section", "outbox kept");
    box.id = "outbox-item";
    box.setAttribute("aria-labelledby", "outbox-item-title");
    var title = element("h2", "", T.keptHeading);
    title.id = "outbox-item-title";
    box.appendChild(title);
    box.appendChild(element("p", "", item.label + " — " + when(item.created)));
    box.appendChild(element("p", "reason", reason(item) + " " + T.kept));
    var actions = element("p", "row");
    if (item.status === "error") {
      actions.appendChild(button(T.retry, "primary", function () {
        item.status = "waiting";
        put(item).then(flush).then(function () { location.reload(); });
      }));
    }
    var ask = element("div", "confirm");
    ask.hidden = true;
    ask.setAttribute("role", "alertdialog");
    ask.setAttribute("aria-label", T.discard);
    ask.appendChild(element("p", "", T.discardAsk));
    var yes = button(T.discardYes, "danger", function () {
      remove(item.id).then(function () {
        sessionStorage.setItem("ku-note", T.discarded);
        location.reload();
      });
    });
    var no = button(T.discardNo, "", function () { ask.hidden = true; discard.hidden = false; discard.focus(); });
    ask.appendChild(yes);
    ask.appendChild(no);
    var discard = button(T.discard, "", function () { discard.hidden = true; ask.hidden = false; yes.focus(); });
    actions.appendChild(discard);
    box.appendChild(actions);
    box.appendChild(ask);
    return box;
  }

  function find(id) {
    return items().then(function (all) {
      return all.filter(function (item) { return item.id === id; })[0] || null;
    });
  }

  // Saving an opened item: its new values replace the kept ones and go out through the outbox,
  // with the key of the form the server answered with, so a double tap still saves once.
  var leaving = false;  // saved and on the way to the answer: a second tap does nothing
  function resolve(id, form, submitter) {
    if (leaving) { return; }
    if (sending) {  // the outbox is being sent right now: try again in a moment
      setTimeout(function () { resolve(id, form, submitter); }, 300);
      return;
    }
    sending = true;
    find(id).then(function (item) {
      if (!item) { location.reload(); return null; }
      item.fields = collect(form, submitter);
      item.url = new URL(form.getAttribute("action") || location.href, location.href).href;
      item.status = "waiting";
      delete item.html;
      return put(item).then(function () {
        return navigator.onLine ? send(item) : "offline";
      }).then(function (outcome) {
        if (outcome === "sent") {
          if (item.said) { sessionStorage.setItem("ku-note", item.said); }
          leaving = true;
          location.href = item.landed;
        } else if (outcome === "offline") {
          sessionStorage.setItem("ku-note", T.queued);
          location.reload();
        } else {
          show(item);
        }
      });
    }).finally(function () { sending = false; });
  }
  var note = sessionStorage.getItem("ku-note");
  sessionStorage.removeItem("ku-note");
  function offlineNote() {
    var old = document.querySelector(".offline-note");
    if (old) { old.remove(); }
    if (!navigator.onLine) { body.insertBefore(element("p", "offline-note", T.offline), body.firstChild); }
  }
  // The offline page: links to each business kept on the phone (overview and its steps).
  function keptPages() {
    var list = document.querySelector("[data-kept-pages]");
    if (!list || !window.caches) { return; }
    caches.open("ku-pages-v1").then(function (cache) {
      return cache.keys().then(function (requests) {
        var overviews = requests.map(function (r) { return new URL(r.url).pathname; })
          .filter(function (path) { return /^\/usaha\/[0-9a-f-]{36}$/.test(path); });
        return Promise.all(overviews.map(function (path) {
          return cache.match(path, { ignoreVary: true }).then(function (kept) { return kept.text(); })
            .then(function (html) {
              var h1 = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
              return [h1 ? h1.textContent.trim() : path, path];
            });
        }));
      });
    }).then(function (pairs) {
      pairs.sort(function (a, b) { return a[0].localeCompare(b[0]); });
      pairs.forEach(function (pair) {
        var li = element("li", "kept-business");
        var name = element("a", "", pair[0]);
        name.href = pair[1];
        var steps = element("a", "", T.steps);
        steps.href = pair[1] + "/langkah";
        steps.setAttribute("aria-label", T.steps + " · " + pair[0]);
        li.appendChild(name);
        li.appendChild(steps);
        list.appendChild(li);
      });
    }).catch(function () {});
  }

  offlineNote();
  keptPages();
  banner(note);
  window.addEventListener("online", function () { offlineNote(); flush(); });
  window.addEventListener("offline", function () { offlineNote(); banner(undefined); });
  if (navigator.onLine) { flush(); }

  // Signing out: the kept pages go (the outbox stays, sent only for its own user).
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action") || "";
    if (/\/keluar$/.test(action) && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
  });
})();
