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
 * of it or later; also from the moment the command was sent (end to end, as the person who acted waits),
 * and from the moment the server answered (`server`: the app's own stamp on the machine's monotonic
 * clock, which `process.hrtime` reads too — Live/BenchClock). An answer races the fan-out it starts,
 * so "the client has the answer" is a later moment for a bare broadcast, which starts sending at once,
 * than for a live change, whose render comes first; the server's stamp is the same moment in both.
 * `clockFaults` counts server stamps outside [sent, answered], which would mean the clocks differ.
 */
export async function latencies(group, handles, versions, accepted) {
  const queries = [];
  versions.forEach((v, i) => {
    if (accepted[i]) for (const h of handles) queries.push([h, v]);
  });
  const times = await group.receipts(queries);
  const values = [];
  const fromSent = [];
  const fromServer = [];
  const lastPerChange = []; // until the last participant had it
  let missing = 0, clockFaults = 0;
  let q = 0;
  versions.forEach((v, i) => {
    if (!accepted[i]) return;
    const server = accepted[i].server;
    if (server !== undefined && (server < accepted[i].sent || server > accepted[i].t)) clockFaults++;
    let last = -Infinity;
    for (let k = 0; k < handles.length; k++) {
      const t = times[q++];
      if (t === undefined) {
        missing++;
        last = Infinity;
      } else {
        values.push(t - accepted[i].t);
        fromSent.push(t - accepted[i].sent);
        if (server !== undefined) fromServer.push(t - server);
        last = Math.max(last, t - accepted[i].t);
      }
    }
    lastPerChange.push(last);
  });
  return { values, fromSent, fromServer, lastPerChange, missing, clockFaults };
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
