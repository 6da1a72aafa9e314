/** What every explorable module exports. */
export interface ExplorableModule {
  /** Takes over the explorable `root` (its static figure and props); resolves once its controls are live. */
  mount(root: HTMLElement, props: unknown): Promise<void>;
}

/** The static figure placeholder inside an explorable (site.js draws it). */
export function figureIn(root: HTMLElement, index = 0): HTMLElement {
  const element = root.querySelectorAll<HTMLElement>(".plotly-figure")[index];
  if (!element) throw new Error(`lossbook explorables: ${root.getAttribute("data-explorable")} has no figure ${index}`);
  return element;
}
