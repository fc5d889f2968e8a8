import http from "node:http";
import { expect, test } from "@playwright/test";
import seedrandom from "seedrandom";
import { TrendFilters } from "@/lib/trends/filters";
import { AlternativeRule } from "@/lib/trends/alternative-rule";
import { DAY_FIELDS, SimParams } from "@/lib/coverage/params";
import { discoverPublicPages } from "../../scripts/bench/pages";

/**
 * Fuzz test of every public input: each query parameter of each public page and each API route (parameters read
 * from the pages' zod schemas and from /api/v1/openapi.json, so new ones join by themselves), and the API's path
 * parameters, with random and hostile values from a seeded generator (FUZZ_SEED=... to replay or explore).
 * Never a 5xx; API 4xx answers carry the one error shape { error: { code, message } }; pages answer 200 with a
 * message, or a 4xx. Requests go through node:http so that malformed %-escapes reach the server exactly as sent.
 */
const SEED = process.env.FUZZ_SEED ?? "portal-fuzz-2026-11";
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6);
const port = Number(process.env.E2E_PORT ?? 3100);

const HOSTILE = [
  "",
  " ",
  "all",
  "0",
  "-1",
  "-0",
  "1e308",
  "-1e308",
  "NaN",
  "Infinity",
  "0x1F",
  "9".repeat(400),
  "1.5",
  "2147483648",
  "2019-13",
  "2019-02-30",
  "0000-00",
  "9999-12",
  "2019-1",
  "2019-01-01T00:00:00Z",
  "yes",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "toString",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "C:\\Windows\\win.ini",
  "'; DROP TABLE UseOfForce;--",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "${7*7}",
  "{{7*7}}",
  "%",
  "%%",
  "%E0%A4",
  "%00",
  "\u0000",
  "\u202eevil",
  "é",
  "😀🚓",
  "\uFFFF",
  "\uD800",
  "a,b,c",
  "West,North",
  "  West  ",
  "x".repeat(6000),
  "Level 1",
  "crisis-rows",
  "aggregate-",
  "1-1",
  "999999-1",
  "abc-def",
];

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function randomString(rng: Rng): string {
  const alphabets = [
    "abcdefghijklmnopqrstuvwxyz0123456789-_",
    "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~ ",
    "éüß中文עבריתالعربية😀\u200b\u0301",
  ];
  const alphabet = pick(rng, alphabets);
  return Array.from(
    { length: 1 + Math.floor(rng() ** 3 * 300) },
    () => alphabet[Math.floor(rng() * alphabet.length)],
  ).join("");
}

const valueFor = (rng: Rng, enums: readonly string[] = []): string => {
  const r = rng();
  if (r < 0.15 && enums.length) return pick(rng, enums);
  if (r < 0.65) return pick(rng, HOSTILE);
  if (r < 0.8) return String(Math.floor((rng() - 0.5) * 10 ** Math.floor(rng() * 12)));
  return randomString(rng);
};

/** A query string with the given parameters set to fuzzed values (sometimes repeated, sometimes with an unknown one). */
function fuzzQuery(rng: Rng, params: { name: string; enums?: readonly string[] }[]): string {
  const q = new URLSearchParams();
  const chosen = params.filter(() => rng() < 0.6);
  for (const p of chosen.length ? chosen : params.slice(0, 1)) {
    q.append(p.name, valueFor(rng, p.enums));
    if (rng() < 0.15) q.append(p.name, valueFor(rng, p.enums)); // the same parameter twice (an array)
  }
  if (rng() < 0.1) q.append(randomString(rng).slice(0, 20), valueFor(rng));
  const s = q.toString();
  // Now and then a raw, malformed escape that URLSearchParams would have encoded away.
  return `?${s}${rng() < 0.08 ? `&${pick(rng, ["x=%", "x=%E0%A4", "%=1", "x=%G1", "from=%ZZ"])}` : ""}`;
}

