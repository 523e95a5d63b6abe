// One meeting filled with participants, each let in by the facilitator and watching the board
// over their own connection, as scenarios A, D and E need it.
import { createMeeting, askToJoin, admit, openBoard } from "./app.mjs";
import { pool } from "./http.mjs";

/**
 * Starts a meeting, has `participants` people ask to join and be admitted, opens every board page
 * and connects every participant (and the facilitator) to /hubs/meeting through `group`.
 * Returns the meeting, the people, their receiver handles and the version everyone started at.
 */
export async function fillMeeting({ base, facilitator, group, title, participants, concurrency, log }) {
  const { meetingId, joinCode } = await createMeeting(facilitator, title);
  log(`Joining ${participants} participants…`);
  const people = await pool([...Array(participants).keys()], concurrency, (i) =>
    askToJoin(base, joinCode, `Person ${i + 1}`, "Family friend"));
  for (const p of people) await admit(facilitator, meetingId, p.participantId);
  return {
    meetingId,
    people,
    /** Loads every board page and connects; call after anything measured before connecting. */
    async connect() {
      log("Connecting…");
      const facilitatorBoard = await openBoard(facilitator, meetingId);
      const [facilitatorReceiver] = await group.open([{
        base, path: "/hubs/meeting", cookie: facilitator.cookieHeader(), invoke: ["Watch", meetingId, facilitatorBoard.version, "board", null],
      }]);
      const pages = await pool(people, concurrency, (p) => openBoard(p.browser, meetingId));
      const receivers = await group.open(people.map((p, i) => ({
        base, path: "/hubs/meeting", cookie: p.browser.cookieHeader(), invoke: ["Watch", meetingId, pages[i].version, "board", null],
      })), concurrency);
      const v0 = facilitatorBoard.version;
      if ((await group.lastVersions(receivers)).some((v) => v > v0)) throw new Error("The meeting changed while connecting");
      return { facilitatorReceiver, receivers, v0 };
    },
  };
}
