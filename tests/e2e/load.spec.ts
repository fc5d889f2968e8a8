import { expect, test } from "@playwright/test";
import seedrandom from "seedrandom";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { runAutocannon } from "../../scripts/bench/autocannon";
import { pidListeningOn, rssMiB } from "../../scripts/bench/proc";
import { staffCookie } from "../../scripts/bench/staff-session";

/**
 * Load test: LOAD_CLIENTS (200) concurrent clients for LOAD_SECONDS across the public pages and the extract API,
 * against the e2e production server. `npm test` runs it shortened (12 s); the full run is LOAD_SECONDS=60.
 * Passes when: no request fails (0 errors, 0 timeouts, every answer 2xx); the server's memory is bounded (RSS
 * grows by less than RSS_GROWTH_MIB over the run, and by less than PLATEAU_MIB in its second half, i.e. it levels
 * off instead of climbing with the number of requests); and the staff area keeps answering during the load (the
 * sign-in page and a signed-in staff page, each within STAFF_BOUND_MS).
 * Most of the mix is answered from the response cache after the warm-up, as between two loads in production; a
 * share of it ("{month}" and "{day}" below) asks for filter combinations nobody asked for before, so those render
 * from the database during the load, as the long tail of readers' filters does.
 */
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 12);
const RSS_GROWTH_MIB = 512;
const PLATEAU_MIB = 160;
const STAFF_BOUND_MS = 30_000;

/** What the clients ask for, with weights: mostly pages, then the API (small pages of rows, aggregates, metadata), and now and then a full extract. */
const MIX: [path: string, weight: number][] = [
  ["/", 10],
  ["/crisis", 8],
  ["/use-of-force", 8],
  ["/cit", 5],
  ["/metrics", 5],
  ["/alternative-response", 4],
  ["/community", 4],
  ["/extracts", 4],
  ["/methodology", 3],
  ["/data", 3],
  ["/explainers", 2],
  ["/data-dictionary", 2],
  ["/crisis?precinct=North&granularity=month", 4],
  ["/use-of-force?from=2019-01&to=2020-12", 3],
  ["/api/v1/extracts/use-of-force?format=json&limit=500", 6],
  ["/api/v1/extracts/crisis-contacts?limit=2000", 5],
  ["/api/v1/extracts/use-of-force/manifest?level=2", 3],
  ["/api/v1/extracts/crisis-rows?format=json&limit=100&precinct=West", 3],
  ["/api/v1/openapi.json", 2],
  ["/api/v1/dictionary/crisis-rows", 2],
  ["/api/v1/extracts/use-of-force", 1],
  // Cold: a random start month or day, so (almost) every one of these is a first render.
  ["/crisis?from={month}", 2],
  ["/use-of-force?from={month}&precinct=East", 2],
  ["/api/v1/extracts/use-of-force?format=json&limit=200&from={day}", 2],
  ["/api/v1/extracts/crisis-rows?format=json&limit=100&from={day}", 2],
];

/** Fills "{month}" (YYYY-MM) and "{day}" (YYYY-MM-DD) with a random date in 2015-2025. */
function fill(template: string, rng: () => number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const month = () => `${2015 + Math.floor(rng() * 11)}-${pad(1 + Math.floor(rng() * 12))}`;
  return template.replace("{month}", month).replace("{day}", () => `${month()}-${pad(1 + Math.floor(rng() * 28))}`);
}

function chooser(seed: string): () => string {
  const rng = seedrandom(seed);
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = rng() * total;
    for (const [p, w] of MIX) if ((x -= w) < 0) return fill(p, rng);
    return MIX[0]![0];
  };
}