/** Percent-encodes a path segment; a lone surrogate (not valid UTF-8 text) goes as the bytes Node would send. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

let address = 0;
function rawGet(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A fresh client address per request: the extract API's rate limit is per client, and this is one client.
    const headers = {
      "x-forwarded-for": `198.19.${Math.floor(++address / 250) % 250}.${address % 250}`,
      "accept-encoding": "identity",
    };
    const req = http.get({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        });
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // Enough of a body to read a message or a heading: a successful full extract need not be downloaded.
        if (size > 200_000 && res.statusCode === 200) {
          res.destroy();
          done();
        }
      });
      res.on("end", done);
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${path}`)));
  });
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const shapeOf = (body: string): { code?: unknown; message?: unknown } | null => {
  try {
    return (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error ?? null;
  } catch {
    return null;
  }
};

function expectApiAnswer(path: string, a: Answer): void {
  expect(a.status, `${path} → ${a.status}: ${a.body.slice(0, 300)}`).toBeLessThan(500);
  if (a.status >= 400) {
    const error = shapeOf(a.body);
    expect(error, `${path} → ${a.status} without the error shape: ${a.body.slice(0, 200)}`).not.toBeNull();
    expect(typeof error!.code === "string" && error!.code.length > 0, `${path}: error.code`).toBe(true);
    expect(typeof error!.message === "string" && error!.message.length > 0, `${path}: error.message`).toBe(true);
  }
}

function expectPageAnswer(path: string, a: Answer): void {
  expect(a.status, `${path} → ${a.status}: ${a.body.slice(0, 300)}`).toBeLessThan(500);
  if (a.status === 200) {
    expect(a.body, `${path}: a page with a heading`).toContain("<h1");
    // The error page's heading as rendered (its words also travel in every page's payload, for the error boundary).
    expect(a.body, `${path}: not the error page`).not.toMatch(/<h1[^>]*>This page could not be loaded</);
  }
}

interface OpenApiParam {
  name: string;
  in: "query" | "path";
  schema?: { enum?: string[]; items?: { enum?: string[] } };
}
type OpenApi = { paths: Record<string, { get?: { parameters?: OpenApiParam[] } }> };

const schemaKeys = (schema: unknown) => Object.keys((schema as { shape: Record<string, unknown> }).shape);

test.describe("fuzz: every public input answers 4xx with a message or 2xx, never 5xx", () => {
  test.describe.configure({ timeout: 300_000 });
  let api: OpenApi;
  test.beforeAll(async () => {
    const a = await rawGet("/api/v1/openapi.json");
    expect(a.status).toBe(200);
    api = JSON.parse(a.body) as OpenApi;
    console.info(`fuzz seed: ${SEED} (replay with FUZZ_SEED=${SEED})`);
  });

  test("API routes: query and path parameters", async () => {
    const rng = seedrandom(`${SEED}:api`);
    const paths: string[] = [];
    for (const [template, item] of Object.entries(api.paths)) {
      const params = item.get?.parameters ?? [];
      const query = params
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, enums: p.schema?.enum ?? p.schema?.items?.enum }));
      const pathParams = params.filter((p) => p.in === "path");
      // Aggregates are many: a sample of them, with every row dataset and route.
      const rounds = template.includes("{") ? ROUNDS * 2 : ROUNDS * 4;
      for (let i = 0; i < rounds; i++) {
        let path = template;
        for (const p of pathParams) {
          const valid = p.schema?.enum ?? [];
          const value = rng() < 0.6 && valid.length ? pick(rng, valid) : valueFor(rng);
          path = path.replace(`{${p.name}}`, encodeSegment(value));
        }
        paths.push(`${path}${query.length ? fuzzQuery(rng, query) : ""}`);
      }
    }
    // Hostile path segments on each API route family, including broken escapes and traversal.
    for (const base of [
      "/api/v1/charts/",
      "/api/v1/extracts/",
      "/api/v1/dictionary/",
      "/api/v1/extracts/use-of-force/",
      "/api/v1/",
    ]) {
      for (const seg of [
        "%E0%A4",
        "%",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "UPPER",
        "a".repeat(300),
        "%00",
        "%F0%9F%98%80",
        "aggregate-%3Cscript%3E",
        "zip",
        "manifest",
      ])
        paths.push(`${base}${seg}`);
    }
    console.info(`fuzz: ${paths.length} API requests`);
    await inBatches(paths, 6, async (path) => expectApiAnswer(path, await rawGet(path)));
  });

  test("public pages: filter parameters", async () => {
    const rng = seedrandom(`${SEED}:pages`);
    const trend = schemaKeys(TrendFilters).map((name) => ({
      name,
      enums: name === "granularity" ? ["month", "quarter", "year"] : undefined,
    }));
    const rule = schemaKeys(AlternativeRule).map((name) => ({
      name,
      enums: name === "basis" ? ["upper", "estimate"] : undefined,
    }));
    const extractParams = (dataset: string) =>
      (api.paths[`/api/v1/extracts/${dataset}`]?.get?.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, enums: p.schema?.enum ?? p.schema?.items?.enum }));
    const datasets = ["use-of-force", "crisis-rows", "crisis-contacts"];
    const byPage: Record<string, { name: string; enums?: readonly string[] }[]> = {
      "/crisis": trend,
      "/use-of-force": trend,
      "/metrics": trend,
      "/alternative-response": [
        ...trend,
        ...rule,
        ...schemaKeys(SimParams).map((name) => ({ name })),
        ...DAY_FIELDS.map((name) => ({ name })),
      ],
      "/community": [{ name: "year" }, { name: "precinct", enums: ["North", "West", "East", "South", "Southwest"] }],
      "/extracts": [
        { name: "dataset", enums: [...datasets, "aggregate-crisis-contacts-over-time"] },
        ...extractParams("use-of-force"),
        ...extractParams("crisis-rows"),
      ],
      "/staff/sign-in": [{ name: "from" }, { name: "error" }],
    };
    const paths: string[] = [];
    for (const page of [...discoverPublicPages(), "/staff/sign-in"]) {
      const params = byPage[page] ?? [{ name: "q" }, { name: "page" }];
      const rounds = byPage[page] ? ROUNDS * 6 : ROUNDS;
      for (let i = 0; i < rounds; i++) paths.push(`${page}${fuzzQuery(rng, params)}`);
    }
    for (const seg of ["%E0%A4", "%", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", "crisis%00"]) paths.push(`/${seg}`);
    console.info(`fuzz: ${paths.length} page requests`);
    await inBatches(paths, 3, async (path) => expectPageAnswer(path, await rawGet(path)));
  });

  test("pages say what is wrong with a bad filter value instead of failing", async () => {
    for (const [path, word] of [
      ["/crisis?granularity=%3Cscript%3E", "granularity"],
      ["/use-of-force?from=2019-13", "from"],
      ["/metrics?from=2020-01&to=2019-01", "from"],
      ["/alternative-response?threshold=NaN", "threshold"],
      ["/alternative-response?minContacts=-1", "minContacts"],
      ["/alternative-response?teams=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "teams"],
      ["/community?year=%27%3B%20DROP%20TABLE", "year"],
    ] as const) {
      const a = await rawGet(path);
      expect(a.status, path).toBe(200);
      const alert = /<div role="alert" class="form-errors">([\s\S]*?)<\/div>/.exec(a.body)?.[1] ?? "";
      expect(alert, `${path}: a message naming ${word}`).toContain(word);
      expect(a.body).not.toContain("<script>alert");
    }
  });
});
