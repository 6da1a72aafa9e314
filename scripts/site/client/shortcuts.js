/*
 * Keyboard shortcuts, as on other online books: "/" goes to the search box,
 * "n" and "p" (or → and ← with no box to scroll) to the next and previous
 * chapter. Never while the reader types: in a field, an editor or anything
 * contenteditable.
 */
function isTyping(target) {
  if (!target || !(target instanceof Element)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest("[contenteditable], .cm-editor, [role='textbox']") !== null;
}

function follow(rel) {
  const link = document.querySelector(`a[rel="${rel}"]`);
  if (link) link.click();
}

export function startShortcuts() {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    // Arrow keys belong to a focused scroll box or control.
    const onPage = event.target === document.body || event.target === document.documentElement || event.target.id === "content";
    if (event.key === "/") {
      const input = document.getElementById("search-input");
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    } else if (event.key === "n" || (event.key === "ArrowRight" && onPage && !event.shiftKey)) {
      follow("next");
    } else if (event.key === "p" || (event.key === "ArrowLeft" && onPage && !event.shiftKey)) {
      follow("prev");
    }
  });
}
