/*
 * Light and dark theme. The page follows the system's colour scheme until
 * the reader presses the theme button; the choice is kept in localStorage
 * and applied by a line in <head> before the first paint (layout.ts), as
 * data-theme on <html>, which site.css turns into color-scheme.
 */
import { THEME_STORAGE_KEY } from "../ui-strings";

const root = document.documentElement;
const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
const listeners = [];

/** "light" or "dark": the reader's choice, else the system's. */
export function currentTheme() {
  const chosen = root.getAttribute("data-theme");
  if (chosen === "light" || chosen === "dark") return chosen;
  return systemDark.matches ? "dark" : "light";
}

/** Calls `listener(theme)` whenever the theme in effect changes. */
export function onThemeChange(listener) {
  listeners.push(listener);
}

function notify() {
  const theme = currentTheme();
  listeners.forEach((listener) => listener(theme));
}

function setTheme(theme) {
  root.setAttribute("data-theme", theme);
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  notify();
}

export function startTheme() {
  systemDark.addEventListener("change", () => {
    if (!root.hasAttribute("data-theme")) notify();
  });
  const button = document.querySelector(".theme-toggle");
  if (!button) return;
  const show = () => button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  show();
  onThemeChange(show);
  button.addEventListener("click", () => setTheme(currentTheme() === "dark" ? "light" : "dark"));
}
