// Findings of a security review, checked in a real browser with JavaScript on and off.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const PAYLOAD = "</textarea><script>alert('owned')</script>";

type Question = { key: string; kind: string; options?: { key: string }[]; min?: number } | null;

/** A value any question accepts: its first option, its lowest number, or a short text. */
function someAnswer(q: NonNullable<Question>): unknown {
  if (q.kind === "multiple_choice") return [q.options![0].key];
  if (q.kind === "single_choice" || q.kind === "image_choice") return q.options![0].key;
  if (q.kind === "text") return "ok";
  return q.min;
}

/** Start a response through the API and answer until `stop` is the next question. */
async function answerUntil(request: APIRequestContext, slug: string, stop: string) {
  const started = await request.post(`/api/v1/questionnaires/${slug}/responses`, { data: { consent: true, locale: "en" } });
  expect(started.status()).toBe(201);
  const { id, token } = await started.json();
  let next: Question = (await started.json()).next;
  while (next && next.key !== stop) {
    const r = await request.put(`/api/v1/responses/${id}/answers/${next.key}`, {
      headers: { "x-response-token": token },
      data: { value: someAnswer(next) },
    });
    expect(r.status()).toBe(200);
    next = (await r.json()).next;
  }
  return { id, token };
}

async function ready(page: Page) {
  if (test.info().project.name === "js-on") await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
}

test("a stored answer is shown as text and never runs as script", async ({ page, request }) => {
  const { id, token } = await answerUntil(request, "skin-care-routine", "notes");
  const put = await request.put(`/api/v1/responses/${id}/answers/notes`, {
    headers: { "x-response-token": token },
    data: { value: PAYLOAD },
  });
  expect(put.status()).toBe(200);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`/r/${token}/q/notes`);
  await ready(page);
  await expect(page.locator("#answer")).toHaveValue(PAYLOAD);
  // No script element is the payload's (text selectors skip scripts: read the DOM). The
  // answer may appear inside the page's serialized data, escaped, which is not a script.
  const scripts = await page.$$eval("script", (els) => els.map((e) => (e.textContent ?? "").trim()));
  expect(scripts.filter((t) => t === "alert('owned')")).toEqual([]);
  expect(await page.content()).not.toContain("<script>alert('owned')");
  expect(dialogs).toEqual([]);
});

test("a later question waits its turn: its page leads to the next one", async ({ page, request }) => {
  const { token } = await answerUntil(request, "running-shoe-finder", "current_shoes");
  await page.goto(`/r/${token}/q/cushion_feel`);
  await ready(page);
  await expect(page).toHaveURL(new RegExp(`/r/${token}/q/current_shoes$`));
  await expect(page.locator('input[name="question"]')).toHaveValue("current_shoes");
});
