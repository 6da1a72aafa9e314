/*
 * Printing: a closed <details> prints only its summary whatever the CSS says,
 * so the worked solutions are opened before printing and closed again after.
 */
export function startPrint() {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.prototype.slice.call(document.querySelectorAll("details.solution:not([open])"));
    opened.forEach((details) => (details.open = true));
    window.dispatchEvent(new Event("lossbook:draw-all"));
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => (details.open = false));
    opened = [];
  });
}
