// A share of the receivers, in a thread of their own: a real browser parses its own patches, so
// one thread parsing every participant's would add a queue that no participant has.
import { parentPort } from "node:worker_threads";
import { Receiver } from "./app.mjs";
import { pool } from "./http.mjs";

const receivers = [];

const ops = {
  async open({ specs, concurrency }) {
    return pool(specs, concurrency, async (s) => {
      const r = new Receiver(s.base, s.path, s.cookie);
      await r.start();
      if (s.invoke) await r.invoke(...s.invoke);
      receivers.push(r);
      return receivers.length - 1;
    });
  },
  lastVersions: ({ ids }) => ids.map((i) => receivers[i].lastVersion),
  receipts: ({ queries }) => queries.map(([i, v]) => receivers[i].receipt(v) ?? null),
  record: ({ id }) => ({ versions: receivers[id].versions, sizes: receivers[id].sizes, times: receivers[id].times }),
  closed: () => receivers.filter((r) => r.closed).length,
  forget: () => receivers.forEach((r) => r.forget()),
  stop: () => Promise.all(receivers.map((r) => r.stop().catch(() => {}))).then(() => true),
};

parentPort.on("message", async ({ seq, op, args }) => {
  try {
    parentPort.postMessage({ seq, result: await ops[op](args) });
  } catch (e) {
    parentPort.postMessage({ seq, error: String(e?.stack ?? e) });
  }
});
