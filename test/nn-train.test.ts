// The TypeScript MLP trainer: learns a separable problem, and is bit-for-bit deterministic for a seed.
import { describe, expect, it } from "vitest";
import { StreamSet } from "../src/kernel/random.ts";
import { trainSupervised, type Dataset } from "../src/nn/train.ts";

/** Three classes in 6 features: the class is the argmax of three linear functions of the inputs. */
function separable(n: number, seed: number): Dataset {
  const rng = new StreamSet(seed, "test-data", 1);
  const width = 6;
  const x = new Float64Array(n * width);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) x[i * width + j] = rng.between(0, -1, 1);
    const a = x[i * width]! + 0.5 * x[i * width + 1]!;
    const b = x[i * width + 2]! - x[i * width + 3]!;
    const c = 0.3 + x[i * width + 4]! * x[i * width + 5]!;
    labels[i] = a > b && a > c ? 0 : b > c ? 1 : 2;
  }
  return { x, width, n, labels };
}

describe("MLP trainer", () => {
  it("reaches > 95 % validation accuracy on a separable dataset", () => {
    const data = separable(4000, 3);
    const r = trainSupervised(data, { hidden: [64, 32, 16], outputs: 3, loss: "softmax-cross-entropy", epochs: 30, seed: 1, name: "sep" });
    expect(r.valAccuracy!).toBeGreaterThan(0.95);
    const total = r.confusion!.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(r.valIdx.length);
  });

  it("same seed, bit-identical weights; another seed, different weights", () => {
    const data = separable(600, 5);
    const opts = { hidden: [16, 8], outputs: 3, loss: "softmax-cross-entropy" as const, epochs: 3, seed: 7, name: "det" };
    const a = trainSupervised(data, opts);
    const b = trainSupervised(data, opts);
    const c = trainSupervised(data, { ...opts, seed: 8 });
    for (let l = 0; l < a.net.w.length; l++) {
      expect(Buffer.from(a.net.w[l]!.buffer).equals(Buffer.from(b.net.w[l]!.buffer))).toBe(true);
      expect(Buffer.from(a.net.b[l]!.buffer).equals(Buffer.from(b.net.b[l]!.buffer))).toBe(true);
    }
    expect(Buffer.from(a.net.w[0]!.buffer).equals(Buffer.from(c.net.w[0]!.buffer))).toBe(false);
  });

  it("fits a regression target with MSE", () => {
    const rng = new StreamSet(2, "reg", 1);
    const n = 2000;
    const x = new Float64Array(n * 2);
    const targets = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = rng.between(0, -1, 1);
      x[2 * i + 1] = rng.between(0, -1, 1);
      targets[i] = 2 * x[2 * i]! - x[2 * i + 1]! + 0.5;
    }
    const r = trainSupervised({ x, width: 2, n, targets }, { hidden: [16], outputs: 1, loss: "mse", epochs: 40, seed: 1, name: "reg" });
    expect(r.valLoss).toBeLessThan(0.01);
  });
});