test("200 concurrent clients: no errors, bounded memory, the staff area still answers", async ({ baseURL }) => {
  test.setTimeout((SECONDS + 120) * 1000);
  const port = Number(new URL(baseURL!).port);
  const pid = pidListeningOn(port);
  expect(pid, `the server listening on ${port}`).not.toBeNull();

  // Warm-up (first renders compile and cache), then sign in before the load (argon2 on purpose takes a while).
  const warmRng = seedrandom("warm-up");
  for (const [template] of MIX) {
    const p = fill(template, warmRng);
    expect((await fetch(`${baseURL}${p}`, { headers: { "x-forwarded-for": "198.18.100.1" } })).status, p).toBe(200);
  }
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
  const cookie = await staffCookie(baseURL!, admin.email, admin.password, "198.18.100.2");
  const rssBefore = rssMiB(pid!);

  // Each request from one of many client addresses (the extract API limits each client to 60 requests a minute);
  // the server trusts one proxy hop (TRUST_PROXY=1, playwright.config.ts): this test plays that proxy.
  let n = 0;
  const next = chooser(process.env.LOAD_SEED ?? "portal-load");
  const load = runAutocannon({
    url: baseURL!,
    connections: CLIENTS,
    duration: SECONDS,
    timeout: 60,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({
          ...req,
          path: next(),
          headers: { ...req.headers, "x-forwarded-for": `198.18.${Math.floor(++n / 250) % 250}.${n % 250}` },
        }),
      },
    ],
  });

  // While the load runs: memory samples, and the staff area asked at a third and two thirds of the run.
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMiB(pid!)), 500);
  let rssHalf = NaN;
  const halfway = setTimeout(() => (rssHalf = rssMiB(pid!)), (SECONDS * 1000) / 2);
  const staff: { path: string; status: number; ms: number; sentAt: number }[] = [];
  const loadStarted = performance.now();
  // Both staff pages at once, so that each is asked while the load is on.
  const askStaff = () =>
    Promise.all(
      (
        [
          ["/staff/sign-in", {}],
          ["/staff", { cookie }],
        ] as const
      ).map(async ([p, headers]) => {
        const started = performance.now();
        const r = await fetch(`${baseURL}${p}`, {
          headers: { ...headers, "x-forwarded-for": "198.18.100.3" },
          redirect: "manual",
        });
        await r.arrayBuffer();
        staff.push({
          path: p,
          status: r.status,
          ms: performance.now() - started,
          sentAt: (started - loadStarted) / 1000,
        });
      }),
    ).then(() => undefined);
  const staffChecks = [1 / 3, 2 / 3].map(
    (f) =>
      new Promise<void>((resolve, reject) => setTimeout(() => askStaff().then(resolve, reject), SECONDS * 1000 * f)),
  );
  const result = await load;
  await Promise.all(staffChecks);
  clearInterval(sampler);
  clearTimeout(halfway);
  const rssAfter = rssMiB(pid!);

  const summary = {
    clients: CLIENTS,
    seconds: SECONDS,
    requests: result.requests,
    rps: Math.round(result.rps),
    p50: Math.round(result.p50),
    p95: Math.round(result.p95),
    p99: Math.round(result.p99),
    max: Math.round(result.max),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses: result.statuses,
    rssMiB: {
      before: Math.round(rssBefore),
      half: Math.round(rssHalf),
      after: Math.round(rssAfter),
      peak: Math.round(Math.max(...samples)),
    },
    staff: staff.map((s) => ({ ...s, ms: Math.round(s.ms), sentAt: Math.round(s.sentAt * 10) / 10 })),
  };
  console.info(`load: ${JSON.stringify(summary)}`);
  await test
    .info()
    .attach("load-summary.json", { body: JSON.stringify(summary, null, 2), contentType: "application/json" });

  // Completed requests: the 200 connections were open together; how many answers fit in the run depends on the machine.
  expect(result.connections).toBe(CLIENTS);
  expect(result.requests, "the load ran").toBeGreaterThan(100);
  expect(result.errors, "connection errors").toBe(0);
  expect(result.timeouts, "timeouts").toBe(0);
  expect(result.non2xx, "non-2xx answers").toBe(0);
  expect(rssAfter - rssBefore, `RSS growth over the run (MiB), bound ${RSS_GROWTH_MIB}`).toBeLessThan(RSS_GROWTH_MIB);
  expect(rssAfter - rssHalf, `RSS growth in the second half (MiB), bound ${PLATEAU_MIB}`).toBeLessThan(PLATEAU_MIB);
  expect(staff).toHaveLength(4);
  for (const s of staff) {
    expect(s.sentAt, `${s.path} was asked during the load`).toBeLessThan(SECONDS);
    expect(s.status, s.path).toBe(200);
    expect(s.ms, `${s.path} answered within ${STAFF_BOUND_MS} ms under load`).toBeLessThan(STAFF_BOUND_MS);
  }
});
