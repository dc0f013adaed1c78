(minimum) => {
  // Visible links, buttons and fields smaller than minimum × minimum CSS px. WCAG 2.2
  // (2.5.8) excepts a link inside a sentence, so inline links within text are skipped.
  const bad = [];
  for (const el of document.querySelectorAll("a[href], button, input, select, summary, textarea")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.type === "hidden") continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const parent = el.parentElement;
    const inSentence = el.tagName === "A" && style.display === "inline" && parent
      && parent.textContent.trim() !== el.textContent.trim();
    if (inSentence) continue;
    if (r.width < minimum - 0.5 || r.height < minimum - 0.5) {
      const text = (el.textContent || el.name || "").trim().slice(0, 30);
      bad.push(`${el.tagName.toLowerCase()} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return bad;
}
