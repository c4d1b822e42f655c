import { expect, test } from "@playwright/test";
import { uid } from "./seed";

// The list pages stream a loading state first (app/*/(list)/loading.tsx); the detail pages
// beside them stay outside that boundary, so an unknown id still answers 404.
test("the lists send their loading state first, and unknown ids beside them still answer 404", async ({ request }) => {
  for (const path of ["/interactions", "/sessions"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html, `${path} carries the loading fallback`).toContain('aria-busy="true"');
  }
  for (const path of [`/interactions/${uid("missing")}`, `/sessions/${uid("missing")}`, `/memories/${uid("m")}/x`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
  }
});
