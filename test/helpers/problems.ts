// The problems of the InputError a call throws (a test helper): fails the test when it throws nothing
// or something else.
import { InputError, type Problem } from "../../src/scenario/errors.ts";

export function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return [...err.problems];
    throw err;
  }
  throw new Error("expected an InputError");
}
