// E: a scaling round. N participants each give a score with a reason, spread over a few seconds,
// then the facilitator reveals; latency from the reveal's acceptance to its receipt by every
// participant. Repeated for several rounds (start, score, reveal, close) for more samples.
import { setUpFacilitator, now } from "../lib/app.mjs";
import { newCommandId } from "../lib/http.mjs";
import { fillMeeting } from "../lib/meeting.mjs";
import { Receivers } from "../lib/receivers.mjs";
import { latencies, send, serverCpuSeconds, sleep, waitForVersions } from "../lib/measure.mjs";
import { summary, table, kib } from "../lib/stats.mjs";

export const describe = "a scaling round: N participants score within a few seconds, then the facilitator reveals (E)";
export const defaults = { participants: 300, scoringSec: 5, rounds: 3, concurrency: 16, receiverThreads: 2, maxMinutes: 15 };

const reasons = [
  "Mum has kept every appointment since the last meeting",
  "Dad still comes to the house when he has been drinking",
  "Grandma is there every evening now and the school says Jo is calmer",
  "Nothing has been tested yet: the plan only started last week",
];

async function currentPage(facilitator, meetingId) {
  const page = await facilitator.get(`/m/${meetingId}`);
  const version = Number(/data-mb-version="(\d+)"/.exec(page.html)?.[1]);
  if (page.status !== 200 || Number.isNaN(version)) throw new Error(`Facilitator page: ${page.status}`);
  return { html: page.html, version };
}

