// Receivers spread over worker threads. A handle is [thread, index]; results come back in the
// order asked.
import { Worker } from "node:worker_threads";

export class Receivers {
  constructor(threads) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(new URL("./receiver-worker.mjs", import.meta.url)));
    this.pending = new Map();
    this.seq = 0;
    this.next = 0;
    for (const w of this.workers) {
      w.on("message", ({ seq, result, error }) => {
        const p = this.pending.get(seq);
        this.pending.delete(seq);
        if (error) p.fail(new Error(error));
        else p.ok(result);
      });
      w.on("error", (e) => console.error("Receiver thread failed:", e));
    }
  }

  #call(w, op, args = {}) {
    const seq = ++this.seq;
    return new Promise((ok, fail) => {
      this.pending.set(seq, { ok, fail });
      this.workers[w].postMessage({ seq, op, args });
    });
  }

  /** Opens connections: specs are { base, path, cookie, invoke: [method, ...args] }. Spread round-robin. */
  async open(specs, concurrency = 8) {
    const shares = this.workers.map(() => []);
    const placed = specs.map(() => null);
    specs.forEach((s, i) => {
      const w = this.next++ % this.workers.length;
      shares[w].push(i);
    });
    await Promise.all(shares.map(async (idx, w) => {
      if (idx.length === 0) return;
      const locals = await this.#call(w, "open", { specs: idx.map((i) => specs[i]), concurrency });
      idx.forEach((i, k) => (placed[i] = [w, locals[k]]));
    }));
    return placed;
  }

  #byWorker(items, handleOf) {
    const groups = this.workers.map(() => ({ at: [], items: [] }));
    items.forEach((item, k) => {
      const [w] = handleOf(item);
      groups[w].at.push(k);
      groups[w].items.push(item);
    });
    return groups;
  }

  async lastVersions(handles) {
    const out = new Array(handles.length);
    const groups = this.#byWorker(handles, (h) => h);
    await Promise.all(groups.map(async (g, w) => {
      if (!g.items.length) return;
      const r = await this.#call(w, "lastVersions", { ids: g.items.map((h) => h[1]) });
      g.at.forEach((k, j) => (out[k] = r[j]));
    }));
    return out;
  }

  /** queries: [handle, version][] → receipt time or undefined for each. */
  async receipts(queries) {
    const out = new Array(queries.length);
    const groups = this.#byWorker(queries, (q) => q[0]);
    await Promise.all(groups.map(async (g, w) => {
      if (!g.items.length) return;
      const r = await this.#call(w, "receipts", { queries: g.items.map(([h, v]) => [h[1], v]) });
      g.at.forEach((k, j) => (out[k] = r[j] ?? undefined));
    }));
    return out;
  }

  record(handle) {
    return this.#call(handle[0], "record", { id: handle[1] });
  }

  async closed() {
    return (await Promise.all(this.workers.map((_, w) => this.#call(w, "closed")))).reduce((a, b) => a + b, 0);
  }

  forget() {
    return Promise.all(this.workers.map((_, w) => this.#call(w, "forget")));
  }

  async stop() {
    await Promise.all(this.workers.map((_, w) => this.#call(w, "stop")));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
