// A: one meeting, N participants, the facilitator adds items; latency from the command's
// acceptance to its receipt by every participant.
// B (the floor), same run: the same participants open a connection to the benchmark hub and get a
// message of the same size per step through a bare SignalR group broadcast. Ratio A/B.
import { setUpFacilitator, Receiver, now } from "../lib/app.mjs";
import { fillMeeting } from "../lib/meeting.mjs";
import { Receivers } from "../lib/receivers.mjs";
import { summary, table, kib, mib } from "../lib/stats.mjs";
import { cpuOf, latencies, send, serverCpuSeconds, serverRssBytes, sleep, waitForVersions } from "../lib/measure.mjs";

export const describe = "one meeting, N participants, the facilitator adds items (A); the same sizes as a bare broadcast (B)";
export const defaults = { participants: 300, items: 200, intervalMs: 250, concurrency: 16, receiverThreads: 2, maxMinutes: 15 };

/**
 * A on any server (one node, or the cluster of D): fills one meeting, connects everyone, has the
 * facilitator add the items at a steady pace and measures every participant's receipt of each.
 * `memory` (one node only) measures the server's memory per connection through the benchmark hub.
 */
export async function driveA({ server, options, log, memory: measureMemory = false }) {
  const { base } = server;
  const facilitator = await setUpFacilitator(server);
  const group = new Receivers(options.receiverThreads);
  const meeting = await fillMeeting({
    base, facilitator, group, title: "Bench A: core group review", participants: options.participants, concurrency: options.concurrency, log,
  });
  const { meetingId, people } = meeting;
  const control = measureMemory ? new Receiver(base, "/hubs/bench", "") : null;
  await control?.start();
  const memory = async () => ({ ...(control ? await control.invoke("Memory") : {}), rss: serverRssBytes(server) });
  const memBefore = await memory();
  const rssBefore = memBefore.rss;
  const { facilitatorReceiver, receivers, v0 } = await meeting.connect();
  await sleep(2000); // presence renders for the facilitator settle
  const memConnected = await memory();
  const rssConnected = memConnected.rss;

  // A
  log(`A: adding ${options.items} items, one every ${options.intervalMs} ms…`);
  const versions = Array.from({ length: options.items }, (_, i) => v0 + i + 1);
  const cpu0 = serverCpuSeconds(server), t0 = now(), bench0 = process.cpuUsage();
  const a = await send({ op: "addItems", base, cookies: [...facilitator.cookies], token: facilitator.token, meetingId, count: options.items, intervalMs: options.intervalMs });
  const last = versions[versions.length - 1];
  const allArrived = await waitForVersions(group, receivers, last, 30_000);
  const aCpu = (serverCpuSeconds(server) - cpu0) / ((now() - t0) / 1000);
  const aBench = cpuOf(process.cpuUsage(bench0), now() - t0);
  const aLat = await latencies(group, receivers, versions, a.accepted);
  const sample = await group.record(receivers[0]);
  const distinctPatches = new Set(sample.versions).size;

  // The frame that carried each version to a participant (all participants get the same frame).
  const frameOf = versions.map((v) => {
    const k = sample.versions.findIndex((x) => x >= v);
    return k < 0 ? 0 : sample.sizes[k];
  });
  const facilitatorRecord = await group.record(facilitatorReceiver);
  return {
    group, control, memory, people, meetingId, receivers, versions, last, a, aLat, aCpu, aBench, frameOf, distinctPatches, allArrived,
    memBefore, memConnected, facilitatorRecord,
  };
}

/** The A table, shared with D. */
export function printA(label, A, missing, cpu, bench) {
  console.log(table(["", "receipts", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU (cores)", "bench CPU (cores)"], [
    [label, A.n, missing, A.p50, A.p95, A.p99, A.max, cpu, bench],
  ]));
}

