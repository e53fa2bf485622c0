// The builder for "what is a total made of": one small panel per policy, one stacked bar per
// device count, one colour per component. Used for failure reasons, the delay breakdown and the
// tier share of decisions.
import { BASE_CONFIG, VL_SCHEMA, type VlSpec } from "./common.ts";

export interface ComponentValue {
  /** The panel, e.g. a policy label. */
  group: string;
  devices: number;
  component: string;
  value: number;
}

export interface StackedComponentsInput {
  title: string;
  subtitle?: string[];
  yTitle: string;
  groupTitle: string;
  /** Panel order. */
  groups: string[];
  componentTitle: string;
  /** Component order (bottom to top) and colours. */
  components: { domain: string[]; range: string[] };
  values: ComponentValue[];
  columns?: number;
}

export function stackedComponentsSpec(input: StackedComponentsInput): VlSpec {
  const order = new Map(input.components.domain.map((c, i) => [c, i]));
  const values = input.values.map((v) => ({ ...v, order: order.get(v.component) ?? order.size }));
  const deviceCount = new Set(input.values.map((v) => v.devices)).size;
  const title = { text: input.title, ...(input.subtitle && input.subtitle.length > 0 ? { subtitle: input.subtitle } : {}) };
  return {
    $schema: VL_SCHEMA,
    title,
    data: { values },
    facet: { field: "group", type: "nominal", title: input.groupTitle, sort: input.groups },
    columns: input.columns ?? Math.min(4, Math.max(1, input.groups.length)),
    spec: {
      width: Math.max(150, 26 * deviceCount),
      height: 180,
      mark: { type: "bar" },
      encoding: {
        x: { field: "devices", type: "ordinal", title: "IoT devices", sort: "ascending", axis: { labelAngle: 0 } },
        y: { field: "value", type: "quantitative", title: input.yTitle, stack: "zero" },
        color: { field: "component", type: "nominal", title: input.componentTitle, scale: { domain: input.components.domain, range: input.components.range } },
        order: { field: "order", type: "quantitative" },
        tooltip: [
          { field: "group", title: input.groupTitle }, { field: "devices", title: "devices" },
          { field: "component", title: input.componentTitle }, { field: "value", format: ".4~g", title: input.yTitle },
        ],
      },
    },
    config: BASE_CONFIG,
  };
}
