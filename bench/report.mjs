// node report.mjs results/a-….json results/c-….json …  → the Markdown tables for docs/benchmarks.md
import { readFileSync } from "node:fs";
import { table, summary, kib } from "./lib/stats.mjs";

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : String(x));
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const m = r.machine;
  console.log(`\n### ${r.scenario.toUpperCase()} — ${m.at} — app ${m.commit} (${m.app})\n`);
  console.log("Options: `" + Object.entries(r.options).map(([k, v]) => `--${k}=${v}`).join(" ") + "`\n");
  if (r.scenario === "a") {
    console.log(table(["from acceptance", "receipts", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU (cores)", "bench CPU (cores)"], [
      ["A live patch", r.A.n, r.A.missing, f1(r.A.p50), f1(r.A.p95), f1(r.A.p99), f1(r.A.max), f2(r.A.cpuCores), f2(r.A.benchCpuCores)],
      ["B bare broadcast", r.B.n, r.B.missing, f1(r.B.p50), f1(r.B.p95), f1(r.B.p99), f1(r.B.max), f2(r.B.cpuCores), f2(r.B.benchCpuCores)],
      ["A / B", "", "", f2(r.ratio.p50), f2(r.ratio.p95), f2(r.ratio.p99), f2(r.ratio.max), "", ""],
    ]));
    console.log();
    if (r.lastPerChange) {
      const l = r.lastPerChange;
      console.log(table(["per change, until the last participant had it", "changes", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
        ["A live patch", l.A.n, f1(l.A.p50), f1(l.A.p95), f1(l.A.p99), f1(l.A.max)],
        ["B bare broadcast", l.B.n, f1(l.B.p50), f1(l.B.p95), f1(l.B.p99), f1(l.B.max)],
        ["A / B", "", f2(l.ratio.p50), f2(l.ratio.p95), f2(l.ratio.p99), f2(l.ratio.max)],
      ]));
      console.log();
    }
    const s = r.fromSent;
    console.log(table(["from sending (end to end)", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
      ["A live patch", f1(s.A.p50), f1(s.A.p95), f1(s.A.p99), f1(s.A.max)],
      ["B bare broadcast", f1(s.B.p50), f1(s.B.p95), f1(s.B.p99), f1(s.B.max)],
      ["A / B", f2(s.ratio.p50), f2(s.ratio.p95), f2(s.ratio.p99), f2(s.ratio.max)],
    ]));
    console.log();
    const frames = summary(r.frameChars);
    console.log(table(["", "p50", "p99", "max"], [
      ["command answered (A), ms", f1(r.A.command.p50), f1(r.A.command.p99), f1(r.A.command.max)],
      ["broadcast answered (B), ms", f1(r.B.command.p50), f1(r.B.command.p99), f1(r.B.command.max)],
      ["participant frame, KiB", f1(kib(frames.p50)), f1(kib(frames.p99)), f1(kib(frames.max))],
      ["facilitator frame, KiB", f1(kib(r.facilitatorFrameChars.p50)), f1(kib(r.facilitatorFrameChars.p99)), f1(kib(r.facilitatorFrameChars.max))],
    ]));
    console.log(`\nDistinct patches per participant: ${r.A.distinctPatches} for ${r.options.items} changes; B frames differing in size from A's: ${r.B.sizeMismatch}.`);
    if (r.memory) {
      const pc = r.memory.perConnection;
      console.log();
      console.log(table(["memory per connection", "managed KiB", "of it pinned KiB", "of it large objects KiB", "RSS KiB"], [
        ["board connection (page + Watch)", f1(pc.meeting.managedKiB), f1(pc.meeting.pinnedKiB), f1(pc.meeting.largeKiB), f1(pc.meeting.rssKiB)],
        ["bare benchmark-hub connection", f1(pc.bare.managedKiB), f1(pc.bare.pinnedKiB), f1(pc.bare.largeKiB), f1(pc.bare.rssKiB)],
      ]));
    }
  } else if (r.scenario === "c") {
    console.log(table(
      ["meetings", "participants", "connections", "changes/s (due)", "p50 ms", "p95 ms", "p99 ms", "max ms", "missing", "server CPU", "bench CPU", "server threads", "RSS MiB", "managed MiB", "step KiB/conn managed (LOH)", "step KiB/conn RSS"],
      r.steps.map((s) => [s.meetings, s.participants, s.connections, `${f1(s.changesPerSec)} (${f1(s.expectedPerSec)})`, f1(s.p50), f1(s.p95), f1(s.p99), f1(s.max), s.missing,
        f2(s.serverCpuCores), f2(s.benchCpuCores), s.serverThreads, f1(s.rssMiB), f1(s.managedMiB),
        `${f1(s.stepManagedKiBPerConnection)} (${f1(s.stepLargeKiBPerConnection)})`, f1(s.stepRssKiBPerConnection)])));
    const last = r.steps.at(-1);
    console.log(`\nHeld with p99 ≤ ${r.options.p99LimitMs} ms: ${r.held} participants. Whole-run managed heap per connection at the last step: ${f1(last.totalManagedKiBPerConnection)} KiB; RSS ${f1(last.rssMiB)} MiB for ${last.connections} connections.`);
  } else if (r.scenario === "renders") {
    console.log(table(["changes", "managed MiB after full GC", "RSS MiB"], r.rows.map((x) => [x[0], f1(x[1]), f1(x[2])])));
    console.log(`\nManaged heap growth per change: ${f1(r.perChangeKiB)} KiB from the start` +
      (r.steadyPerChangeKiB === undefined ? "." : `, ${f1(r.steadyPerChangeKiB)} KiB after the first ${r.options.every}.`));
  } else {
    console.log("```\n" + JSON.stringify(r, null, 1).slice(0, 4000) + "\n```");
  }
}
