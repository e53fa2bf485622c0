// The JSON Schema shipped for editors is the one generated from the code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/scenario/schema.ts";

describe("scenario JSON Schema", () => {
  it("src/scenario/scenario.schema.json is up to date (regenerate: mecbench schema --out src/scenario/scenario.schema.json)", () => {
    const committed = JSON.parse(readFileSync(new URL("../src/scenario/scenario.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it("rejects unknown keys (additionalProperties false) and documents units in field names", () => {
    const schema = scenarioJsonSchema() as { additionalProperties?: boolean; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain("mipsPerCore");
  });
});
