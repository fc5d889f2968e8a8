import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCosCsv } from "@/lib/eis/cos-csv";
import { fitEscalation } from "@/lib/eis/escalation";

/**
 * The whole Ridgeway replication file (4,821 incidents, 1,503 officers): the fit converges to Ridgeway's scale and
 * finds the officer his paper discusses. About 10 s of CPU on a quiet machine (2026-12-04; 19 s on 2026-12-03, 21-26 s on a busy machine). Its speed target (under 60 s on the project's 2-core
 * machines) is checked by `npm run bench` (the escalation row), not here: timed unit tests flake on busy machines.
 */
const FILE = path.resolve(process.env.DATA_DIR ?? "../shared/data", "spd-uof-multiofficer-incidents-ridgeway.csv");

describe.skipIf(!fs.existsSync(FILE))("escalation model on the whole Ridgeway file", () => {
  it("fits with Ridgeway's scale (s_2 ~ 1.05, s_3 ~ 1.13 in his MCMC)", () => {
    const { incidents, problems } = parseCosCsv(fs.readFileSync(FILE, "utf8"));
    expect(problems).toEqual([]);
    const started = performance.now();
    const fit = fitEscalation(incidents);
    const seconds = (performance.now() - started) / 1000;
    const lambdas = fit.officers.map((o) => o.lambda);
    const flagged = fit.officers.filter((o) => o.pTop5 >= 0.8);
    console.info(
      `Ridgeway file: ${seconds.toFixed(1)} s; ${fit.diagnostics.incidentsUsed} incidents, ${fit.diagnostics.officers} officers, ` +
        `${fit.diagnostics.components} networks (largest ${fit.diagnostics.largestComponent}); s = ${fit.scale.map((s) => `${s.s.toFixed(3)}${s.se ? ` (SE ${s.se.toFixed(3)})` : ""}`).join(", ")}; ` +
        `lambda ${Math.min(...lambdas).toFixed(2)} to ${Math.max(...lambdas).toFixed(2)}; pTop5 >= 0.8: ${flagged.length} (${flagged.map((o) => o.officerId).join(", ")})`,
    );
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.diagnostics.incidentsUsed).toBe(4821);
    expect(fit.scale[2]!.s).toBeGreaterThan(1);
    expect(fit.scale[2]!.s).toBeLessThan(1.15);
    // Ridgeway (2025) discusses officer 1006 (8 of 9 incidents at the most serious level) as a top-5% officer.
    expect(fit.officers.find((o) => o.officerId === "1006")!.pTop5).toBeGreaterThan(0.8);
  }, 120_000);
});
