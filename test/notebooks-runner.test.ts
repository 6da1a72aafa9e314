import { describe, expect, it } from "vitest";
import { executionProblems, mapWithLimit, staleOutputs, type Notebook } from "../scripts/notebook-runner";

const notebook = (cells: Partial<Notebook["cells"][number]>[]): Notebook => ({
  cells: cells.map((cell) => ({ cell_type: "code", source: "1", metadata: {}, outputs: [], execution_count: 1, ...cell })),
  metadata: { kernelspec: { name: "tslab" } },
  nbformat: 4,
  nbformat_minor: 5,
});

const stderr = (text: string) => ({ output_type: "stream", name: "stderr", text });

describe("executionProblems", () => {
  it("accepts clean output and errors in cells tagged raises-exception", () => {
    expect(
      executionProblems(notebook([{ outputs: [{ output_type: "stream", name: "stdout", text: "ok" }] }, { metadata: { tags: ["raises-exception"] }, outputs: [stderr("LossbookError: x")] }])),
    ).toEqual([]);
  });

  it("reports stderr (how tslab reports errors) and error outputs in other cells", () => {
    const problems = executionProblems(notebook([{ source: "huber([1], [])", outputs: [stderr("LossbookError: yPred is empty")] }, { outputs: [{ output_type: "error", ename: "E", evalue: "v" }] }]));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/cell 0 \(huber\(\[1\], \[\]\)\) wrote an error:\nLossbookError: yPred is empty/);
    expect(problems[1]).toContain("E: v");
  });

  it("reports a raises-exception cell that raised nothing, a cell that did not run, and another kernel", () => {
    const nb = notebook([{ metadata: { tags: ["raises-exception"] } }, { execution_count: null }, { cell_type: "markdown", execution_count: undefined }]);
    nb.metadata.kernelspec = { name: "python3" };
    const problems = executionProblems(nb);
    expect(problems).toEqual([
      'the kernel is "python3", not "tslab"',
      "cell 0 (1) is tagged raises-exception but raised nothing",
      "cell 1 (1) has no execution count: it did not run",
    ]);
  });
});

describe("staleOutputs", () => {
  const out = (text: string) => [{ output_type: "stream", name: "stdout", text }];

  it("is empty when outputs match, whatever the cell ids, timings and checkout path", () => {
    const committed = notebook([{ id: "a", outputs: [stderr("at run (/home/me/lossbook/dist/losses/core.js:3:1)")] }]);
    const executed = notebook([{ id: "b", metadata: { execution: { start: "t" } }, outputs: [stderr("at run (/ci/build/dist/losses/core.js:3:1)")] }]);
    expect(staleOutputs(committed, executed)).toEqual([]);
  });

  it("names the cells whose outputs or counts changed", () => {
    const differences = staleOutputs(notebook([{ outputs: out("1\n") }, { outputs: out("x") }]), notebook([{ outputs: out("2\n") }, { outputs: out("x"), execution_count: 3 }]));
    expect(differences).toHaveLength(2);
    expect(differences[0]).toMatch(/^cell 0 differs:\n {4}committed: .*1\\\\n.*\n {4}executed: {2}.*2\\\\n/);
    expect(differences[1]).toMatch(/^cell 1 differs/);
  });

  it("says when the committed notebook was never executed", () => {
    expect(staleOutputs(notebook([{ execution_count: null }]), notebook([{ outputs: out("1") }]))).toEqual([
      "it has never been executed: run `npm run notebooks` and commit the outputs",
    ]);
  });
});

describe("mapWithLimit", () => {
  it("keeps the order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });
});

describe("findJupyter", () => {
  it("finds none when a needed subcommand is missing, and the help names the install commands", async () => {
    const { findJupyter, INSTALL_JUPYTER_HELP } = await import("../scripts/notebook-runner");
    expect(findJupyter(["no-such-subcommand" as "notebook"])).toBeUndefined();
    expect(INSTALL_JUPYTER_HELP).toContain("apt-get install jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel");
    expect(INSTALL_JUPYTER_HELP).toContain("pip install");
  });
});

describe("ensureTslabKernel", () => {
  it("registers the kernel in this checkout's own Jupyter folder and puts it first on JUPYTER_PATH", async () => {
    const { ensureTslabKernel, findJupyter, jupyterDataDir, run, repoRoot } = await import("../scripts/notebook-runner");
    const install = findJupyter(["nbconvert"]);
    if (install === undefined) return; // notebooks.test.ts reports a missing Jupyter (and fails when REQUIRE_JUPYTER=1)
    const before = process.env.JUPYTER_PATH;
    try {
      await ensureTslabKernel(install);
      expect(process.env.JUPYTER_PATH?.split(":")[0]).toBe(`${jupyterDataDir}/share/jupyter`);
      expect(jupyterDataDir.startsWith(repoRoot)).toBe(true);
      const { stdout } = await run(install.jupyter, ["kernelspec", "list", "--json"]);
      const spec = JSON.parse(stdout).kernelspecs.tslab;
      expect(spec.resource_dir.startsWith(jupyterDataDir)).toBe(true);
      expect(spec.spec.argv[0]).toBe(`${repoRoot}/node_modules/.bin/tslab`);
    } finally {
      if (before === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = before;
    }
  });
});
