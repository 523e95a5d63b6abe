// D: scenario A through the three-node cluster of the scale-out work (deploy/local/cluster.sh):
// PostgreSQL as the store, Redis as the bus, three app nodes behind nginx. Every participant and
// the facilitator go through nginx, which spreads connections over the nodes (least_conn), so a
// change made on one node reaches most participants through Redis and the other two nodes.
// Compare its p99 with A's on one node: the target is D p99 ≤ A p99 + 20 ms.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";
import { driveA, printA } from "./a.mjs";
import { summary, table, kib } from "../lib/stats.mjs";

export const describe = "A through the three-node cluster: PostgreSQL, Redis, three nodes, nginx (D)";
export const defaults = { participants: 300, items: 200, intervalMs: 250, concurrency: 16, receiverThreads: 2, maxMinutes: 20 };

const script = resolve(import.meta.dirname, "..", "..", "deploy", "local", "cluster.sh");

async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => ok(s));
    s.on("error", fail);
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/** Starts the cluster with cluster.sh in a fresh folder on free ports; the nodes get the bench's settings. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "meetingboard-bench-cluster-"));
  const [port, pgPort, redisPort] = await freePorts(3);
  // The nodes' ports must be consecutive: take a run of four free-looking ports above the balancer's.
  const nodePort = 20000 + Math.floor(Math.random() * 20000);
  const env = {
    ...process.env,
    MB_CLUSTER_DIR: dir, MB_PORT: String(port), MB_NODE_PORT: String(nodePort), MB_PG_PORT: String(pgPort), MB_REDIS_PORT: String(redisPort),
    // Inherited by the nodes, as in bench/lib/server.mjs: quiet framework logs, a join limit for 300 people,
    // and the benchmark switch, for each node's stamp of when it answered (Live/BenchClock).
    "Logging__LogLevel__Microsoft.AspNetCore": "Warning",
    MeetingBoard__JoinsPerCodeAllowed: "100000",
    MeetingBoard__Benchmarks__Enabled: "true",
  };
  const cluster = (command) => execFileSync("bash", [script, command], { env, stdio: ["ignore", "pipe", "inherit"] }).toString();
  const stop = () => {
    try { cluster("clean"); } catch { /* already stopped */ }
  };
  process.on("exit", stop);
  console.log(cluster("start").trim());
  const pids = [1, 2, 3].map((n) => Number(readFileSync(join(dir, `node${n}.pid`), "utf8")));
  // The setup link is per node (kept in its memory): use node 1's, on node 1, and sign in there.
  // Sessions and antiforgery keys live in PostgreSQL, so the cookie then works through nginx on every node.
  const log1 = readFileSync(join(dir, "node1.log"), "utf8");
  const setupPath = /Create the first one here \(this link works once\): \S+?(\/setup\/\S+)/.exec(log1)?.[1];
  if (!setupPath) throw new Error("Node 1 printed no setup link:\n" + log1);
  return {
    base: `http://127.0.0.1:${port}`,
    setupBase: `http://127.0.0.1:${nodePort}`,
    setupPath,
    pid: pids[0],
    pids,
    async stop() {
      stop();
    },
  };
}

export async function run({ server, options, log }) {
  const { a, aLat, aCpu, aBench, frameOf, facilitatorRecord, group, allArrived } = await driveA({ server, options, log });
  const A = summary(aLat.values), A2 = summary(aLat.fromSent), A3 = summary(aLat.lastPerChange), A4 = summary(aLat.fromServer);
  const frames = summary(frameOf);
  console.log(`\nScenario D: A through three nodes (PostgreSQL, Redis, nginx): 1 meeting, ${options.participants} participants, ${options.items} changes one every ${options.intervalMs} ms`);
  printA("D live patch, from acceptance", A, aLat.missing, aCpu, aBench);
  console.log(table(["", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
    ["from sending (end to end)", A2.p50, A2.p95, A2.p99, A2.max],
    [`from the node's answer (its own stamp; ${aLat.clockFaults} outside sent…answered)`, A4.p50, A4.p95, A4.p99, A4.max],
    ["per change, until the last participant had it", A3.p50, A3.p95, A3.p99, A3.max],
  ]));
  const commandA = summary(a.accepted.filter(Boolean).map((x) => x.t - x.sent));
  console.log(`Command answered p50 ${commandA.p50.toFixed(1)} ms, p99 ${commandA.p99.toFixed(1)} ms; participant frame p50 ${kib(frames.p50).toFixed(1)} KiB; ` +
    `all arrived: ${allArrived}; failures ${a.failures.length}; facilitator patches ${facilitatorRecord.versions.length}; server CPU is the three nodes' total`);
  await group.stop();
  return {
    D: { ...A, missing: aLat.missing, cpuCores: aCpu, benchCpuCores: aBench, command: commandA },
    fromSent: A2, fromServer: { ...A4, clockFaults: aLat.clockFaults }, lastPerChange: A3, frameChars: frameOf,
    raw: { latencies: aLat.values.map((x) => +x.toFixed(2)) },
  };
}
