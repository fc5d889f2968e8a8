import { describe, expect, it } from "vitest";
import { parseJsonColumn, StoredDataError } from "@/lib/db/json-column";
import { FlagReasonsSchema, readEscalation, readVolume } from "@/lib/eis/store";

describe("JSON text columns are read through a schema", () => {
  it("returns the stored JSON itself, key order and unknown keys kept", () => {
    const text = '{"qValue":0.2,"count":4,"peerRate":1.5,"shrunkRate":null,"ratio":null,"pValue":0.01,"extra":1}';
    expect(JSON.stringify(readVolume(text))).toBe(text);
    expect(readVolume(null)).toBeNull();
  });

  it("keeps JSON's null for a non-finite number (JSON.stringify(NaN) is null)", () => {
    const esc = { lambda: null, ciLow: 0, ciHigh: 1, lambdaVsPeers: 0, pTop5: 0, peerGroupSize: 3, nIncidents: 2 };
    expect(readEscalation(JSON.stringify({ ...esc, levelCounts: [1, 1] }))?.lambda).toBeNull();
  });

  it("a value of the wrong shape is a coded error naming the column and the field", () => {
    const read = () => parseJsonColumn(FlagReasonsSchema, '[{"code":"volume","text":3}]', "EIS flag reasons");
    expect(read).toThrow(StoredDataError);
    expect(read).toThrow(/^Stored EIS flag reasons is not valid: 0\.text: /);
    try {
      read();
    } catch (e) {
      expect(e).toMatchObject({ code: "unavailable", reason: "stored_data_invalid", column: "EIS flag reasons" });
    }
  });

  it("text that is not JSON is the same coded error", () => {
    expect(() => readVolume("{count:")).toThrow(/^Stored EIS volume score is not valid: not JSON/);
  });
});
