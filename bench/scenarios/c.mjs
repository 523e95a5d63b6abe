// C: capacity. Meetings of N participants on one node, each changing every few seconds (the
// facilitator edits one of the board's items). Meetings are added in steps until p99 from a
// change's acceptance to its receipt by every participant of its meeting passes the limit, or a
// cap is reached. Per step: participants held, changes per second, latency, CPU, memory.
import { Worker } from "node:worker_threads";
import { execSync } from "node:child_process";
import { setUpFacilitator, createMeeting, askToJoin, admit, openBoard, addItem, itemIds, categories, Receiver, now } from "../lib/app.mjs";
import { pool } from "../lib/http.mjs";
import { Receivers } from "../lib/receivers.mjs";
import { summary, table, mib, kib } from "../lib/stats.mjs";
import { cpuSeconds, rssBytes, threads } from "../lib/server.mjs";

export const describe = "capacity: meetings of N participants each changing every few seconds, added in steps until p99 passes the limit";
export const defaults = {
  perMeeting: 20, periodMs: 3000, stepMeetings: 25, firstStepMeetings: 25, seedItems: 8, measureSec: 15,
  p99LimitMs: 250, maxParticipants: 12000, concurrency: 16, receiverThreads: 2, budgetMinutes: 12, maxMinutes: 25,
};

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

