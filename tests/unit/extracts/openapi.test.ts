import { describe, expect, it } from "vitest";
import { ROW_DATASET_IDS } from "@/lib/extracts/datasets";
import { openApiDocument } from "@/lib/extracts/openapi";
import { parseExtractRequest } from "@/lib/extracts/request";

type Param = { name: string };
const doc = openApiDocument([
  {
    dataset: "aggregate-crisis-contacts",
    chartId: "crisis-contacts",
    title: "Crisis contacts over time",
    page: "/crisis",
  },
  { dataset: "aggregate-community-by-beat", chartId: "community-by-beat", title: "By beat", page: "/community" },
  { dataset: "aggregate-cit-raw-rates", chartId: "cit-raw-rates", title: "Raw rates", page: "/cit" },
]) as {
  paths: Record<string, { get: { parameters?: Param[] } }>;
  components: { schemas: { Manifest: { properties: Record<string, unknown> } } };
};
const names = (path: string) => (doc.paths[path]!.get.parameters ?? []).map((p) => p.name);

describe("OpenAPI lists every parameter the routes take", () => {
  it("format, limit and cursor on every row extract route that parses them (extract, manifest, zip)", () => {
    for (const id of ROW_DATASET_IDS) {
      // the same parser answers all three routes: it accepts these parameters everywhere
      expect(parseExtractRequest(id, new URLSearchParams("format=json&limit=5&cursor=1-2")).ok).toBe(true);
      for (const suffix of ["", "/manifest", "/zip"])
        expect(names(`/api/v1/extracts/${id}${suffix}`), `${id}${suffix}`).toEqual(
          expect.arrayContaining(["format", "limit", "cursor"]),
        );
    }
  });

  it("community and CIT charts are listed as aggregates, with the community filters", () => {
    const agg = doc.paths["/api/v1/extracts/aggregate-{chartId}"]!.get.parameters as (Param & {
      schema?: { enum?: string[] };
    })[];
    expect(agg.find((p) => p.name === "chartId")!.schema!.enum).toEqual([
      "crisis-contacts",
      "community-by-beat",
      "cit-raw-rates",
    ]);
    expect(agg.map((p) => p.name)).toEqual(expect.arrayContaining(["year", "precinct", "format"]));
    expect(new Set(agg.map((p) => p.name)).size).toBe(agg.length);
  });

  it("manifests document the data status and the small-count policy", () => {
    expect(Object.keys(doc.components.schemas.Manifest.properties)).toEqual(
      expect.arrayContaining(["dataStatus", "stamp", "smallCounts"]),
    );
  });
});
