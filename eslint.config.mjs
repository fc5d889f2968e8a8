import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The layer map of lib/ (ARCHITECTURE.md explains each folder): which other lib modules each one may import. A
 * folder may always import its own files; anything not listed is refused by import/no-restricted-paths below, so a
 * forbidden import fails `npm run lint` (tests/unit/architecture.test.ts checks that the rules bite, that this map
 * and ARCHITECTURE.md name the same folders and that lib/ has no folder cycle). Keys without a folder are the single
 * files lib/chart-registry.ts, lib/env.ts, lib/format.ts, lib/labels.ts and lib/server-config.ts.
 */
const SHARED = ["env", "errors", "format", "labels", "stats"];
export const LIB_IMPORTS = {
  // foundation
  generated: [],
  env: ["errors"],
  errors: [],
  "chart-registry": [],
  site: ["i18n"],
  i18n: [],
  format: [],
  labels: [],
  stats: [],
  db: ["env", "errors", "generated"],
  "server-config": ["auth", "env"],
  // pure domain modules (take a `db` where they read data)
  audit: [...SHARED, "db"],
  auth: [...SHARED, "audit", "db"],
  ingest: [...SHARED, "db"],
  analysis: [...SHARED, "db"],
  trends: [...SHARED, "db", "ingest"],
  community: [...SHARED, "db"],
  coverage: [...SHARED, "trends"],
  explainers: [...SHARED],
  eis: [...SHARED, "db", "ingest"],
  annotations: [...SHARED, "audit", "auth", "chart-registry", "db"],
  staff: [...SHARED, "auth", "eis", "ingest"],
  charts: [...SHARED, "analysis", "annotations", "chart-registry", "community", "coverage", "trends"],
  embed: [...SHARED, "chart-registry", "charts"],
  // orchestration: load, compute and store results
  pipeline: [
    ...SHARED,
    "analysis",
    "annotations",
    "charts",
    "community",
    "coverage",
    "db",
    "eis",
    "i18n",
    "ingest",
    "trends",
  ],
  // the data access layer: the only way pages reach the database
  dal: [
    ...SHARED,
    "analysis",
    "annotations",
    "audit",
    "auth",
    "chart-registry",
    "charts",
    "community",
    "coverage",
    "db",
    "eis",
    "i18n",
    "ingest",
    "pipeline",
    "staff",
    "trends",
  ],
  // transports over the DAL: HTTP and page responses, downloads, the command line
  http: [...SHARED, "auth", "chart-registry", "charts", "dal", "db", "embed", "i18n"],
  extracts: [
    ...SHARED,
    "annotations",
    "chart-registry",
    "charts",
    "community",
    "coverage",
    "dal",
    "db",
    "http",
    "ingest",
    "pipeline",
    "trends",
  ],
  cli: [...SHARED, "analysis", "auth", "coverage", "db", "eis", "ingest", "pipeline", "trends"],
};

const FILE_MODULES = new Set(["chart-registry", "env", "format", "server-config"]);
const libPath = (name) => `./lib/${name}${FILE_MODULES.has(name) ? ".ts" : ""}`;

const layerZones = Object.entries(LIB_IMPORTS).map(([name, allowed]) => ({
  target: libPath(name),
  from: Object.keys(LIB_IMPORTS)
    .filter((other) => other !== name && !allowed.includes(other))
    .map(libPath),
  message: `lib/${name} may import only ${allowed.map((a) => `lib/${a}`).join(", ") || "nothing else in lib"} (ARCHITECTURE.md).`,
}));

/** Pages and components reach data through lib/dal's checked functions, never the client or the DAL's internals. */
const appZones = [
  {
    target: ["./app", "./components"],
    from: ["./lib/dal/internal", "./lib/db/client.ts", "./lib/generated"],
    message:
      "app/ and components/ read data through lib/dal's checked functions; lib/dal/internal trusts its caller and lib/db is the DAL's (ARCHITECTURE.md).",
  },
  {
    target: "./lib",
    from: ["./app", "./components", "./scripts", "./tests"],
    message: "lib/ never imports app/, components/, scripts/ or tests/ (ARCHITECTURE.md).",
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next*/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    rules: { "import/no-restricted-paths": ["error", { zones: [...layerZones, ...appZones] }] },
  },
  {
    // The DAL returns refusals; pages map them to redirect / 403 / 404 (lib/http/staff-page.ts).
    files: ["lib/dal/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/navigation",
              message: "The DAL refuses with an error; pages turn it into a redirect or 404 (lib/http/staff-page.ts).",
            },
          ],
        },
      ],
    },
  },
];

export default config;
