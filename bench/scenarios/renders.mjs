// Renders: does the server keep anything per render? One meeting with a few participants
// connected and a board of fixed size; the facilitator changes an item again and again, and the
// server's managed heap is read after a full collection every so often. It should stay flat.
import { setUpFacilitator, createMeeting, askToJoin, admit, openBoard, watchBoard, addItem, editItem, itemIds, categories, Receiver } from "../lib/app.mjs";
import { table, mib } from "../lib/stats.mjs";
import { rssBytes } from "../lib/server.mjs";

export const describe = "managed heap as one meeting's board (fixed size) is changed and re-rendered many times";
export const defaults = { participants: 5, items: 20, changes: 600, every: 150, maxMinutes: 10 };

export async function run({ server, options, log }) {
  const { base, pid } = server;
  const facilitator = await setUpFacilitator(server);
  const control = new Receiver(base, "/hubs/bench", "");
  await control.start();
  const { meetingId, joinCode } = await createMeeting(facilitator, "Bench renders");
  const people = [];
  for (let i = 0; i < options.participants; i++) people.push(await askToJoin(base, joinCode, `Person ${i + 1}`, "Family friend"));
  for (const p of people) await admit(facilitator, meetingId, p.participantId);
  for (let i = 0; i < options.items; i++) await addItem(facilitator, meetingId, categories[i % categories.length], `Item ${i + 1}: Jo's grandmother collects her from school`);
  const board = await openBoard(facilitator, meetingId);
  const ids = itemIds(board.html);
  const receivers = [await watchBoard(base, facilitator, meetingId, board.version)];
  for (const p of people) receivers.push(await watchBoard(base, p.browser, meetingId, (await openBoard(p.browser, meetingId)).version));

  const rows = [];
  const sample = async (changes) => {
    const m = await control.invoke("Memory");
    rows.push([changes, mib(m.managedBytes), mib(rssBytes(pid))]);
    log(`${changes} changes: managed ${mib(m.managedBytes).toFixed(1)} MiB`);
  };
  await sample(0);
  for (let n = 1; n <= options.changes; n++) {
    await editItem(facilitator, meetingId, ids[n % ids.length], `Changed ${n} times: the school will call if Jo is absent`);
    await new Promise((ok) => setTimeout(ok, 5));
    if (n % options.every === 0) await sample(n);
  }
  console.log(table(["changes", "managed MiB after full GC", "RSS MiB"], rows));
  const perChange = (rows.at(-1)[1] - rows[0][1]) * 1024 / options.changes;
  // The first samples include warming up (pools, caches); after that a server that keeps nothing stays flat.
  const steady = (rows.at(-1)[1] - rows[1][1]) * 1024 / (options.changes - options.every);
  console.log(`Managed heap growth per change: ${perChange.toFixed(1)} KiB from the start, ${steady.toFixed(1)} KiB after the first ${options.every} ` +
    `(${options.participants} participants + facilitator connected, ${options.items} items)`);
  await Promise.all([...receivers, control].map((r) => r.stop()));
  return { rows, perChangeKiB: perChange, steadyPerChangeKiB: steady };
}
