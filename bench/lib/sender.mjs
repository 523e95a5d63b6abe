// The sender runs in a worker thread of its own, so the moment a command is accepted is stamped
// when its answer arrives, not when the main thread gets round to it between handling patches.
import { parentPort } from "node:worker_threads";
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import { Browser } from "./http.mjs";
import { addItem, editItem, categories, now } from "./app.mjs";

const sleep = (ms) => new Promise((ok) => setTimeout(ok, Math.max(0, ms)));

function facilitatorBrowser({ base, cookies, token }) {
  const b = new Browser(base);
  for (const [k, v] of cookies) b.cookies.set(k, v);
  b.token = token;
  return b;
}

/** Sends on a fixed schedule, one at a time: step i starts at start + i·interval, or when step i−1 is answered if later. */
async function paced(count, intervalMs, send) {
  const start = now();
  for (let i = 0; i < count; i++) {
    await sleep(start + i * intervalMs - now());
    const sent = now();
    try {
      const server = await send(i);
      parentPort.postMessage({ op: "accepted", i, sent, t: now(), server });
    } catch (e) {
      parentPort.postMessage({ op: "failed", i, error: String(e) });
    }
  }
  parentPort.postMessage({ op: "done" });
}

const edits = { meetings: [], timer: null, browser: null, periodMs: 3000, failures: 0 };

function editLoop() {
  const t = now();
  for (const m of edits.meetings) {
    if (m.inFlight || m.nextAt > t) continue;
    m.inFlight = true;
    m.nextAt += edits.periodMs;
    if (m.nextAt < t) m.nextAt = t + edits.periodMs; // fell behind: do not burst to catch up
    const n = ++m.edits;
    const itemId = m.itemIds[n % m.itemIds.length];
    const sent = now();
    editItem(edits.browser, m.meetingId, itemId, `Changed for the ${n}th time: the school will call if Jo is absent`)
      .then((server) => {
        m.version++;
        parentPort.postMessage({ op: "accepted", meetingId: m.meetingId, version: m.version, sent, t: now(), server });
      })
      .catch((e) => parentPort.postMessage({ op: "failed", meetingId: m.meetingId, error: String(e) }))
      .finally(() => (m.inFlight = false));
  }
}

parentPort.on("message", async (msg) => {
  if (msg.op === "addItems") {
    const b = facilitatorBrowser(msg);
    await paced(msg.count, msg.intervalMs, (i) =>
      addItem(b, msg.meetingId, categories[i % categories.length], `Item ${i + 1}: Jo's grandmother collects her from school on Tuesdays and Thursdays`));
  } else if (msg.op === "broadcast") {
    const connection = new HubConnectionBuilder()
      .withUrl(msg.base + "/hubs/bench", { skipNegotiation: true, transport: HttpTransportType.WebSockets })
      .configureLogging(LogLevel.None)
      .build();
    await connection.start();
    await paced(msg.steps.length, msg.intervalMs, (i) => connection.invoke("Broadcast", msg.steps[i].version, msg.steps[i].chars));
    await connection.stop();
  } else if (msg.op === "edit") {
    edits.browser ??= facilitatorBrowser(msg);
    edits.periodMs = msg.periodMs;
    const t = now();
    for (const m of msg.meetings)
      edits.meetings.push({ ...m, inFlight: false, edits: 0, nextAt: t + Math.random() * msg.periodMs });
    edits.timer ??= setInterval(editLoop, 10);
  } else if (msg.op === "stop") {
    clearInterval(edits.timer);
    parentPort.close();
  }
});
