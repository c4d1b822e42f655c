import type { z } from "zod";
import type { ErrorIssue } from "@/lib/errors";

// zod reports all unknown keys of an object in one issue; we name each field separately so
// a client sees every offending path, as for any other validation problem.
export function toErrorIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.flatMap((issue): ErrorIssue[] => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field '${key}'`,
        code: "unknown_field",
      }));
    }
    return [{ path, message: issue.message, code: issue.code }];
  });
}
