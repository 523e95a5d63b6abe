// The app's own flows, driven exactly as a browser drives them: pages, forms with antiforgery
// tokens and cookies, then a SignalR connection that watches the meeting.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import WebSocket from "ws";
import { Browser, hidden, newCommandId, newId } from "./http.mjs";

export const categories = ["harm", "danger-statements", "complicating-factors", "existing-strengths", "existing-safety", "safety-goals", "next-steps"];

/** What a page or an answer said, without its markup: the main content's words, for error messages. */
export function said(text) {
  const main = text.includes("<main") ? text.slice(text.indexOf("<main")) : text;
  return main.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Milliseconds on the monotonic clock, which every thread of the process shares (each worker's performance.timeOrigin is its own). */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Creates the first facilitator through the one-time setup link the app printed, and signs them in. */
export async function setUpFacilitator(server) {
  // A cluster's setup link works on the node that printed it (setupBase); everything after goes through the balancer.
  const facilitator = new Browser(server.setupBase ?? server.base);
  await facilitator.get(server.setupPath);
  const r = await facilitator.post(server.setupPath, { name: "Bench Facilitator", email: "bench@example.org", password: "bench facilitator walks seven meetings" });
  if (r.status !== 302) throw new Error(`Setup failed: ${r.status} ${said(r.text)}`);
  facilitator.base = server.base;
  await facilitator.get("/meetings");
  return facilitator;
}

/**
 * Starts a meeting through the form. The form's meeting id is made when the page is shown; to avoid
 * listing every meeting again per meeting, the bench makes its own (any new well-formed id is accepted).
 */
export async function createMeeting(facilitator, title) {
  const meetingId = newId();
  const r = await facilitator.post("/meetings", { meetingId, type: "ChildProtectionConference", title, caseReference: "Family A" });
  if (r.status !== 302) throw new Error(`Create failed: ${r.status} ${said(r.text)}`);
  const page = await facilitator.get(`/m/${meetingId}`);
  const joinCode = /<p class="mb-code"[^>]*>([^<]+)<\/p>/.exec(page.html)[1].trim();
  return { meetingId, joinCode };
}

/** Asks to join through the two join pages; returns the participant's own browser and id. */
export async function askToJoin(base, joinCode, name, role) {
  const participant = new Browser(base);
  const page = await participant.get(`/join/${joinCode}`);
  if (page.status !== 200) throw new Error(`Join page: ${page.status}`);
  const participantId = hidden(page.html, "participantId");
  const r = await participant.post(`/join/${joinCode}`, { participantId, secret: hidden(page.html, "secret"), name, role });
  if (r.status !== 302) throw new Error(`Join failed: ${r.status} ${said(r.text)}`);
  return { browser: participant, participantId };
}

export async function admit(facilitator, meetingId, participantId) {
  const r = await facilitator.post(`/m/${meetingId}/people/${participantId}/admit`, { commandId: newCommandId() }, { fetch: true });
  if (r.status >= 300) throw new Error(`Admit failed: ${r.status} ${said(r.text)}`);
}

/** The board page as the browser loads it; returns the version the page shows. */
export async function openBoard(browser, meetingId) {
  const page = await browser.get(`/m/${meetingId}`);
  const m = /data-mb-page="board"[^>]*data-mb-version="(\d+)"|data-mb-version="(\d+)"/.exec(page.html);
  if (page.status !== 200 || !m) throw new Error(`Board page: ${page.status}`);
  return { version: Number(m[1] ?? m[2]), html: page.html };
}

export async function addItem(browser, meetingId, category, text) {
  const r = await browser.post(`/m/${meetingId}/items`, { commandId: newCommandId(), category, text }, { fetch: true });
  if (r.status !== 200) throw new Error(`Add failed: ${r.status} ${said(r.text)}`);
  return r.answeredAt;
}

export async function editItem(browser, meetingId, itemId, text) {
  const r = await browser.post(`/m/${meetingId}/items/${itemId}/edit`, { commandId: newCommandId(), text }, { fetch: true });
  if (r.status >= 300) throw new Error(`Edit failed: ${r.status} ${said(r.text)}`);
  return r.answeredAt;
}

/** The ids of the items on a board page; fails loudly if there are none (the item markup may have changed). */
export function itemIds(html) {
  const ids = [...html.matchAll(/<li class="mb-item[^"]*" id="item-([0-9a-f]{32})"/g)].map((m) => m[1]);
  if (ids.length === 0) throw new Error("No items found on the board page: has the item markup changed?");
  return ids;
}

// The size of the frame that carried the message being handled. The SignalR client hands each
// frame to its handlers synchronously, so a handler can read the size of its own frame here.
let frameChars = 0;

/** ws, counting the characters of each frame before the SignalR client parses it. */
class CountingWebSocket extends WebSocket {
  set onmessage(handler) {
    super.onmessage = handler && ((event) => {
      frameChars = typeof event.data === "string" ? event.data.length : event.data.byteLength;
      handler(event);
    });
  }
  get onmessage() {
    return super.onmessage;
  }
}

/**
 * One live connection that records every Patch: when it was handled, its version and its frame
 * size. `arrivals` is in arrival order, so the first arrival at or past a version is its receipt.
 */
export class Receiver {
  constructor(base, path, cookieHeader) {
    this.times = [];
    this.versions = [];
    this.sizes = [];
    this.navigations = 0;
    this.closed = null;
    this.connection = new HubConnectionBuilder()
      .withUrl(base + path, {
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
        headers: cookieHeader ? { Cookie: cookieHeader } : {},
        WebSocket: CountingWebSocket,
      })
      .configureLogging(LogLevel.None)
      .build();
    this.connection.serverTimeoutInMilliseconds = 120_000;
    this.connection.keepAliveIntervalInMilliseconds = 15_000;
    this.connection.on("Patch", (patch) => {
      this.times.push(now());
      this.versions.push(patch.version);
      this.sizes.push(frameChars);
    });
    this.connection.on("Navigate", () => this.navigations++);
    this.connection.onclose((e) => (this.closed = e ?? new Error("closed")));
  }

  start() {
    return this.connection.start();
  }

  invoke(method, ...args) {
    return this.connection.invoke(method, ...args);
  }

  stop() {
    return this.connection.stop();
  }

  get lastVersion() {
    return this.versions.length ? this.versions[this.versions.length - 1] : -1;
  }

  /** When this receiver first had `version` (or later), at or after `from`; undefined if never. */
  receipt(version, from = 0) {
    // Versions arrive in order (one connection, one writer), so binary search the first at or past it.
    let lo = 0, hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.versions[mid] >= version) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.versions.length; i++) if (this.times[i] >= from) return this.times[i];
    return undefined;
  }

  /** Frees what was recorded (long capacity runs). */
  forget() {
    this.times = [];
    this.versions = [];
    this.sizes = [];
  }
}

/** A participant's (or the facilitator's) board connection, watching as the page script does. */
export async function watchBoard(base, browser, meetingId, version) {
  const receiver = new Receiver(base, "/hubs/meeting", browser.cookieHeader());
  await receiver.start();
  await receiver.invoke("Watch", meetingId, version, "board", null);
  return receiver;
}
