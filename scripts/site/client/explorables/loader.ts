/**
 * Entry of the explorables (bundled by scripts/site/explorables.ts with
 * esbuild, loaded as a module on pages that have one). Each
 * `<div class="explorable" data-explorable="name">` wraps a static figure
 * (the no-JavaScript fallback) and its props as JSON; the code of an
 * explorable is fetched when it comes within a screen of view, and it takes
 * over once site.js has drawn the static figure.
 */
import type { ExplorableModule } from "./types";
import { setLanguage } from "../../../../src/language";

// On a Chinese page (zh/, <html lang="zh-Hans">) the library's figure builders label in Chinese, as in a Chinese notebook.
if (/^zh\b/i.test(document.documentElement.lang)) setLanguage("zh-Hans");

const modules: Record<string, () => Promise<ExplorableModule>> = {
  "gradient-descent": () => import("./gradient-descent"),
  "huber-delta": () => import("./huber-delta"),
  anscombe: () => import("./anscombe"),
  softmax: () => import("./softmax"),
  focal: () => import("./focal"),
  margin: () => import("./margin"),
  quantile: () => import("./quantile"),
  "gallery-loss": () => import("./gallery-loss"),
};

function propsOf(root: HTMLElement): unknown {
  const script = root.querySelector(":scope > script.explorable-props");
  return script ? JSON.parse(script.textContent ?? "null") : null;
}

/** The explorables' stylesheet, added once, before the first controls appear. */
function addStylesheet(root: HTMLElement): void {
  const href = root.getAttribute("data-explorable-css");
  if (!href || document.querySelector("link[data-explorables]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.setAttribute("data-explorables", "");
  document.head.appendChild(link);
}

async function start(root: HTMLElement): Promise<void> {
  const name = root.getAttribute("data-explorable") ?? "";
  const load = modules[name];
  if (!load) throw new Error(`lossbook explorables: unknown explorable "${name}"`);
  root.setAttribute("data-explorable-state", "loading");
  addStylesheet(root);
  const module = await load();
  await module.mount(root, propsOf(root));
  root.setAttribute("data-explorable-state", "ready");
}

function startSafely(root: HTMLElement): void {
  start(root).catch((error) => {
    root.setAttribute("data-explorable-state", "failed");
    console.error("lossbook explorables:", error);
  });
}

const roots = Array.from(document.querySelectorAll<HTMLElement>(".explorable[data-explorable]"));
if ("IntersectionObserver" in window) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        startSafely(entry.target as HTMLElement);
      }
    },
    { rootMargin: "100% 0px" },
  );
  for (const root of roots) observer.observe(root);
} else {
  for (const root of roots) startSafely(root);
}