export async function run({ server, options, log }) {
  const { base } = server;
  const {
    group, control, memory, people, receivers, versions, last, a, aLat, aCpu, aBench, frameOf, distinctPatches, allArrived,
    memBefore, memConnected, facilitatorRecord,
  } = await driveA({ server, options, log, memory: true });
  const rssBefore = memBefore.rss, rssConnected = memConnected.rss;

  // B: the same participants, a connection each to the benchmark hub.
  log("B: connecting the same participants to the benchmark hub…");
  const memBeforeFloor = await memory();
  const floor = await group.open(people.map((p) => ({ base, path: "/hubs/bench", cookie: p.browser.cookieHeader(), invoke: ["Listen"] })), options.concurrency);
  await sleep(2000);
  const memFloor = await memory();
  // Calibrate: the size of a frame with empty markup, so B's frames match A's to the character.
  const calibrate = await send({ op: "broadcast", base, steps: [{ version: 0, chars: 0 }], intervalMs: 0 });
  if (!(await waitForVersions(group, floor, 0, 10_000))) throw new Error("Calibration broadcast did not arrive");
  const emptyFrame = (await group.record(floor[0])).sizes[0];
  const steps = versions.map((v, i) => ({ version: v, chars: Math.max(0, frameOf[i] - emptyFrame - (String(v).length - 1)) }));
  log(`B: broadcasting ${steps.length} messages of the same sizes…`);
  const cpu0 = serverCpuSeconds(server), t0 = now(), bench0 = process.cpuUsage();
  const b = await send({ op: "broadcast", base, steps, intervalMs: options.intervalMs });
  await waitForVersions(group, floor, last, 30_000);
  const bCpu = (serverCpuSeconds(server) - cpu0) / ((now() - t0) / 1000);
  const bBench = cpuOf(process.cpuUsage(bench0), now() - t0);
  const bLat = await latencies(group, floor, versions, b.accepted);
  const bFrames = (await group.record(floor[0])).sizes.slice(1);
  const sizeMismatch = bFrames.filter((s, i) => s !== frameOf[i]).length;

  const A = summary(aLat.values), B = summary(bLat.values);
  const A2 = summary(aLat.fromSent), B2 = summary(bLat.fromSent);
  const A3 = summary(aLat.lastPerChange), B3 = summary(bLat.lastPerChange);
  const A4 = summary(aLat.fromServer), B4 = summary(bLat.fromServer);
  const commandA = summary(a.accepted.filter(Boolean).map((x) => x.t - x.sent));
  const commandB = summary(b.accepted.filter(Boolean).map((x) => x.t - x.sent));
  const frames = summary(frameOf);
  const facilitatorFrames = summary(facilitatorRecord.sizes);
  const closed = await group.closed();
  console.log(`\nScenario A/B: 1 meeting, ${options.participants} participants, ${options.items} changes one every ${options.intervalMs} ms`);
  console.log(table(["", "receipts", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU (cores)", "bench CPU (cores)"], [
    ["A live patch", A.n, aLat.missing, A.p50, A.p95, A.p99, A.max, aCpu, aBench],
    ["B bare broadcast", B.n, bLat.missing, B.p50, B.p95, B.p99, B.max, bCpu, bBench],
    ["A / B", "", "", A.p50 / B.p50, A.p95 / B.p95, A.p99 / B.p99, A.max / B.max, "", ""],
  ]));
  console.log("The same receipts measured from the moment the server answered (its own stamp; see lib/measure.mjs):");
  console.log(table(["", "receipts", "p50 ms", "p95 ms", "p99 ms", "max ms", "stamps outside sent…answered"], [
    ["A live patch", A4.n, A4.p50, A4.p95, A4.p99, A4.max, aLat.clockFaults],
    ["B bare broadcast", B4.n, B4.p50, B4.p95, B4.p99, B4.max, bLat.clockFaults],
    ["A / B", "", A4.p50 / B4.p50, A4.p95 / B4.p95, A4.p99 / B4.p99, A4.max / B4.max, ""],
  ]));
  console.log("Per change, until the last participant had it (from acceptance):");
  console.log(table(["", "changes", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
    ["A live patch", A3.n, A3.p50, A3.p95, A3.p99, A3.max],
    ["B bare broadcast", B3.n, B3.p50, B3.p95, B3.p99, B3.max],
    ["A / B", "", A3.p50 / B3.p50, A3.p95 / B3.p95, A3.p99 / B3.p99, A3.max / B3.max],
  ]));
  console.log("The same receipts measured from the moment the command was sent (end to end):");
  console.log(table(["", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
    ["A live patch", A2.p50, A2.p95, A2.p99, A2.max],
    ["B bare broadcast", B2.p50, B2.p95, B2.p99, B2.max],
    ["A / B", A2.p50 / B2.p50, A2.p95 / B2.p95, A2.p99 / B2.p99, A2.max / B2.max],
  ]));
  console.log(table(["", "p50", "p99", "max"], [
    ["command answered (A) ms", commandA.p50, commandA.p99, commandA.max],
    ["broadcast answered (B) ms", commandB.p50, commandB.p99, commandB.max],
    ["participant frame KiB", kib(frames.p50), kib(frames.p99), kib(frames.max)],
    ["facilitator frame KiB", kib(facilitatorFrames.p50), kib(facilitatorFrames.p99), kib(facilitatorFrames.max)],
  ]));
  console.log(`Distinct patches a participant received: ${distinctPatches} for ${options.items} changes; all arrived: ${allArrived}; ` +
    `B frames differing in size from A's: ${sizeMismatch}; failures A ${a.failures.length}, B ${b.failures.length}; ` +
    `facilitator patches ${facilitatorRecord.versions.length}; closed connections ${closed}; receiver threads ${options.receiverThreads}`);
  console.log(`Server RSS: ${mib(rssBefore).toFixed(0)} MiB before connecting, ${mib(rssConnected).toFixed(0)} MiB connected, ${mib(serverRssBytes(server)).toFixed(0)} MiB at the end`);

  const perConnection = (a, b, n) => ({
    managedKiB: kib(b.managedBytes - a.managedBytes) / n, pinnedKiB: kib(b.pinnedObjectBytes - a.pinnedObjectBytes) / n,
    largeKiB: kib(b.largeObjectBytes - a.largeObjectBytes) / n, rssKiB: kib(b.rss - a.rss) / n,
  });
  const memoryPerConnection = {
    meeting: perConnection(memBefore, memConnected, receivers.length + 1),
    bare: perConnection(memBeforeFloor, memFloor, floor.length),
  };
  console.log("Server memory per connection (after a full collection, before the changes):");
  console.log(table(["", "managed KiB", "of it pinned (buffer pools) KiB", "of it large objects KiB", "RSS KiB"], [
    ["board connection (page + Watch)", ...Object.values(memoryPerConnection.meeting)],
    ["bare benchmark-hub connection", ...Object.values(memoryPerConnection.bare)],
  ]));
  await group.stop();
  await control.stop();
  return {
    A: { ...A, missing: aLat.missing, cpuCores: aCpu, benchCpuCores: aBench, command: commandA, distinctPatches },
    B: { ...B, missing: bLat.missing, cpuCores: bCpu, benchCpuCores: bBench, command: commandB, sizeMismatch },
    ratio: { p50: A.p50 / B.p50, p95: A.p95 / B.p95, p99: A.p99 / B.p99, max: A.max / B.max },
    lastPerChange: { A: A3, B: B3, ratio: { p50: A3.p50 / B3.p50, p95: A3.p95 / B3.p95, p99: A3.p99 / B3.p99, max: A3.max / B3.max } },
    fromSent: { A: A2, B: B2, ratio: { p50: A2.p50 / B2.p50, p95: A2.p95 / B2.p95, p99: A2.p99 / B2.p99, max: A2.max / B2.max } },
    fromServer: {
      A: A4, B: B4, clockFaults: { A: aLat.clockFaults, B: bLat.clockFaults },
      ratio: { p50: A4.p50 / B4.p50, p95: A4.p95 / B4.p95, p99: A4.p99 / B4.p99, max: A4.max / B4.max },
    },
    frameChars: frameOf,
    facilitatorFrameChars: facilitatorFrames,
    rss: { beforeConnecting: rssBefore, connected: rssConnected },
    memory: { memBefore, memConnected, memBeforeFloor, memFloor, perConnection: memoryPerConnection },
    raw: {
      aLatencies: aLat.values.map((x) => +x.toFixed(2)), bLatencies: bLat.values.map((x) => +x.toFixed(2)),
      aFromSent: aLat.fromSent.map((x) => +x.toFixed(2)), bFromSent: bLat.fromSent.map((x) => +x.toFixed(2)),
      aFromServer: aLat.fromServer.map((x) => +x.toFixed(2)), bFromServer: bLat.fromServer.map((x) => +x.toFixed(2)),
    },
  };
}
