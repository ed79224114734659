(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("attrib-data").textContent);
  var usersOf = {};
  data.d.forEach(function (d, i) {
    d[1].forEach(function (j) { (usersOf[j] = usersOf[j] || []).push(i); });
  });
  var findings = Array.prototype.slice.call(document.querySelectorAll("ol.findings li"));
  var current = -1;
  var inspector = document.getElementById("inspector");

  function $(id) { return document.getElementById(id); }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function pct(x) { return Math.round(x * 100) + "%"; }

  function clear() {
    document.querySelectorAll(".sent.selected, .sent.linked").forEach(function (s) {
      s.classList.remove("selected", "linked");
      s.setAttribute("aria-pressed", "false");
    });
  }

  function reveal(node) {
    for (var p = node.parentElement; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
  }

  function linkedOf(side, index) {
    if (side === "d") return data.d[index][1].map(function (j) { return $("s-" + j); });
    return (usersOf[index] || []).map(function (i) { return $("d-" + i); });
  }

  function select(node, focus) {
    clear();
    if (!node) { describe(null); return; }
    var side = node.id.charAt(0), index = +node.id.slice(2);
    node.classList.add("selected");
    node.setAttribute("aria-pressed", "true");
    reveal(node);
    var linked = linkedOf(side, index).filter(Boolean);
    linked.forEach(function (l) { l.classList.add("linked"); reveal(l); });
    if (focus) { node.focus({ preventScroll: true }); node.scrollIntoView({ block: "center" }); }
    if (linked.length) linked[0].scrollIntoView({ block: "center" });
    describe(node, side, index, linked);
  }

  function describe(node, side, index, linked) {
    inspector.textContent = "";
    if (!node) { inspector.appendChild(el("p", "Select a sentence to see where it came from.")); return; }
    var title = el("strong", (side === "d" ? "Derivative " : "Source ") + "sentence " + index + ": " + node.dataset.label);
    inspector.appendChild(title);
    var dl = el("dl");
    function row(k, v) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); }
    if (side === "d") {
      var d = data.d[index];
      row(d[0] === "added" ? "nearest source" : "sources", d[1].length ? d[1].map(function (j) { return "s" + j; }).join(", ") : "none");
      row("cosine", d[2].toFixed(3));
      row("lexical", d[3].toFixed(3));
      row("copied words", pct(d[4]));
    } else {
      var s = data.s[index];
      row("used by", linked.length ? linked.map(function (l) { return l.id.replace("-", ""); }).join(", ") : "no derivative sentence");
      row("best cosine", s[1].toFixed(3));
    }
    inspector.appendChild(dl);
    var runs = node.querySelectorAll(".run");
    if (runs.length) {
      inspector.appendChild(el("div", "Copied runs:"));
      var ul = el("ul");
      runs.forEach(function (r) { ul.appendChild(el("li", "“" + r.textContent + "”")); });
      inspector.appendChild(ul);
    }
  }

  document.querySelectorAll(".sent").forEach(function (s) {
    s.addEventListener("click", function () { select(s, false); });
    s.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(s, false); }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        var all = Array.prototype.slice.call(s.closest(".column").querySelectorAll(".sent"));
        var next = all[all.indexOf(s) + (e.key === "ArrowDown" ? 1 : -1)];
        if (next) { reveal(next); next.focus(); }
      }
    });
  });

  function visibleFindings() { return findings.filter(function (f) { return !f.hidden; }); }

  function jump(li) {
    findings.forEach(function (f) { f.classList.remove("current"); });
    li.classList.add("current");
    current = findings.indexOf(li);
    var target = $(li.dataset.target);
    if (target) select(target, true);
    li.scrollIntoView({ block: "nearest" });
  }

  findings.forEach(function (li) {
    li.querySelector("button").addEventListener("click", function () { jump(li); });
  });

  // Passages: each jumps to its first derivative sentence and marks the source sentences it draws on.
  document.querySelectorAll("ol.passages li").forEach(function (li) {
    li.querySelector("button").addEventListener("click", function () {
      var target = $(li.dataset.target);
      if (target) select(target, true);
    });
  });

  function step(delta) {
    var shown = visibleFindings();
    if (!shown.length) return;
    var at = shown.indexOf(findings[current]);
    var next = at < 0 ? (delta > 0 ? 0 : shown.length - 1) : (at + delta + shown.length) % shown.length;
    jump(shown[next]);
  }

  document.querySelectorAll(".filters button").forEach(function (b) {
    b.addEventListener("click", function () {
      document.querySelectorAll(".filters button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
      var kind = b.dataset.kind;
      findings.forEach(function (f) { f.hidden = kind !== "all" && f.dataset.kind !== kind; });
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "j" || e.key === "n") step(1);
    else if (e.key === "k" || e.key === "p") step(-1);
    else if (e.key === "Escape") select(null);
  });

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });

  function fit() {
    document.documentElement.style.setProperty("--header", document.querySelector("header").offsetHeight + "px");
  }
  window.addEventListener("resize", fit);
  fit();
  describe(null);
})();
