/**
 * The controls of an explorable and its redraw loop. Each parameter is an
 * <input type="range"> (arrow keys, Page Up/Down, Home/End, touch) with a
 * visible label naming the parameter and its current value; the figure and
 * the numbers beside it are recomputed together, at most once per frame (the
 * latest value wins), and each redraw's compute and plotly time are recorded
 * for the site benchmark (`window.lossbookExplorableStats`).
 */

/** One parameter the reader can change. */
export interface SliderSpec {
  /** Key in the values object ("delta"). */
  key: string;
  /** The parameter's symbol as the page writes it ("δ"). */
  symbol: string;
  /** What it is, in words ("Huber threshold"). */
  description: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Digits after the decimal point in the label (default: those of step). */
  digits?: number;
}

export type Values = Record<string, number>;

/** What one redraw produces: figures drawn by the caller's draw(), and the numbers beside them. */
export interface RedrawResult {
  /** HTML of the readout beside the figure (numbers computed with the figure). */
  readout: string;
  draw(): Promise<unknown> | void;
}

export interface RedrawStats {
  /** Milliseconds of library computation per redraw. */
  compute: number[];
  /** Milliseconds of plotly's synchronous redraw per redraw. */
  draw: number[];
}

export interface Explorable {
  root: HTMLElement;
  values: Values;
  /** Sets one value (clamped to its range and step), updates its control and schedules a redraw. */
  set(key: string, value: number): void;
  spec(key: string): SliderSpec;
}

let counter = 0;

function decimals(step: number): number {
  const text = String(step);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/** The statistics of every explorable on the page, by its id. */
function statsFor(id: string): RedrawStats {
  const global = window as unknown as { lossbookExplorableStats?: Record<string, RedrawStats> };
  global.lossbookExplorableStats ??= {};
  global.lossbookExplorableStats[id] ??= { compute: [], draw: [] };
  return global.lossbookExplorableStats[id];
}

/**
 * Builds the controls into `root` (before `before`, or at the end), and
 * redraws on every change with `compute(values)`.
 */
export function createExplorable(
  root: HTMLElement,
  options: { sliders: SliderSpec[]; label: string; compute(values: Values): RedrawResult; before?: Element | null; initialReadout?: string },
): Explorable {
  const id = root.getAttribute("data-explorable-id") ?? `explorable-${++counter}`;
  const stats = statsFor(id);
  const panel = document.createElement("div");
  panel.className = "explorable-panel";
  const group = document.createElement("div");
  group.className = "explorable-controls";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", options.label);
  const readout = document.createElement("p");
  readout.className = "explorable-readout";
  const values: Values = {};
  const inputs = new Map<string, { input: HTMLInputElement; output: HTMLOutputElement; spec: SliderSpec; digits: number }>();
  const instance = ++counter;

  for (const spec of options.sliders) {
    const digits = spec.digits ?? decimals(spec.step);
    const controlId = `explorable-${instance}-${spec.key}`;
    const control = document.createElement("div");
    control.className = "explorable-control";
    const label = document.createElement("label");
    label.htmlFor = controlId;
    const output = document.createElement("output");
    output.htmlFor.add(controlId);
    label.innerHTML = `<span class="explorable-description"></span> <span class="explorable-symbol"></span> = `;
    (label.querySelector(".explorable-description") as HTMLElement).textContent = spec.description;
    (label.querySelector(".explorable-symbol") as HTMLElement).textContent = spec.symbol;
    label.appendChild(output);
    const input = document.createElement("input");
    input.type = "range";
    input.id = controlId;
    input.min = String(spec.min);
    input.max = String(spec.max);
    input.step = String(spec.step);
    input.value = String(spec.value);
    input.setAttribute("data-key", spec.key);
    control.append(label, input);
    group.appendChild(control);
    values[spec.key] = spec.value;
    inputs.set(spec.key, { input, output, spec, digits });
    input.addEventListener("input", () => {
      values[spec.key] = Number(input.value);
      showValue(spec.key);
      schedule();
    });
  }
  panel.append(group, readout);
  root.insertBefore(panel, options.before ?? null);

  function showValue(key: string): void {
    const entry = inputs.get(key)!;
    const text = values[key].toFixed(entry.digits).replace(/^-/, "−");
    entry.output.value = text;
    entry.input.setAttribute("aria-valuetext", `${entry.spec.symbol} = ${text}`);
  }

  let frame = 0;
  let redraws = 0;
  function schedule(): void {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      redraw();
    });
  }

  function redraw(): void {
    const drawnValues = JSON.stringify(values);
    const started = performance.now();
    const result = options.compute(values);
    const computed = performance.now();
    readout.innerHTML = result.readout;
    const drawing = result.draw();
    stats.compute.push(computed - started);
    stats.draw.push(performance.now() - computed);
    redraws++;
    Promise.resolve(drawing).then(
      () => {
        // For tests: which values the figure on screen shows.
        root.setAttribute("data-drawn-values", drawnValues);
        root.setAttribute("data-redraws", String(redraws));
      },
      (error) => console.error("lossbook explorables: redraw failed", error),
    );
  }

  for (const key of inputs.keys()) showValue(key);
  // The initial numbers, without redrawing the figure: it is the committed static one.
  readout.innerHTML = options.initialReadout ?? options.compute(values).readout;
  root.setAttribute("data-redraws", "0");
  root.setAttribute("data-drawn-values", JSON.stringify(values));
  root.classList.add("is-explorable");

  return {
    root,
    values,
    spec: (key) => inputs.get(key)!.spec,
    set(key, value) {
      const entry = inputs.get(key);
      if (!entry) throw new Error(`lossbook explorables: no control ${key}`);
      const { min, max, step } = entry.spec;
      const snapped = Math.min(max, Math.max(min, Math.round((value - min) / step) * step + min));
      const rounded = Number(snapped.toFixed(entry.digits));
      if (rounded === values[key]) return;
      values[key] = rounded;
      entry.input.value = String(rounded);
      showValue(key);
      schedule();
    },
  };
}

/** A number for the readout: fixed digits, a real minus sign. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : "not a number";
  return value.toFixed(digits).replace(/^-/, "−");
}
