// A browser-like HTTP client: its own cookies, no automatic redirects, and the antiforgery token
// of the last page it fetched (every page carries one in <meta name="mb-antiforgery">).

export class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.token = "";
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  #keep(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path) {
    const response = await fetch(this.base + path, { redirect: "manual", headers: { Cookie: this.cookieHeader() } });
    this.#keep(response);
    const html = await response.text();
    const token = /<meta name="mb-antiforgery" content="([^"]*)"/.exec(html)?.[1];
    if (token) this.token = token;
    return { status: response.status, html, location: response.headers.get("location") };
  }

  /** A form post; with fetch=true it is sent as the client script sends it (token in a header, a fragment back). */
  async post(path, fields, { fetch: asFetch = false } = {}) {
    const body = new URLSearchParams(fields);
    const headers = { Cookie: this.cookieHeader(), "Content-Type": "application/x-www-form-urlencoded" };
    if (asFetch) {
      headers.RequestVerificationToken = this.token;
      headers["X-MeetingBoard-Fetch"] = "1";
    } else {
      body.set("__RequestVerificationToken", this.token);
    }
    const response = await fetch(this.base + path, { method: "POST", redirect: "manual", headers, body });
    this.#keep(response);
    const text = await response.text();
    // The moment the server answered (only from an app running with its benchmark switch on; see lib/measure.mjs).
    const answeredAt = Number(response.headers.get("x-meetingboard-bench-answered-at")) || undefined;
    return { status: response.status, text, location: response.headers.get("location"), answeredAt };
  }
}

export function hidden(html, name) {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`No hidden field ${name} on the page`);
  return m[1];
}

export const newCommandId = () => crypto.randomUUID().replaceAll("-", "");
export const newId = () => crypto.randomUUID().replaceAll("-", "");

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
