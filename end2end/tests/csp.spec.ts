// The Content-Security-Policy lets the app do all it needs and nothing is blocked: no page
// logs a policy violation, with JavaScript on (hydration, client-side transitions) or off.
import { expect, test, type Page } from "@playwright/test";

type Question = { key: string; kind: string; options?: { key: string }[]; min?: number } | null;

function someAnswer(q: NonNullable<Question>): unknown {
  if (q.kind === "multiple_choice") return [q.options![0].key];
  if (q.kind === "single_choice" || q.kind === "image_choice") return q.options![0].key;
  if (q.kind === "text") return "ok";
  return q.min;
}

/** Collect what the browser reports as blocked by the policy on `page`. */
function watch(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
  return violations;
}

async function visit(page: Page, path: string) {
  const r = await page.goto(path);
  expect(r?.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  if (test.info().project.name === "js-on") {
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
  }
}

test("no page breaks its Content-Security-Policy", async ({ page, request }) => {
  const violations = watch(page);
  await visit(page, "/");
  await visit(page, "/a/running-shoe-finder");
  const started = await request.post("/api/v1/questionnaires/running-shoe-finder/responses", {
    data: { consent: true, locale: "en" },
  });
  const { id, token } = await started.json();
  let next: Question = (await started.json()).next;
  const seen = new Set<string>();
  let insight: string | null = null;
  while (next) {
    if (!seen.has(next.kind)) {
      seen.add(next.kind);
      await visit(page, `/r/${token}/q/${next.key}`);
    }
    const r = await request.put(`/api/v1/responses/${id}/answers/${next.key}`, {
      headers: { "x-response-token": token },
      data: { value: someAnswer(next) },
    });
    const body = await r.json();
    if (!insight && body.insights.length > 0) insight = next.key;
    next = body.next;
  }
  if (insight) await visit(page, `/r/${token}/insight/${insight}`);
  await visit(page, `/r/${token}/result`);
  await visit(page, "/r/not-a-token");
  expect(violations).toEqual([]);
});

test("a client-side transition runs under the policy", async ({ page }) => {
  test.skip(test.info().project.name !== "js-on", "transitions need JavaScript");
  const violations = watch(page);
  await visit(page, "/a/running-shoe-finder");
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/r\/[^/]+/);
  await expect(page.locator("form")).toHaveCount(1);
  expect(violations).toEqual([]);
});