async function post(browser, path, fields) {
  const r = await browser.post(path, { commandId: newCommandId(), ...fields }, { fetch: true });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

export async function run({ server, options, log }) {
  const { base } = server;
  const facilitator = await setUpFacilitator(server);
  const group = new Receivers(options.receiverThreads);
  const meeting = await fillMeeting({
    base, facilitator, group, title: "Bench E: scaling round", participants: options.participants, concurrency: options.concurrency, log,
  });
  const { meetingId, people } = meeting;
  const { receivers } = await meeting.connect();
  await sleep(2000); // presence renders for the facilitator settle

  const rounds = [];
  for (let r = 0; r < options.rounds; r++) {
    await post(facilitator, `/m/${meetingId}/rounds`, {
      question: "On a scale of 0 to 10, how safe is Jo at home today?",
      tenMeans: "Everyone agrees Jo is safe enough for children's services to close the case",
      zeroMeans: "Things are so dangerous that Jo cannot stay at home",
    });
    const started = await currentPage(facilitator, meetingId);
    const roundId = /\/rounds\/([0-9a-f]{32})\/reveal/.exec(started.html)?.[1];
    if (!roundId) throw new Error("No round to reveal on the facilitator's page");
    if (!(await waitForVersions(group, receivers, started.version, 30_000))) throw new Error("The round's start did not reach everyone");

    log(`Round ${r + 1}: ${people.length} scores over ${options.scoringSec} s…`);
    const windowMs = options.scoringSec * 1000;
    const cpu0 = serverCpuSeconds(server), t0 = now();
    const scores = await Promise.all(people.map(async (p, i) => {
      await sleep(t0 + (i * windowMs) / people.length - now());
      const sent = now();
      const answer = await p.browser.post(`/m/${meetingId}/rounds/${roundId}/score`, {
        commandId: newCommandId(), attempt: "1", score: String((i * 7 + r) % 11), reason: reasons[i % reasons.length], oneHigher: "",
      }, { fetch: true });
      return { sent, t: now(), status: answer.status };
    }));
    const refused = scores.filter((s) => s.status >= 300).length;
    const lastAccepted = Math.max(...scores.map((s) => s.t));
    const scored = await currentPage(facilitator, meetingId);
    const progressArrived = await waitForVersions(group, receivers, scored.version, 30_000);
    const scoringCpu = (serverCpuSeconds(server) - cpu0) / ((now() - t0) / 1000);
    const progress = await latencies(group, receivers, [scored.version], [{ t: lastAccepted, sent: lastAccepted }]);

    await sleep(1000); // the last progress renders have gone out; the reveal starts from quiet
    log(`Round ${r + 1}: reveal…`);
    const cpu1 = serverCpuSeconds(server), t1 = now();
    const sent = now();
    await post(facilitator, `/m/${meetingId}/rounds/${roundId}/reveal`, {});
    const accepted = { sent, t: now() };
    const revealVersion = scored.version + 1;
    const arrived = await waitForVersions(group, receivers, revealVersion, 30_000);
    const revealCpu = (serverCpuSeconds(server) - cpu1) / ((now() - t1) / 1000);
    const reveal = await latencies(group, receivers, [revealVersion], [accepted]);
    const sample = await group.record(receivers[0]);
    const frame = sample.sizes[sample.versions.findIndex((v) => v >= revealVersion)] ?? 0;
    const page = (await people[0].browser.get(`/m/${meetingId}`)).html;
    if (!page.includes("mb-results")) throw new Error("The reveal is not on a participant's page");
    if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(`${process.env.BENCH_DUMP}-round${r + 1}.html`, page);

    await post(facilitator, `/m/${meetingId}/rounds/${roundId}/close`, {});
    const closed = await currentPage(facilitator, meetingId);
    await waitForVersions(group, receivers, closed.version, 30_000);
    rounds.push({
      round: r + 1, refused, scoringMs: lastAccepted - t0, scoringCpu, revealCpu, arrived, progressArrived, frame,
      answered: summary(scores.map((s) => s.t - s.sent)), progress, reveal, accepted,
    });
  }

  // The floor, as B is for A: a bare SignalR broadcast of a frame the size of each reveal to the same
  // participants (a second connection each, to the benchmark hub), one per round, measured the same way.
  log("Floor: connecting the same participants to the benchmark hub…");
  const floor = await group.open(people.map((p) => ({ base, path: "/hubs/bench", cookie: p.browser.cookieHeader(), invoke: ["Listen"] })), options.concurrency);
  await send({ op: "broadcast", base, steps: [{ version: 0, chars: 0 }], intervalMs: 0 });
  if (!(await waitForVersions(group, floor, 0, 10_000))) throw new Error("Calibration broadcast did not arrive");
  const emptyFrame = (await group.record(floor[0])).sizes[0];
  const floorLatencies = [];
  for (const [k, x] of rounds.entries()) {
    const version = k + 1;
    await sleep(1000);
    const b = await send({ op: "broadcast", base, steps: [{ version, chars: Math.max(0, x.frame - emptyFrame - (String(version).length - 1)) }], intervalMs: 0 });
    await waitForVersions(group, floor, version, 30_000);
    floorLatencies.push(await latencies(group, floor, [version], b.accepted));
  }
  const floorFrames = (await group.record(floor[0])).sizes.slice(1);

  const all = (f) => rounds.flatMap(f);
  const F = summary(floorLatencies.flatMap((x) => x.values));
  const R = summary(all((x) => x.reveal.values));
  const R2 = summary(all((x) => x.reveal.fromSent));
  const P = summary(all((x) => x.progress.values));
  const missing = rounds.reduce((n, x) => n + x.reveal.missing, 0);
  console.log(`\nScenario E: 1 meeting, ${options.participants} participants, ${options.rounds} rounds, scores spread over ${options.scoringSec} s`);
  console.log(table(["reveal, from acceptance", "receipts", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
    ...rounds.map((x) => { const s = summary(x.reveal.values); return [`round ${x.round}`, s.n, x.reveal.missing, s.p50, s.p95, s.p99, s.max]; }),
    ["all rounds", R.n, missing, R.p50, R.p95, R.p99, R.max],
    ["all rounds, from sending", R2.n, missing, R2.p50, R2.p95, R2.p99, R2.max],
    ["floor: bare broadcast of the same sizes", F.n, floorLatencies.reduce((n, x) => n + x.missing, 0), F.p50, F.p95, F.p99, F.max],
    ["reveal / floor", "", "", R.p50 / F.p50, R.p95 / F.p95, R.p99 / F.p99, R.max / F.max],
  ]));
  console.log(`Floor frames the same size as the reveal frames: ${floorFrames.filter((f, k) => f === rounds[k].frame).length} of ${rounds.length}`);
  console.log(table(["per round", "scores refused", "scoring took ms", "score answered p50 ms", "score answered p99 ms", "server CPU scoring (cores)", "server CPU reveal (cores)", "reveal frame KiB"], rounds.map((x) => [
    `round ${x.round}`, x.refused, x.scoringMs, x.answered.p50, x.answered.p99, x.scoringCpu, x.revealCpu, kib(x.frame),
  ])));
  console.log(table(["progress after the last score", "receipts", "p50 ms", "p95 ms", "p99 ms", "max ms"], [["all rounds", P.n, P.p50, P.p95, P.p99, P.max]]));
  await group.stop();
  return {
    reveal: { ...R, missing }, revealFromSent: R2, progressAfterLastScore: P, floor: F,
    rounds: rounds.map((x) => ({ ...x, reveal: summary(x.reveal.values), progress: summary(x.progress.values) })),
    raw: { reveal: all((x) => x.reveal.values.map((v) => +v.toFixed(2))) },
  };
}
