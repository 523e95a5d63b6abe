// Starts the real app as its own process on loopback, with a fresh data directory, and reads its
// CPU time and memory from /proc.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";

// BENCH_APP_ROOT runs another checkout of the app (e.g. a build of an earlier commit, for "before" figures).
const root = process.env.BENCH_APP_ROOT ? resolve(process.env.BENCH_APP_ROOT) : resolve(import.meta.dirname, "..", "..");
const project = join(root, "src", "MeetingBoard.Web");
const dll = join(project, "bin", "Release", "net10.0", "MeetingBoard.Web.dll");

export function build() {
  console.log("Building the app (Release)…");
  execFileSync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"], { stdio: ["ignore", "ignore", "inherit"] });
}

async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

export async function startServer({ env = {} } = {}) {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), "meetingboard-bench-"));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [dll, "--urls", base], {
    cwd: project,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      MeetingBoard__DataDirectory: data,
      MeetingBoard__Benchmarks__Enabled: "true",
      // The app ships no appsettings.json, so the framework logs every request at Information;
      // a deployment would quieten that, and console writes would otherwise be measured too.
      "Logging__LogLevel__Microsoft.AspNetCore": "Warning",
      // 300 people join one meeting from one address within minutes: above the default join limit per code.
      MeetingBoard__JoinsPerCodeAllowed: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Whatever way this process ends (its time limit, Ctrl+C, an error), the app ends with it.
  const killOnExit = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(data, { recursive: true, force: true });
  };
  process.on("exit", killOnExit);
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  let setupUrl = null;
  let stderr = "";
  const ready = new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("The app did not start within 60 s:\n" + out + stderr)), 60_000);
    child.stdout.on("data", (chunk) => {
      if (setupUrl) return; // after start, the logs are drained and dropped
      out += chunk;
      const m = /Create the first one here \(this link works once\): (\S+)/.exec(out);
      if (m) {
        setupUrl = m[1];
        clearTimeout(timer);
        ok();
      }
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => fail(new Error(`The app exited (${code}):\n${out}${stderr}`)));
  });
  await ready;
  const setupPath = new URL(setupUrl).pathname;
  return {
    base,
    pid: child.pid,
    setupPath,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.on("exit", ok));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

const clockTicks = 100; // USER_HZ on Linux

/** User + system CPU seconds of a process. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m[1]) * 1024;
}

export function threads(pid) {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
}
