// Helpers the scenarios share: paced sending in the sender thread, latencies from acceptance to
// receipt, and waiting until receivers have a version.
import { Worker } from "node:worker_threads";
import { cpuSeconds, rssBytes } from "./server.mjs";

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, Math.max(0, ms)));

/** CPU cores used over a wall-clock span, from process.cpuUsage() deltas. */
export const cpuOf = (usage, ms) => (usage.user + usage.system) / 1000 / ms;

/** The server's processes: one node, or every node of a cluster (server.pids). */
export const serverPids = (server) => server.pids ?? [server.pid];
export const serverCpuSeconds = (server) => serverPids(server).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
export const serverRssBytes = (server) => serverPids(server).reduce((sum, pid) => sum + rssBytes(pid), 0);

/** Runs one paced plan in the sender worker; returns its accepted times by step. */
export function send(message) {
  return new Promise((ok, fail) => {
    const worker = new Worker(new URL("./sender.mjs", import.meta.url));
    const accepted = [];
    const failures = [];
    worker.on("message", (m) => {
      if (m.op === "accepted") accepted[m.i] = m;
      else if (m.op === "failed") failures.push(m);
      else if (m.op === "done") worker.terminate().then(() => ok({ accepted, failures }));
    });
    worker.on("error", fail);
    worker.postMessage(message);
  });
}

/**
 * Latency of each (step, receiver): acceptance of step i (version versions[i]) to the first receipt
 * of it or later; also from the moment the command was sent (end to end, as the person who acted waits).
 */
export async function latencies(group, handles, versions, accepted) {
  const queries = [];
  versions.forEach((v, i) => {
    if (accepted[i]) for (const h of handles) queries.push([h, v]);
  });
  const times = await group.receipts(queries);
  const values = [];
  const fromSent = [];
  const lastPerChange = []; // until the last participant had it
  let missing = 0;
  let q = 0;
  versions.forEach((v, i) => {
    if (!accepted[i]) return;
    let last = -Infinity;
    for (let k = 0; k < handles.length; k++) {
      const t = times[q++];
      if (t === undefined) {
        missing++;
        last = Infinity;
      } else {
        values.push(t - accepted[i].t);
        fromSent.push(t - accepted[i].sent);
        last = Math.max(last, t - accepted[i].t);
      }
    }
    lastPerChange.push(last);
  });
  return { values, fromSent, lastPerChange, missing };
}

/** Waits until every receiver has `version` or later; false if `ms` passed first. */
export async function waitForVersions(group, handles, version, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const done = (await group.lastVersions(handles)).every((v) => v >= version);
    if (done || Date.now() > until) return done;
    await sleep(50);
  }
}
