/* A "Copy" button on every code cell: puts the cell's code on the clipboard. */
import { pageStrings } from "../ui-strings";

/** The interface strings of the page's language (its <html lang>). */
const UI_STRINGS = pageStrings();

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Pages opened from a plain http address other than localhost: the older way.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.cssText = "position:fixed;top:0;left:-9999px";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

export function startCopyButtons() {
  document.querySelectorAll(".cell-input pre").forEach((pre) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = UI_STRINGS.copyCode;
    button.setAttribute("aria-label", UI_STRINGS.copyCodeLabel);
    let timer = 0;
    button.addEventListener("click", () => {
      const show = (text) => {
        button.textContent = text;
        clearTimeout(timer);
        timer = setTimeout(() => (button.textContent = UI_STRINGS.copyCode), 2000);
      };
      writeClipboard(pre.textContent.replace(/\n$/, "")).then(
        () => show(UI_STRINGS.copied),
        () => show(UI_STRINGS.copyFailed),
      );
    });
    pre.parentElement.classList.add("has-copy-button");
    pre.before(button);
  });
}