export async function run({ server, options, log }) {
  const { base, pid } = server;
  const started = now();
  // Each connection takes a descriptor in this process and one in the server (which inherits this limit).
  const openFiles = Number(execSync("sh -c 'ulimit -n'").toString().trim());
  const fits = Math.floor((openFiles - 1000) / (1 + 1 / options.perMeeting));
  if (fits < options.maxParticipants) {
    log(`ulimit -n is ${openFiles}: capping at ${fits} participants (raise it with ulimit -n before running for more).`);
    options.maxParticipants = fits;
  }
  const facilitator = await setUpFacilitator(server);
  const control = new Receiver(base, "/hubs/bench", "");
  await control.start();
  const memory = async () => ({ ...(await control.invoke("Memory")), rss: rssBytes(pid) });

  const accepted = [];
  let failures = 0;
  const worker = new Worker(new URL("../lib/sender.mjs", import.meta.url));
  worker.on("message", (m) => {
    if (m.op === "accepted") accepted.push(m);
    else if (m.op === "failed") failures++;
  });

  const group = new Receivers(options.receiverThreads);
  const meetings = new Map(); // meetingId → participants' receiver handles
  let connections = 0;
  const steps = [];
  const baseline = await memory();
  log(`Baseline: RSS ${mib(baseline.rss).toFixed(0)} MiB, managed ${mib(baseline.managedBytes).toFixed(1)} MiB (server GC: ${baseline.serverGc})`);

  for (let step = 1; ; step++) {
    const count = step === 1 ? options.firstStepMeetings : options.stepMeetings;
    log(`Step ${step}: starting ${count} meetings of ${options.perMeeting}…`);

    // Meetings, people and a seeded board, all through the forms.
    const created = [];
    for (let i = 0; i < count; i++) created.push(await createMeeting(facilitator, `Bench C ${meetings.size + i + 1}`));
    const joins = created.flatMap((m) => Array.from({ length: options.perMeeting }, (_, k) => ({ m, k })));
    const people = await pool(joins, options.concurrency, ({ m, k }) => askToJoin(base, m.joinCode, `Person ${k + 1}`, "Family friend"));
    await pool(created, options.concurrency, async (m, i) => {
      const mine = people.slice(i * options.perMeeting, (i + 1) * options.perMeeting);
      for (const p of mine) await admit(facilitator, m.meetingId, p.participantId);
      // Half the seed items from participants (their items carry controls in the shared render), half from the facilitator.
      for (let s = 0; s < options.seedItems; s++) {
        const by = s % 2 === 0 ? facilitator : mine[(s >> 1) % mine.length].browser;
        await addItem(by, m.meetingId, categories[s % categories.length], `Seed ${s + 1}: Jo's grandmother collects her from school on Tuesdays`);
      }
    });

    const before = await memory();
    const connectStarted = now();
    const fresh = await pool(created, Math.max(1, options.concurrency >> 2), async (m, i) => {
      const board = await openBoard(facilitator, m.meetingId);
      const mine = people.slice(i * options.perMeeting, (i + 1) * options.perMeeting);
      const pages = await pool(mine, 4, (p) => openBoard(p.browser, m.meetingId));
      const watch = (cookie, version) => ({ base, path: "/hubs/meeting", cookie, invoke: ["Watch", m.meetingId, version, "board", null] });
      const [, ...receivers] = await group.open([watch(facilitator.cookieHeader(), board.version), ...mine.map((p, k) => watch(p.browser.cookieHeader(), pages[k].version))], 4);
      meetings.set(m.meetingId, receivers);
      connections += receivers.length + 1;
      return { meetingId: m.meetingId, itemIds: itemIds(board.html), version: board.version };
    });
    const connectSeconds = (now() - connectStarted) / 1000;
    await sleep(2000);
    const after = await memory();
    const newConnections = count * (options.perMeeting + 1);
    worker.postMessage({ op: "edit", base, cookies: [...facilitator.cookies], token: facilitator.token, meetings: fresh, periodMs: options.periodMs });

    // Measure: every change accepted in the window, to every participant of its meeting.
    await sleep(Math.min(3000, options.periodMs)); // the new meetings' first changes begin
    const from = now();
    const cpuFrom = cpuSeconds(pid), benchFrom = process.cpuUsage();
    await sleep(options.measureSec * 1000);
    const to = now();
    const cpu = (cpuSeconds(pid) - cpuFrom) / ((to - from) / 1000);
    const bench = process.cpuUsage(benchFrom);
    const benchCpu = (bench.user + bench.system) / 1000 / (to - from);
    await sleep(2000); // grace for the last receipts
    const windowChanges = accepted.filter((a) => a.t >= from && a.t < to);
    const queries = windowChanges.flatMap((a) => meetings.get(a.meetingId).map((h) => [h, a.version]));
    const times = await group.receipts(queries);
    const values = [];
    let missing = 0;
    let q = 0;
    for (const a of windowChanges) {
      for (let k = 0; k < options.perMeeting; k++) {
        const t = times[q++];
        if (t === undefined) missing++;
        else values.push(t - a.t);
      }
    }
    for (let k = 0; k < missing; k++) values.push(Infinity);
    const s = summary(values);
    const participants = meetings.size * options.perMeeting;
    const closed = await group.closed();
    const memoryAfter = after;
    const row = {
      step, meetings: meetings.size, participants, connections,
      changesPerSec: windowChanges.length / ((to - from) / 1000),
      expectedPerSec: meetings.size / (options.periodMs / 1000),
      receipts: s.n - missing, missing, p50: s.p50, p95: s.p95, p99: s.p99, max: s.max,
      serverCpuCores: cpu, benchCpuCores: benchCpu, serverThreads: threads(pid),
      rssMiB: mib(after.rss), managedMiB: mib(after.managedBytes),
      stepManagedKiBPerConnection: kib(after.managedBytes - before.managedBytes) / newConnections,
      stepPinnedKiBPerConnection: kib(after.pinnedObjectBytes - before.pinnedObjectBytes) / newConnections,
      stepLargeKiBPerConnection: kib(after.largeObjectBytes - before.largeObjectBytes) / newConnections,
      stepRssKiBPerConnection: kib(after.rss - before.rss) / newConnections,
      totalManagedKiBPerConnection: kib(after.managedBytes - baseline.managedBytes) / connections,
      connectSeconds, closed, failures, memoryBefore: before, memoryAfter,
    };
    steps.push(row);
    log(`Step ${step}: ${participants} participants, ${row.changesPerSec.toFixed(1)}/${row.expectedPerSec.toFixed(1)} changes/s, ` +
      `p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} max ${s.max.toFixed(0)} ms, CPU ${cpu.toFixed(2)}, bench CPU ${benchCpu.toFixed(2)}, ` +
      `RSS ${row.rssMiB.toFixed(0)} MiB, +${row.stepManagedKiBPerConnection.toFixed(1)} KiB managed (LOH ${row.stepLargeKiBPerConnection.toFixed(1)}, pinned ${row.stepPinnedKiBPerConnection.toFixed(1)}) / +${row.stepRssKiBPerConnection.toFixed(1)} KiB RSS per new connection, threads ${row.serverThreads}, closed ${closed}`);
    await group.forget();
    accepted.length = 0;

    if (!(s.p99 <= options.p99LimitMs)) { log(`p99 ${s.p99.toFixed(0)} ms passed ${options.p99LimitMs} ms: stopping.`); break; }
    if (participants + options.stepMeetings * options.perMeeting > options.maxParticipants) { log(`Next step would pass the cap of ${options.maxParticipants} participants: stopping.`); break; }
    if (closed > 0) { log("Connections closed: stopping."); break; }
    if (now() - started > options.budgetMinutes * 60_000) { log(`Past the budget of ${options.budgetMinutes} minutes: stopping.`); break; }
  }

  worker.postMessage({ op: "stop" });
  console.log(`\nScenario C: meetings of ${options.perMeeting} participants (+1 facilitator connection each), each changed every ${options.periodMs} ms`);
  console.log(table(
    ["meetings", "participants", "changes/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "missing", "server CPU", "bench CPU", "RSS MiB", "managed MiB", "KiB/conn (managed, step)", "KiB/conn (RSS, step)"],
    steps.map((r) => [r.meetings, r.participants, r.changesPerSec, r.p50, r.p95, r.p99, r.max, r.missing, r.serverCpuCores, r.benchCpuCores, r.rssMiB, r.managedMiB, r.stepManagedKiBPerConnection, r.stepRssKiBPerConnection])));
  const held = steps.filter((r) => r.p99 <= options.p99LimitMs).at(-1);
  console.log(`Held with p99 ≤ ${options.p99LimitMs} ms: ${held ? held.participants : 0} participants.`);
  // Per step, RSS swings with what the collector keeps committed after each step's join storm; over
  // the whole run (the idle process against the last step) those swings cancel.
  const last = steps.at(-1);
  const wholeRun = last && {
    connections: last.connections,
    rssKiB: kib(last.memoryAfter.rss - baseline.rss) / last.connections,
    managedKiB: kib(last.memoryAfter.managedBytes - baseline.managedBytes) / last.connections,
    committedKiB: kib(last.memoryAfter.committedBytes - baseline.committedBytes) / last.connections,
  };
  if (wholeRun) {
    console.log(`Memory per connection over the whole run (idle process → ${wholeRun.connections} connections): ` +
      `RSS ${wholeRun.rssKiB.toFixed(1)} KiB, managed heap ${wholeRun.managedKiB.toFixed(1)} KiB, committed by the collector ${wholeRun.committedKiB.toFixed(1)} KiB`);
  }
  await group.stop();
  await control.stop();
  return { steps, baseline, wholeRun, held: held?.participants ?? 0 };
}
