// mb-load: scenarios that drive the real app through real Blazor circuits. See bench/README.md.
//
//   dotnet run --project bench/load -c Release -- a [--participants=300] [--items=50]
//   dotnet run --project bench/load -c Release -- m [--participants=300] [--items=20] [--more=70]
//   dotnet run --project bench/load -c Release -- s [--rounds=5] [--meetings=4] [--participants=10] [--items=5] [--idleSeconds=10]
//   … -- c [--size=20] [--step=5] [--stepSeconds=30] [--maxCircuits=2000]   … -- d (A through three nodes)
//   … -- e [--participants=300] [--spreadSeconds=5]   … -- r [--participants=1000] [--size=20]
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is not [var scenario, ..] || scenario is not ("a" or "m" or "s" or "c" or "d" or "e" or "r"))
{
    Console.Error.WriteLine("usage: mb-load a|m|s|c|d|e|r [--participants=N] [--items=K] [--more=K2] [--board=demo] [--rounds=R] [--meetings=N] [--idleSeconds=S] " +
                            "[--size=20] [--step=5] [--stepSeconds=30] [--maxCircuits=N] [--spreadSeconds=5] [--gc=server|workstation] [--floor=0] [--parallel=P] [--maxMinutes=M] [--no-build]");
    return 2;
}
var options = args.Skip(1).Where(a => a.StartsWith("--")).Select(a => a[2..].Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
int Opt(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var participants = Opt("participants", scenario == "r" ? 1000 : 300);
AppProcess.Gc = options.GetValueOrDefault("gc", "");
var items = Opt("items", scenario is "a" or "d" ? 50 : 20);
var parallel = Opt("parallel", 4);
var maxMinutes = Opt("maxMinutes", 20);

var root = AppProcess.RepoRoot();
var results = Path.Combine(root, "bench", "results");
Directory.CreateDirectory(results);
if (!options.ContainsKey("no-build")) AppProcess.Build(root);
// S: meetings are let go of after --idleSeconds unwatched, and the metrics (on their own loopback port) say when.
// D: three nodes behind nginx; the others: one node. S: meetings are let go of after --idleSeconds unwatched,
// and the metrics (on their own loopback port) say when.
await using ITarget target = scenario switch
{
    "d" => await Cluster.StartAsync(root, Opt("nodes", 3)),
    "s" => await AppProcess.StartAsync(root, new Dictionary<string, string>
    {
        ["MeetingBoard__UnloadIdleMeetingsAfterMinutes"] = (Opt("idleSeconds", 10) / 60.0).ToString(CultureInfo.InvariantCulture),
    }, withMetrics: true),
    _ => await AppProcess.StartAsync(root),
};
// The one node, where there is one (M and S read its heap, R restarts it).
var app = target as AppProcess;
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes));
var runStarted = DateTime.UtcNow;
deadline.Token.Register(() =>
{
    Console.WriteLine($"Stopped: the run took longer than {maxMinutes} minutes");
    target.Kill();
    Environment.Exit(3);
});
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
Console.WriteLine($"Scenario {scenario}: {participants} participants, {items} items; machine: {Environment.ProcessorCount} cores; app GC: " +
                  (AppProcess.Gc == "" ? "the app's own setting (Server GC)" : AppProcess.Gc) + $"; load average {File.ReadAllText("/proc/loadavg").Trim()}");

var facilitator = await Flows.SetUpFacilitatorAsync(target);
var demo = scenario == "m" && options.GetValueOrDefault("board") == "demo";
var (meetingId, code) = demo ? await Flows.StartDemoAsync(facilitator) : await Flows.StartMeetingAsync(facilitator);
var board = await Circuit.OpenAsync(facilitator, $"/m/{meetingId}", trackHandlers: true);
var adder = new Adder(board);
Console.WriteLine($"Meeting {meetingId} (code {code}); the facilitator's circuit is open; forms: {string.Join(", ", adder.Forms)}");

var floorClient = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

return scenario switch
{
    "a" or "d" => await ScenarioA(),
    "m" => await ScenarioM(),
    "c" => await ScenarioC(),
    "e" => await ScenarioE(),
    "r" => await ScenarioR(),
    _ => await ScenarioS(),
};

async Task<List<Circuit>> OpenParticipants(int n, bool trackHandlers = false)
{
    var circuits = new Circuit[n];
    var next = -1;
    var cpu0 = target.Cpu();
    var t0 = Circuit.Now;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < n)
        {
            var browser = await Flows.JoinAsync(target, code, $"Participant {i + 1}");
            circuits[i] = await Circuit.OpenAsync(browser, $"/m/{meetingId}", trackHandlers);
            if ((i + 1) % 50 == 0) Console.WriteLine($"  {i + 1} circuits open");
        }
    }));
    var seconds = Circuit.Ms(t0, Circuit.Now) / 1000;
    Console.WriteLine($"Opened {n} participant circuits in {seconds:N1} s; server CPU {(target.Cpu() - cpu0).TotalMilliseconds / Math.Max(1, n):N0} ms per circuit opened (join + page + circuit)");
    return [.. circuits];
}

/// <summary>n participants join a meeting and open its board, p at a time.</summary>
async Task<List<Circuit>> OpenIn(string meeting, string joinCode, int n)
{
    var opened = new Circuit[n];
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < n)
            opened[i] = await Circuit.OpenAsync(await Flows.JoinAsync(target, joinCode, $"Participant {i + 1}"), $"/m/{meeting}");
    }));
    return [.. opened];
}

// S (soak): rounds of meetings opened, used and closed; memory at baseline, at each round's peak and after
// each round once every circuit has closed and every meeting has been unloaded. A node that lets go of
// what it no longer needs comes back to its baseline after every round.
async Task<int> ScenarioS()
{
    var rounds = Opt("rounds", 5);
    var perRound = Opt("meetings", 4);
    var people = options.ContainsKey("participants") ? participants : 10;
    var perMeeting = options.ContainsKey("items") ? items : 5;
    var idle = TimeSpan.FromSeconds(Opt("idleSeconds", 10));
    Console.WriteLine($"S: {rounds} rounds after a warm-up round; each starts {perRound} meetings, opens the facilitator's board and {people} participants' boards in each, " +
                      $"adds {perMeeting} items to each (seen by every circuit), then closes every circuit; meetings are unloaded {idle.TotalSeconds:N0} s after their last circuit");
    await board.DisposeAsync(); // the first meeting's circuit: S opens and closes its own

    double Get(Dictionary<string, double> m, string name) => m.GetValueOrDefault(name);
    string Line(Dictionary<string, double> m) =>
        $"metrics: {Get(m, "meetingboard_circuits_open"):N0} circuits open, {Get(m, "meetingboard_meetings_loaded"):N0} meetings loaded, " +
        $"{Get(m, "meetingboard_meetings_unloaded_total"):N0} unloaded so far, managed heap at the last GC {Get(m, "dotnet_gc_last_collection_heap_size_bytes") / 1048576:N1} MiB";

    async Task<Memory.Reading> SettledAsync(string label)
    {
        var t0 = Circuit.Now;
        var until = DateTime.UtcNow + 3 * idle + TimeSpan.FromSeconds(60);
        Dictionary<string, double> m;
        while (true)
        {
            m = await app!.ScrapeAsync();
            if (Get(m, "meetingboard_circuits_open") == 0 && Get(m, "meetingboard_meetings_loaded") == 0) break;
            if (DateTime.UtcNow > until) { Console.WriteLine("  not settled in time: " + Line(m)); break; }
            await Task.Delay(500);
        }
        Console.WriteLine($"  settled in {Circuit.Ms(t0, Circuit.Now) / 1000:N1} s");
        var reading = await Memory.MeasureAsync(app!, root, label);
        Console.WriteLine("  " + Line(await app!.ScrapeAsync()));
        return reading;
    }

    async Task<Memory.Reading?> RoundAsync(int r, bool measure)
    {
        var open = new List<(Circuit Board, Adder Adder, List<Circuit> People)>();
        for (var m = 0; m < perRound; m++)
        {
            var (id, joinCode) = await Flows.StartMeetingAsync(facilitator);
            var facilitatorBoard = await Circuit.OpenAsync(facilitator, $"/m/{id}", trackHandlers: true);
            open.Add((facilitatorBoard, new Adder(facilitatorBoard), await OpenIn(id, joinCode, people)));
        }
        for (var k = 0; k < perMeeting; k++)
            foreach (var (_, add, inMeeting) in open)
            {
                var text = $"Round {r} item {k + 1}: {Flows.Words(k + r)}";
                var seen = inMeeting.Select(c => c.WaitForText(text)).ToList();
                await add.AddAsync(text);
                await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
            }
        Memory.Reading? peak = null;
        if (measure)
        {
            peak = await Memory.MeasureAsync(app!, root, $"round {r}, peak: {perRound} meetings, {perRound * (people + 1)} circuits open");
            Console.WriteLine("  " + Line(await app!.ScrapeAsync()));
        }
        foreach (var (b, _, inMeeting) in open)
        {
            foreach (var c in inMeeting) await c.DisposeAsync();
            await b.DisposeAsync();
        }
        return peak;
    }

    var cpu0 = target.Cpu();
    var t0 = Circuit.Now;
    await RoundAsync(0, measure: false);
    var baseline = await SettledAsync("baseline (after a warm-up round)");
    var rows = new List<string> { "round,state,heap_kb,rss_kb", $"0,baseline,{baseline.HeapKb:F0},{baseline.RssKb}" };
    var peaks = new List<Memory.Reading>();
    var afters = new List<Memory.Reading>();
    for (var r = 1; r <= rounds; r++)
    {
        var peak = (await RoundAsync(r, measure: true))!;
        var after = await SettledAsync($"after round {r}");
        peaks.Add(peak);
        afters.Add(after);
        rows.Add($"{r},peak,{peak.HeapKb:F0},{peak.RssKb}");
        rows.Add($"{r},after,{after.HeapKb:F0},{after.RssKb}");
    }
    var wall = Circuit.Ms(t0, Circuit.Now) / 1000;
    var top = peaks.MaxBy(p => p.HeapKb)!;
    var last = afters[^1];
    Console.WriteLine();
    Console.WriteLine($"S: {rounds + 1} rounds, {(rounds + 1) * perRound} meetings, {(rounds + 1) * perRound * (people + 1)} circuits opened and closed in {wall:N0} s; " +
                      $"server CPU {(target.Cpu() - cpu0).TotalSeconds:N0} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("| managed heap (live, after a full collection) | MiB |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| baseline | {baseline.HeapKb / 1024:N1} |");
    Console.WriteLine($"| peak (highest of the rounds) | {top.HeapKb / 1024:N1} |");
    Console.WriteLine($"| after each round | {string.Join(", ", afters.Select(a => (a.HeapKb / 1024).ToString("N1")))} |");
    Console.WriteLine($"| after the last round, minus baseline | {(last.HeapKb - baseline.HeapKb) / 1024:+0.0;-0.0} ({100 * (last.HeapKb - baseline.HeapKb) / baseline.HeapKb:+0.0;-0.0}%) |");
    Console.WriteLine($"RSS: baseline {baseline.RssKb / 1024:N0} MiB, peak {peaks.Max(p => p.RssKb) / 1024:N0} MiB, after {last.RssKb / 1024:N0} MiB (the GC keeps memory it took)");
    if (Opt("byType", 0) is > 0 and var typeRows)
    {
        Console.WriteLine("What grew from the baseline to after the last round, by type (n = 1: the whole difference):");
        Memory.ByType(baseline, last, 1, typeRows);
    }
    File.WriteAllLines(Path.Combine(results, $"s-{stamp}.csv"), rows);
    Console.WriteLine($"Raw numbers: bench/results/s-{stamp}.csv");
    return 0;
}

/// <summary>Browsers (already joined) open the page, p at a time.</summary>
async Task<List<Circuit>> OpenFor(IReadOnlyList<Browser> browsers, string path, string readyText = "mb-board")
{
    var opened = new Circuit[browsers.Count];
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < browsers.Count)
            opened[i] = await Circuit.OpenAsync(browsers[i], path, readyText: readyText);
    }));
    return [.. opened];
}

async Task CloseAll(IEnumerable<Circuit> circuits)
{
    var list = circuits.ToList();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < list.Count) await list[i].DisposeAsync();
    }));
}

/// <summary>The board items the facilitator's circuit shows, by id (each card's "Change" button is keyed by its item).</summary>
List<string> ItemIds()
{
    lock (board.Handlers)
        return [.. board.Handlers.Keys.Select(k => Regex.Match(k, "^item-(.+)>Change this item$")).Where(m => m.Success).Select(m => m.Groups[1].Value)];
}

/// <summary>Every item on the board changed once through the facilitator's circuit, as a browser does: "Change", new text, "Save"; each seen by every viewer.</summary>
async Task<int> ChangeEveryItemOnce(IReadOnlyList<Circuit> viewers)
{
    var ids = ItemIds();
    var k = 0;
    foreach (var id in ids)
    {
        await board.ActAsync($"item-{id}>Change this item", "onclick", new { });
        var text = $"Changed once {++k:D3}: {Flows.Words(k)}";
        await board.ActAsync($"edit-{id}-text", "onchange", new { value = text });
        var seen = viewers.Select(c => c.WaitForText(text)).ToList();
        await board.ActAsync($"edit-{id}", "onsubmit", new { });
        await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
    }
    return ids.Count;
}

// M: memory per participant circuit on a board (the demo case's, or one of --items items), when the circuits
// have opened and again after every item has changed once (each change seen by every circuit).
async Task<int> ScenarioM()
{
    var more = Opt("more", 0);
    var warmCount = Opt("warm", 10);
    List<Circuit> warm, circuits;
    string boardName;
    if (demo)
    {
        // The demo conference lets nobody in by itself: everyone asks to join, then the facilitator lets each in on the board.
        var browsers = new Browser[warmCount + participants];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < browsers.Length) browsers[i] = await Flows.JoinAsync(target, code, $"Participant {i + 1}");
        }));
        // The facilitator's circuit renders every ask to join; a click on a handler its latest batches replaced is refused.
        await board.QuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        var t0 = Circuit.Now;
        for (var i = 0; i < browsers.Length; i++)
            for (var attempt = 1; ; attempt++)
                try
                {
                    await board.ActAsync($">Let in Participant {i + 1}", "onclick", new { });
                    break;
                }
                catch (InvalidOperationException) when (attempt < 5)
                {
                    await board.QuietAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));
                }
        Console.WriteLine($"The facilitator let {browsers.Length} people in through the board in {Circuit.Ms(t0, Circuit.Now) / 1000:N1} s");
        warm = await OpenFor(browsers[..warmCount], $"/m/{meetingId}");
        await Task.Delay(2000);
        boardName = $"demo case's board ({ItemIds().Count} items, a danger statement, a safety goal, the harm matrix, three next steps)";
        var before0 = await Memory.MeasureAsync(app!, root, $"{warm.Count} warm-up circuits");
        circuits = await OpenFor(browsers[warmCount..], $"/m/{meetingId}");
        return await Measure(before0);
    }
    for (var i = 0; i < items; i++) await adder.AddAsync($"Demo item {i + 1:D3}: {Flows.Words(i)}");
    boardName = $"{items}-item board";
    // A few circuits first, kept open: what the first circuit pays once (JIT, caches) is not counted per circuit.
    warm = await OpenParticipants(warmCount);
    await Task.Delay(2000);
    var before = await Memory.MeasureAsync(app!, root, $"{warm.Count} warm-up circuits");
    circuits = await OpenParticipants(participants);
    return await Measure(before);

    async Task<int> Measure(Memory.Reading before)
    {
        await Task.Delay(3000);
        var with = await Memory.MeasureAsync(app!, root, $"{participants} participant circuits, opened");
        Memory.PerCircuit(before, with, participants, $"{boardName}, opened");

        var cpu0 = target.Cpu();
        var changed = await ChangeEveryItemOnce([.. circuits, .. warm]);
        var cpuPerChange = (target.Cpu() - cpu0).TotalMilliseconds / Math.Max(1, changed);
        Console.WriteLine($"Every item ({changed}) changed once through the facilitator's circuit, each seen by every circuit; server CPU {cpuPerChange:N0} ms per change ({cpuPerChange / Math.Max(1, participants + warm.Count):N2} ms per circuit per change)");
        await Task.Delay(2000);
        var edited = await Memory.MeasureAsync(app!, root, $"{participants} participant circuits, every item changed once");

        Memory.Reading? withMore = null;
        for (var i = 0; i < more; i++)
        {
            var text = $"Later item {i + 1:D3}: {Flows.Words(i + 7)}";
            var seen = circuits.Concat(warm).Select(c => c.WaitForText(text)).ToList();
            await adder.AddAsync(text);
            await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
        }
        if (more > 0)
        {
            await Task.Delay(2000);
            withMore = await Memory.MeasureAsync(app!, root, $"{participants} participant circuits, {more} more items");
        }

        await CloseAll(circuits);
        await Task.Delay(5000);
        var after = await Memory.MeasureAsync(app!, root, $"{participants} circuits closed, {warm.Count} warm-up circuits open");
        Console.WriteLine();
        Memory.PerCircuit(before, with, participants, $"{boardName}, opened");
        if (Opt("byType", 0) is > 0 and var typeRows) Memory.ByType(before, with, participants, typeRows);
        // Against the reading after closing too: the changes' own memory (events, texts) is then not counted.
        Memory.PerCircuit(before, edited, participants, $"{boardName}, after every item changed once");
        Memory.PerCircuit(after, edited, participants, $"{boardName}, after every item changed once, against the heap once the circuits closed", rssBaseline: before);
        if (Opt("byType", 0) is > 0 and var typeRows2) Memory.ByType(after, edited, participants, typeRows2);
        if (withMore is not null) Memory.PerCircuit(after, withMore, participants, $"{boardName} and {more} more items", rssBaseline: before);
        File.WriteAllLines(Path.Combine(results, $"m-{stamp}.csv"),
            ["state,participants,board,heap_kb,rss_kb",
             $"before,0,{boardName},{before.HeapKb},{before.RssKb}", $"opened,{participants},{boardName},{with.HeapKb},{with.RssKb}",
             $"changed_once,{participants},{boardName},{edited.HeapKb},{edited.RssKb}",
             .. withMore is null ? Array.Empty<string>() : [$"more,{participants},{boardName}+{more},{withMore.HeapKb},{withMore.RssKb}"],
             $"after,0,{boardName},{after.HeapKb},{after.RssKb}"]);
        Console.WriteLine($"Raw numbers: bench/results/m-{stamp}.csv");
        return 0;
    }
}

/// <summary>--profile=S: bench/profile's CPU sampler on the app (the first node in D) for S seconds from now; null without the option.</summary>
Task<string>? StartProfile(AppProcess? node = null)
{
    if (Opt("profile", 0) is not (> 0 and var seconds)) return null;
    var profiled = node ?? app ?? ((Cluster)target).Nodes[0];
    return Task.Run(async () =>
    {
        var dll = Path.Combine(root, "bench", "profile", "bin", "Release", "net10.0", "mb-profile.dll");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "cpu", profiled.Pid.ToString(), seconds.ToString(), Opt("profileRows", 40).ToString()]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output;
    });
}

/// <summary>The app's allocations and GC pauses so far (GET /bench/gc; in D, the first node's, not printed).</summary>
async Task<GcSample> GcNowAsync()
{
    var b = target is Cluster cluster ? cluster.Nodes[0].Base : target.Base;
    using var doc = System.Text.Json.JsonDocument.Parse(await floorClient.GetStringAsync($"{b}/bench/gc"));
    var r = doc.RootElement;
    var last = r.GetProperty("lastYoung");
    var kind = r.GetProperty("server").GetBoolean() ? $"Server GC, {r.GetProperty("heaps")} heaps" : "Workstation GC";
    return new GcSample(r.GetProperty("allocatedBytes").GetInt64(), r.GetProperty("pauseMs").GetDouble(),
        r.GetProperty("gen0").GetInt32(), r.GetProperty("gen1").GetInt32(), r.GetProperty("gen2").GetInt32(),
        last.GetProperty("index").GetInt64(), last.GetProperty("pauseMs").GetDouble(),
        last.GetProperty("promotedBytes").GetInt64(), last.GetProperty("heapBytes").GetInt64(), kind);
}

/// <summary>"allocated … KB per circuit per change; GC …": what a run of changes cost in garbage.</summary>
string GcLine(GcSample before, GcSample after, int changes, int circuits, double wallSeconds) =>
    $"allocated {(after.AllocatedBytes - before.AllocatedBytes) / 1024.0 / Math.Max(1, changes) / Math.Max(1, circuits):N1} KB per circuit per change " +
    $"({(after.AllocatedBytes - before.AllocatedBytes) / 1048576.0:N0} MiB in all); GC paused the app {after.PauseMs - before.PauseMs:N0} ms " +
    $"({100 * (after.PauseMs - before.PauseMs) / 1000 / Math.Max(0.001, wallSeconds):N0}% of the wall time) in {after.Gen0 - before.Gen0} collections " +
    $"({after.Gen1 - before.Gen1} gen 1, {after.Gen2 - before.Gen2} gen 2)" +
    (after.LastIndex != before.LastIndex
        ? $"; the last young one paused {after.LastPauseMs:N0} ms and kept {after.LastPromotedBytes / 1048576.0:N1} MiB of a {after.LastHeapBytes / 1048576.0:N0} MiB heap"
        : "") + $" ({after.Kind})";

/// <summary>Re-renders the floor page in every circuit showing it, on every node; completes when every node has answered.</summary>
async Task BumpFloorAsync(string label)
{
    var bases = target is Cluster cluster ? cluster.Nodes.Select(n => n.Base).ToList() : [target.Base];
    await Task.WhenAll(bases.Select(async b =>
    {
        using var response = await floorClient.PostAsync($"{b}/bench/floor/{label}", null);
        response.EnsureSuccessStatusCode();
    }));
}

async Task<int> ScenarioA()
{
    var circuits = await OpenParticipants(participants);
    // The first changes pay for JIT and first writes: a few, seen by everyone, before measuring.
    for (var w = 0; w < Opt("warmItems", 3); w++)
    {
        var text = $"Warm-up item {w + 1}";
        var seen = circuits.Select(c => c.WaitForText(text)).ToList();
        await adder.AddAsync(text);
        await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
    }
    await Task.Delay(2000);
    var rows = new List<string> { "item,participant,from_ack_ms,from_send_ms" };
    var fromAck = new List<double>();
    var fromSend = new List<double>();
    var lastFromAck = new List<double>();
    var ackAfterSend = new List<double>();
    var missing = 0;
    // --profile=S: bench/profile's CPU sampler on the app (the first node in D) for the first S seconds of the changes.
    var profile = StartProfile();
    var gc0 = await GcNowAsync();
    var rendered0 = circuits.Sum(c => Interlocked.Read(ref c.ComponentsRendered));
    var cpu0 = target.Cpu();
    var servicesCpu0 = (target as Cluster)?.ServicesCpu() ?? TimeSpan.Zero;
    var ownCpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var t0 = Circuit.Now;
    for (var k = 0; k < items; k++)
    {
        var text = $"Bench item {k + 1:D3} {Guid.NewGuid():N}"[..30];
        var seen = circuits.Select(c => c.WaitForText(text)).ToList();
        var (sent, ack) = await adder.AddAsync(text);
        ackAfterSend.Add(Circuit.Ms(sent, ack));
        try { await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(30)); } catch (TimeoutException) { }
        var last = 0.0;
        for (var p = 0; p < seen.Count; p++)
        {
            if (!seen[p].IsCompletedSuccessfully) { missing++; rows.Add($"{k},{p},,"); continue; }
            var a = Circuit.Ms(ack, seen[p].Result);
            var s = Circuit.Ms(sent, seen[p].Result);
            fromAck.Add(a);
            fromSend.Add(s);
            last = Math.Max(last, a);
            rows.Add($"{k},{p},{a:F2},{s:F2}");
        }
        lastFromAck.Add(last);
        await Task.Delay(200);
    }
    var wall = Circuit.Ms(t0, Circuit.Now) / 1000;
    var cpu = target.Cpu() - cpu0;
    var gc1 = await GcNowAsync();
    var rendered = circuits.Sum(c => Interlocked.Read(ref c.ComponentsRendered)) - rendered0;
    var ownCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - ownCpu0;
    Console.WriteLine();
    var where = target is Cluster c3 ? $" through {c3.Nodes.Count} nodes behind nginx (PostgreSQL, Redis)" : "";
    Console.WriteLine($"{(scenario == "d" ? "D" : "A")}: {participants} participant circuits{where}, {items} items added one after another by the facilitator's circuit");
    Console.WriteLine("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Stats.Row("each participant's batch with the item, from the facilitator's own batch (ack)", fromAck);
    Stats.Row("the same, from sending the submit", fromSend);
    Stats.Row("last participant per change, from ack", lastFromAck);
    Stats.Row("facilitator's own batch, from sending the submit", ackAfterSend);
    Console.WriteLine($"Missing receipts (none within 30 s): {missing}");
    Console.WriteLine($"Server CPU during the changes: {cpu.TotalSeconds:N1} s over {wall:N1} s wall ({100 * cpu.TotalSeconds / wall:N0}% of one core); " +
                      $"{cpu.TotalMilliseconds / items:N0} ms per change, {cpu.TotalMilliseconds / items / Math.Max(1, participants):N2} ms per circuit per change; RSS {target.RssKb() / 1024.0:N0} MiB");
    // (Not for D: a node holds only some of the circuits, and which is not known here.)
    if (target is not Cluster) Console.WriteLine($"Garbage: {GcLine(gc0, gc1, items, participants, wall)}");
    Console.WriteLine($"Components rendered: {rendered / (double)Math.Max(1, items) / Math.Max(1, participants):N1} per participant circuit per change");
    if (target is Cluster cl)
        Console.WriteLine($"PostgreSQL, Redis and nginx meanwhile: {(cl.ServicesCpu() - servicesCpu0).TotalSeconds:N1} s CPU; circuits per node: the balancer hashes each browser's affinity cookie");
    Console.WriteLine($"Load generator CPU meanwhile (same machine): {ownCpu.TotalSeconds:N1} s ({100 * ownCpu.TotalSeconds / wall:N0}% of one core); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    File.WriteAllLines(Path.Combine(results, $"{scenario}-{stamp}.csv"), rows);
    if (profile is not null)
    {
        var text = await profile;
        File.WriteAllText(Path.Combine(results, $"{scenario}-{stamp}-cpu.md"), text);
        Console.WriteLine($"CPU profile of the app during the changes: bench/results/{scenario}-{stamp}-cpu.md");
    }
    Console.WriteLine($"Raw samples: bench/results/{scenario}-{stamp}.csv");
    var browsers = circuits.Select(c => c.Browser).ToList();
    await CloseAll(circuits);
    if (Opt("floor", 1) == 0) return missing == 0 ? 0 : 1;

    // F, the floor: the same browsers open the bench-only floor page (one trivial component) instead, and it is
    // re-rendered for all of them the same number of times: what a change costs the framework itself.
    await Task.Delay(3000);
    var floors = await OpenFor(browsers, "/bench/floor", readyText: "mb-floor");
    Console.WriteLine($"F: {floors.Count} circuits on the floor page (the board's circuits closed)");
    for (var w = 0; w < 3; w++)
    {
        var label = $"floor-warm-{w}";
        var seen = floors.Select(c => c.WaitForText(label)).ToList();
        await BumpFloorAsync(label);
        await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
    }
    await Task.Delay(1000);
    var fAck = new List<double>();
    var fSend = new List<double>();
    var fLast = new List<double>();
    var fMissing = 0;
    var fRows = new List<string> { "bump,participant,from_ack_ms,from_send_ms" };
    var fGc0 = await GcNowAsync();
    var fCpu0 = target.Cpu();
    var ft0 = Circuit.Now;
    for (var k = 0; k < items; k++)
    {
        var label = $"floor-{k + 1:D3}-{Guid.NewGuid():N}"[..24];
        var seen = floors.Select(c => c.WaitForText(label)).ToList();
        var sent = Circuit.Now;
        await BumpFloorAsync(label);
        var ack = Circuit.Now;
        try { await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(30)); } catch (TimeoutException) { }
        var last = 0.0;
        for (var p = 0; p < seen.Count; p++)
        {
            if (!seen[p].IsCompletedSuccessfully) { fMissing++; continue; }
            var a = Circuit.Ms(ack, seen[p].Result);
            fAck.Add(a);
            fSend.Add(Circuit.Ms(sent, seen[p].Result));
            last = Math.Max(last, a);
            fRows.Add($"{k},{p},{a:F2},{Circuit.Ms(sent, seen[p].Result):F2}");
        }
        fLast.Add(last);
        await Task.Delay(200);
    }
    var fWall = Circuit.Ms(ft0, Circuit.Now) / 1000;
    var fCpu = target.Cpu() - fCpu0;
    var fGc1 = await GcNowAsync();
    Console.WriteLine();
    Console.WriteLine($"F (floor): {floors.Count} circuits on a page of one trivial component, {items} re-renders of all of them (POST /bench/floor/…; ack = the answer)");
    Console.WriteLine("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Stats.Row("each circuit's batch with the new label, from the answer (ack)", fAck);
    Stats.Row("the same, from sending the request", fSend);
    Stats.Row("last circuit per bump, from ack", fLast);
    Console.WriteLine($"Missing receipts: {fMissing}; server CPU {fCpu.TotalSeconds:N1} s over {fWall:N1} s, {fCpu.TotalMilliseconds / items:N0} ms per bump, " +
                      $"{fCpu.TotalMilliseconds / items / Math.Max(1, floors.Count):N3} ms per circuit per bump");
    if (target is not Cluster) Console.WriteLine($"Garbage: {GcLine(fGc0, fGc1, items, floors.Count, fWall)}");
    double P99(List<double> v) => Stats.Percentile(v.Order().ToList(), 99);
    double P50(List<double> v) => Stats.Percentile(v.Order().ToList(), 50);
    Console.WriteLine($"{(scenario == "d" ? "D" : "A")}/F at p99: {P99(fromAck) / P99(fAck):N1} from the acknowledgement ({P99(fromAck):N1} / {P99(fAck):N1} ms), " +
                      $"{P99(fromSend) / P99(fSend):N1} from sending ({P99(fromSend):N1} / {P99(fSend):N1} ms); at p50: {P50(fromAck) / P50(fAck):N1} from the acknowledgement");
    File.WriteAllLines(Path.Combine(results, $"{scenario}-{stamp}-floor.csv"), fRows);
    Console.WriteLine($"Raw samples of the floor: bench/results/{scenario}-{stamp}-floor.csv");
    await CloseAll(floors);
    return missing + fMissing == 0 ? 0 : 1;
}

// E: a scaling round. Every participant gives a score with a reason through their circuit within --spreadSeconds,
// then the facilitator reveals; p99 from the reveal's acceptance to every circuit's batch with the results.
async Task<int> ScenarioE()
{
    var circuits = await OpenParticipants(participants, trackHandlers: true);
    var spread = Opt("spreadSeconds", 5);
    var formShown = circuits.Select(c => c.WaitForText("my-score-form")).ToList();
    // The facilitator starts a round with the common wording the form offers.
    await board.ActAsync("start-round-form", "onsubmit", new { });
    await Task.WhenAll(formShown).WaitAsync(TimeSpan.FromSeconds(120));
    Console.WriteLine("The round has started; every participant has the score form");
    await Task.Delay(2000);

    var cpu0 = target.Cpu();
    var t0 = Circuit.Now;
    var saveMs = new double[circuits.Count];
    var savedAt = new double[circuits.Count];
    var failures = 0;
    await Task.WhenAll(circuits.Select(async (c, i) =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(spread * 1000.0 * i / circuits.Count));
        try
        {
            var score = i * 7 % 11;
            await c.ActAsync($"my-score-{score}", "onchange", new { value = score.ToString(CultureInfo.InvariantCulture) });
            await c.ActAsync("my-score-reason", "onchange", new { value = $"Reason {i + 1}: {Flows.Words(i)}" });
            var own = c.WaitForText("You scaled");
            var sent = Circuit.Now;
            await c.ActAsync("my-score-form", "onsubmit", new { });
            var at = await own.WaitAsync(TimeSpan.FromSeconds(120));
            saveMs[i] = Circuit.Ms(sent, at);
            savedAt[i] = Circuit.Ms(t0, at);
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"Participant {i + 1} could not score: {e.Message}");
            saveMs[i] = savedAt[i] = double.NaN;
        }
    }));
    var scored = Circuit.Ms(t0, Circuit.Now) / 1000;
    // Every circuit renders the progress ("n of m have scaled") after each score: wait until all are quiet.
    var quietFrom = Circuit.Now;
    while (circuits.Append(board).Any(c => Circuit.Ms(c.LastBatchAt, Circuit.Now) < 1000) && Circuit.Ms(quietFrom, Circuit.Now) < 120_000) await Task.Delay(100);
    var settled = Circuit.Ms(t0, Circuit.Now) / 1000 - 1;
    var scoringCpu = target.Cpu() - cpu0;
    Console.WriteLine($"Scores given: {circuits.Count - failures} of {circuits.Count}, sent over {spread} s; the last saved {scored:N1} s after the first was sent; " +
                      $"every circuit quiet {settled:N1} s after; server CPU {scoringCpu.TotalSeconds:N1} s");

    var seen = circuits.Select(c => c.WaitForText("mb-scale-line")).ToList();
    var own = board.WaitForText("mb-scale-line");
    var reveal = await board.WaitForHandler(">Reveal the scores", "onclick", TimeSpan.FromSeconds(30));
    // --profile=S: the sampler attaches (about a second) before the click, and runs through the reveal.
    var profile = StartProfile();
    if (profile is not null) await Task.Delay(2000);
    var rCpu0 = target.Cpu();
    var bytes0 = circuits.Sum(c => Interlocked.Read(ref c.BatchBytes));
    var sentAt = Circuit.Now;
    var r = await board.DispatchAsync(reveal, "click", new { });
    if (!r.Ok) throw new InvalidOperationException($"Reveal refused: {r.Result}");
    var ack = await own.WaitAsync(TimeSpan.FromSeconds(60));
    try { await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60)); } catch (TimeoutException) { }
    var rCpu = target.Cpu() - rCpu0;
    var revealBytes = circuits.Sum(c => Interlocked.Read(ref c.BatchBytes)) - bytes0;
    var fromAck = seen.Where(t => t.IsCompletedSuccessfully).Select(t => Circuit.Ms(ack, t.Result)).ToList();
    var fromSend = seen.Where(t => t.IsCompletedSuccessfully).Select(t => Circuit.Ms(sentAt, t.Result)).ToList();
    Console.WriteLine();
    Console.WriteLine($"E: {circuits.Count} participant circuits, each scored through its circuit; the facilitator reveals");
    Console.WriteLine("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Stats.Row("each participant's batch with the results, from the facilitator's own (ack)", fromAck);
    Stats.Row("the same, from sending the click", fromSend);
    Stats.Row("facilitator's own batch, from sending the click", [Circuit.Ms(sentAt, ack)]);
    Stats.Row("a participant's own batch after saving a score, from sending the submit", [.. saveMs.Where(x => !double.IsNaN(x))]);
    Console.WriteLine($"Missing: {seen.Count(t => !t.IsCompletedSuccessfully)}; server CPU for the reveal {rCpu.TotalMilliseconds:N0} ms ({rCpu.TotalMilliseconds / circuits.Count:N2} ms per circuit); " +
                      $"{revealBytes / 1024.0 / Math.Max(1, circuits.Count):N1} KB of render batches per participant; " +
                      $"RSS {target.RssKb() / 1024.0:N0} MiB; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    File.WriteAllLines(Path.Combine(results, $"e-{stamp}.csv"),
        ["participant,save_ms,saved_at_s,reveal_from_ack_ms,reveal_from_send_ms",
         .. circuits.Select((c, i) => $"{i},{saveMs[i]:F1},{savedAt[i] / 1000:F2},{(seen[i].IsCompletedSuccessfully ? Circuit.Ms(ack, seen[i].Result).ToString("F1") : "")},{(seen[i].IsCompletedSuccessfully ? Circuit.Ms(sentAt, seen[i].Result).ToString("F1") : "")}")]);
    Console.WriteLine($"Raw samples: bench/results/e-{stamp}.csv");
    if (profile is not null)
    {
        File.WriteAllText(Path.Combine(results, $"e-{stamp}-cpu.md"), await profile);
        Console.WriteLine($"CPU profile of the app around the reveal: bench/results/e-{stamp}-cpu.md");
    }
    await CloseAll(circuits);
    return seen.All(t => t.IsCompletedSuccessfully) ? 0 : 1;
}

// C: capacity. Meetings of --size participants, each changed (an item added by its facilitator) every --everySeconds;
// --step meetings more at a time, measured for --stepSeconds, until p99 passes 250 ms or a bound is reached.
async Task<int> ScenarioC()
{
    var size = Opt("size", 20);
    var step = Opt("step", 5);
    var stepSeconds = Opt("stepSeconds", 30);
    var every = TimeSpan.FromSeconds(Opt("everySeconds", 3));
    var maxCircuits = Opt("maxCircuits", 2000);
    var goal = Opt("goalMs", 250);
    await board.DisposeAsync(); // C starts its own meetings
    var samples = new List<(long Ack, double Ms)>();
    var late = 0;
    var failed = 0;
    var stop = new CancellationTokenSource();
    var drivers = new List<Task>();
    var held = 0;
    var meetings = 0;
    var rows = new List<string> { "meetings,circuits,changes,p50_ms,p95_ms,p99_ms,max_ms,missing,server_cpu_pct_of_one_core,rss_mib,load1" };
    Console.WriteLine($"C: meetings of {size} participants (and the facilitator's board), each changed every {every.TotalSeconds:N0} s; {step} meetings more per step, measured {stepSeconds} s; stops when p99 > {goal} ms, at {maxCircuits} circuits or near --maxMinutes");
    Console.WriteLine("| meetings | circuits | changes | p50 ms | p95 ms | p99 ms | max ms | missing | server CPU (% of one core) | RSS MiB | load avg |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    var lastGood = (Circuits: 0, P99: double.NaN, Cpu: 0.0, Rss: 0L);
    Task<string>? profile = null;
    string why;
    while (true)
    {
        for (var m = 0; m < step; m++)
        {
            var (id, joinCode) = await Flows.StartMeetingAsync(facilitator);
            var fb = await Circuit.OpenAsync(facilitator, $"/m/{id}", trackHandlers: true);
            var people = await OpenIn(id, joinCode, size);
            held += size + 1;
            drivers.Add(Drive(fb, people, ++meetings));
        }
        // --profile=S --profileAt=N: the CPU sampler for S seconds from the first window with at least N circuits.
        if (profile is null && held >= Opt("profileAt", int.MaxValue)) profile = StartProfile();
        var (p99, cpu, rss) = await MeasureStep();
        // One noisy window on a shared machine is not a limit: a step over the goal is measured once more, and
        // C stops only if that window is over it too (--confirm=0: stop at the first).
        if (p99 > goal && Opt("confirm", 1) == 1) (p99, cpu, rss) = await MeasureStep();
        if (p99 > goal) { why = $"p99 {p99:N0} ms passed {goal} ms"; break; }
        lastGood = (held, p99, cpu, rss);
        if (held + step * (size + 1) > maxCircuits) { why = $"the next step would pass --maxCircuits={maxCircuits}"; break; }
        if (DateTime.UtcNow + TimeSpan.FromSeconds(stepSeconds + 60) > runStarted + TimeSpan.FromMinutes(maxMinutes - 1)) { why = $"--maxMinutes={maxMinutes} nearly reached"; break; }
    }
    stop.Cancel();
    try { await Task.WhenAll(drivers).WaitAsync(TimeSpan.FromSeconds(30)); } catch { }
    Console.WriteLine($"Stopped: {why}. Held at p99 ≤ {goal} ms: {lastGood.Circuits} circuits ({lastGood.Circuits / (size + 1)} meetings of {size} + facilitator), p99 {lastGood.P99:N1} ms, " +
                      $"server CPU {lastGood.Cpu * 100:N0}% of one core, RSS {lastGood.Rss:N0} MiB; changes that started late (the previous one not acknowledged within {every.TotalSeconds:N0} s): {late}; failed changes: {failed}");
    File.WriteAllLines(Path.Combine(results, $"c-{stamp}.csv"), rows);
    Console.WriteLine($"Raw numbers: bench/results/c-{stamp}.csv");
    if (profile is not null)
    {
        File.WriteAllText(Path.Combine(results, $"c-{stamp}-cpu.md"), await profile);
        Console.WriteLine($"CPU profile of the app: bench/results/c-{stamp}-cpu.md");
    }
    return 0;

    async Task<(double P99, double Cpu, long Rss)> MeasureStep()
    {
        var t0 = Circuit.Now;
        var cpu0 = target.Cpu();
        await Task.Delay(TimeSpan.FromSeconds(stepSeconds));
        var t1 = Circuit.Now;
        var cpu = (target.Cpu() - cpu0).TotalSeconds / Circuit.Ms(t0, t1) * 1000;
        await Task.Delay(3000); // receipts of the window's last changes
        List<double> window;
        lock (samples) window = [.. samples.Where(x => x.Ack >= t0 && x.Ack < t1).Select(x => x.Ms).Order()];
        var missing = window.Count(x => x >= 30_000);
        var p99 = Stats.Percentile(window, 99);
        var rss = target.RssKb() / 1024;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.WriteLine($"| {meetings} | {held} | {window.Count / size} | {Stats.Percentile(window, 50):N1} | {Stats.Percentile(window, 95):N1} | {p99:N1} | {(window.Count > 0 ? window[^1] : double.NaN):N1} | {missing} | {cpu * 100:N0} | {rss:N0} | {load} |");
        rows.Add($"{meetings},{held},{window.Count / size},{Stats.Percentile(window, 50):F1},{Stats.Percentile(window, 95):F1},{p99:F1},{(window.Count > 0 ? window[^1] : double.NaN):F1},{missing},{cpu * 100:F0},{rss},{load}");
        return (p99, cpu, rss);
    }

    async Task Drive(Circuit fb, List<Circuit> people, int number)
    {
        var add = new Adder(fb);
        try { await Task.Delay(Random.Shared.Next((int)every.TotalMilliseconds), stop.Token); } catch (OperationCanceledException) { return; }
        var next = DateTime.UtcNow;
        var k = 0;
        while (!stop.IsCancellationRequested)
        {
            next += every;
            var text = $"M{number} change {++k} {Guid.NewGuid():N}"[..32];
            var seen = people.Select(c => c.WaitForText(text)).ToList();
            try
            {
                var (_, ack) = await add.AddAsync(text);
                _ = Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ =>
                {
                    lock (samples)
                        foreach (var t in seen) samples.Add((ack, t.IsCompletedSuccessfully ? Circuit.Ms(ack, t.Result) : 30_000));
                });
            }
            catch (Exception) { Interlocked.Increment(ref failed); }
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) { try { await Task.Delay(wait, stop.Token); } catch (OperationCanceledException) { return; } }
            else { Interlocked.Increment(ref late); next = DateTime.UtcNow; }
        }
    }
}

// R: a reconnect storm. --participants circuits (meetings of --size) are open when the node is killed (kill -9)
// and started again on the same port and data. Each page does what live.js tells blazor.web.js: retry after
// min(500 × attempt, 3000) ms; when the server answers but no longer knows the circuit, reload (GET the page, new circuit).
async Task<int> ScenarioR()
{
    var size = Opt("size", 20);
    await board.DisposeAsync();
    var all = new List<Circuit>();
    var open0 = Circuit.Now;
    var openCpu0 = target.Cpu();
    while (all.Count < participants)
    {
        var (id, joinCode) = await Flows.StartMeetingAsync(facilitator);
        all.AddRange(await OpenIn(id, joinCode, Math.Min(size, participants - all.Count)));
        if (all.Count % 100 < size) Console.WriteLine($"  {all.Count} circuits open");
    }
    Console.WriteLine($"Opened {all.Count} circuits in {all.Count / size + (all.Count % size > 0 ? 1 : 0)} meetings in {Circuit.Ms(open0, Circuit.Now) / 1000:N0} s; server CPU {(target.Cpu() - openCpu0).TotalMilliseconds / all.Count:N0} ms per circuit; RSS {target.RssKb() / 1024:N0} MiB");
    await Task.Delay(3000);

    var n = all.Count;
    var liveAt = new long[n];
    var attempts = new int[n];
    var resumed = 0;
    var reloadErrors = 0;
    var fresh = new Circuit?[n];
    var storm = all.Select((c, i) => Task.Run(async () =>
    {
        await c.Closed.WaitAsync(TimeSpan.FromMinutes(2));
        for (var attempt = 0; ; attempt++)
        {
            await Task.Delay(Math.Min(500 * attempt, 3000));
            attempts[i]++;
            try
            {
                if (await c.TryResumeAsync()) { Interlocked.Increment(ref resumed); liveAt[i] = Circuit.Now; return; }
            }
            catch { continue; } // the server is not back yet
            for (var reload = 0; ; reload++)
            {
                try
                {
                    fresh[i] = await Circuit.OpenAsync(c.Browser, c.Path);
                    liveAt[i] = Circuit.Now;
                    return;
                }
                catch when (reload < 20)
                {
                    Interlocked.Increment(ref reloadErrors);
                    await Task.Delay(Math.Min(500 * (reload + 1), 3000));
                }
            }
        }
    })).ToList();
    var old = app!;
    var ownCpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var killedAt = Circuit.Now;
    await old.CrashAsync();
    var restarted = await AppProcess.StartAsync(root, port: old.Port, dataDir: old.DataDir, expectSetup: false);
    var upAt = Circuit.Now;
    var startCpu = restarted.Cpu();
    // --profile=S: the sampler on the restarted node from the moment it listens.
    var profile = StartProfile(restarted);
    Console.WriteLine($"Killed the node (kill -9) and started it again on the same port and data: listening {Circuit.Ms(killedAt, upAt) / 1000:N1} s after the kill (start-up CPU {startCpu.TotalSeconds:N1} s)");
    string? failure = null;
    try { await Task.WhenAll(storm).WaitAsync(TimeSpan.FromMinutes(Math.Max(1, maxMinutes / 2))); }
    catch (Exception e) { failure = e.Message; }
    var allLive = Circuit.Now;
    var cpu = restarted.Cpu();
    var ownCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - ownCpu0;
    var live = liveAt.Where(t => t != 0).ToList();
    var fromUp = live.Select(t => Circuit.Ms(upAt, t)).ToList();
    var fromKill = live.Select(t => Circuit.Ms(killedAt, t)).ToList();
    Console.WriteLine();
    Console.WriteLine($"R: {n} circuits open when the node was killed; each page reconnects as live.js has blazor.web.js do");
    Console.WriteLine("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Stats.Row("page live again (new circuit with the board), from the restarted node listening", fromUp);
    Stats.Row("the same, from the kill", fromKill);
    Stats.Row("attempts per page before it reloaded", [.. attempts.Select(a => (double)a)]);
    Console.WriteLine($"Pages live again: {live.Count} of {n} ({resumed} resumed their old circuit, {live.Count - resumed} reloaded); reload errors retried: {reloadErrors}{(failure is null ? "" : $"; stopped waiting: {failure}")}");
    Console.WriteLine($"Every page live {Circuit.Ms(upAt, live.Count > 0 ? live.Max() : allLive) / 1000:N1} s after the node listened again ({Circuit.Ms(killedAt, live.Count > 0 ? live.Max() : allLive) / 1000:N1} s after the kill). " +
                      $"Restarted node's CPU until then: {cpu.TotalSeconds:N1} s ({startCpu.TotalSeconds:N1} s starting, {(cpu - startCpu).TotalMilliseconds / Math.Max(1, live.Count):N0} ms per page reloaded); RSS {restarted.RssKb() / 1024:N0} MiB; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine($"Load generator CPU from the kill until every page was live (same machine): {ownCpu.TotalSeconds:N1} s");
    File.WriteAllLines(Path.Combine(results, $"r-{stamp}.csv"),
        ["page,attempts,live_from_up_ms,live_from_kill_ms", .. liveAt.Select((t, i) => $"{i},{attempts[i]},{(t == 0 ? "" : Circuit.Ms(upAt, t).ToString("F1"))},{(t == 0 ? "" : Circuit.Ms(killedAt, t).ToString("F1"))}")]);
    Console.WriteLine($"Raw samples: bench/results/r-{stamp}.csv");
    if (profile is not null)
    {
        File.WriteAllText(Path.Combine(results, $"r-{stamp}-cpu.md"), await profile);
        Console.WriteLine($"CPU profile of the restarted node: bench/results/r-{stamp}-cpu.md");
    }
    await CloseAll(fresh.Where(f => f is not null)!);
    old.KeepData = true; // the restarted node owns the data directory now
    await restarted.DisposeAsync();
    return live.Count == n ? 0 : 1;
}

record GcSample(long AllocatedBytes, double PauseMs, int Gen0, int Gen1, int Gen2,
    long LastIndex, double LastPauseMs, long LastPromotedBytes, long LastHeapBytes, string Kind);

static class Flows
{
    public const string Password = "bench horse battery staple 2026";

    public static string Words(int i) =>
        new[] { "school reports good attendance", "grandmother collects the children on Fridays", "health visitor saw the baby last week",
                "the family GP has no concerns", "mum has joined a parenting group", "dad works nights", "neighbour helps with shopping" }[i % 7];

    public static async Task<Browser> SetUpFacilitatorAsync(ITarget app)
    {
        var b = new Browser(app.Base);
        await b.GetAsync(app.SetupPath);
        var (status, text, location) = await b.PostAsync(app.SetupPath,
            [new("name", "Bench Facilitator"), new("email", "bench@example.org"), new("password", Password)]);
        if (status != HttpStatusCode.Redirect && status != HttpStatusCode.Found) throw new InvalidOperationException($"Setup failed: {(int)status} {Snip(text)}");
        return b;
    }

    static int meetingsStarted;

    public static async Task<(string MeetingId, string Code)> StartMeetingAsync(Browser f)
    {
        var (_, html, _) = await f.GetAsync("/meetings");
        var meetingId = Browser.Hidden(html, "meetingId");
        var (status, text, location) = await f.PostAsync("/meetings",
            [new("meetingId", meetingId), new("type", "GroupSupervision"), new("title", "Bench group supervision"),
             // Each meeting a case of its own: naming a case the facilitator already has is refused (issue 17).
             new("caseReference", $"Family {Interlocked.Increment(ref meetingsStarted)}"), new("admitAutomatically", "yes")]);
        if (location is null) throw new InvalidOperationException($"Starting a meeting failed: {(int)status} {Snip(text)}");
        var (_, page, _) = await f.GetAsync(location);
        var code = Regex.Match(page, @"/join/([A-Za-z0-9-]+)").Groups[1].Value;
        if (code == "") throw new InvalidOperationException("No join code on the facilitator's page");
        return (meetingId, code);
    }

    public static async Task<Browser> JoinAsync(ITarget app, string code, string name)
    {
        var b = new Browser(app.Base);
        var (_, html, _) = await b.GetAsync($"/join/{code}");
        var (status, text, location) = await b.PostAsync($"/join/{code}",
            [new("participantId", Browser.Hidden(html, "participantId")), new("secret", Browser.Hidden(html, "secret")),
             new("name", name), new("role", "Social worker")]);
        if (location is null) throw new InvalidOperationException($"Joining failed: {(int)status} {Snip(text)}");
        return b;
    }

    /// <summary>The demo case (Features/Meetings/DemoMeeting.cs), started through the meetings page's demo form.</summary>
    public static async Task<(string MeetingId, string Code)> StartDemoAsync(Browser f)
    {
        var (_, html, _) = await f.GetAsync("/meetings");
        var m = Regex.Match(html, "action=\"/meetings/demo\".*?name=\"meetingId\" value=\"([^\"]*)\"", RegexOptions.Singleline);
        if (!m.Success) throw new InvalidOperationException("No demo form on /meetings");
        var (status, text, location) = await f.PostAsync("/meetings/demo", [new("meetingId", WebUtility.HtmlDecode(m.Groups[1].Value))]);
        if (location is null) throw new InvalidOperationException($"Starting the demo failed: {(int)status} {Snip(text)}");
        var (_, page, _) = await f.GetAsync(location);
        var code = Regex.Match(page, @"/join/([A-Za-z0-9-]+)").Groups[1].Value;
        if (code == "") throw new InvalidOperationException("No join code on the demo meeting's page");
        return (location.Split('/')[^1], code);
    }

    static string Snip(string s) => s.Length > 300 ? s[..300] : s;
}

/// <summary>The facilitator adding items through the board's add forms, as a browser does: a change on the textarea, then a submit.</summary>
sealed class Adder(Circuit board)
{
    int turn;
    public List<string> Forms
    {
        get
        {
            var textareas = board.ElementsWith("onchange", id => id.StartsWith("add-") && id.EndsWith("-text")).ToHashSet();
            return board.ElementsWith("onsubmit", id => textareas.Contains(id + "-text"));
        }
    }

    public async Task<(long Sent, long Ack)> AddAsync(string text)
    {
        var forms = Forms;
        if (forms.Count == 0) throw new InvalidOperationException("No add form on the facilitator's board");
        var form = forms[turn++ % forms.Count];
        var change = board.Handler($"{form}-text", "onchange");
        var submit = board.Handler(form, "onsubmit");
        if (board.IsDisposed(change) || board.IsDisposed(submit))
            throw new InvalidOperationException($"The handlers of #{form} were replaced and not seen again");
        var r = await board.DispatchAsync(change, "change", new { value = text });
        if (!r.Ok) throw new InvalidOperationException($"change refused: {r.Result}");
        // The change's own batch (the textarea's value) has arrived by now: the next batch with the text is the item's.
        var own = board.WaitForText(text);
        var sent = Circuit.Now;
        r = await board.DispatchAsync(submit, "submit", new { });
        if (!r.Ok) throw new InvalidOperationException($"submit refused: {r.Result}");
        var ack = await own.WaitAsync(TimeSpan.FromSeconds(60));
        return (sent, ack);
    }
}

static class Stats
{
    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static void Row(string name, List<double> values)
    {
        var s = values.Order().ToList();
        Console.WriteLine($"| {name} | {s.Count} | {Percentile(s, 50):N1} | {Percentile(s, 95):N1} | {Percentile(s, 99):N1} | {(s.Count > 0 ? s[^1] : double.NaN):N1} |");
    }
}

/// <summary>The server's managed heap after a full collection (bench/profile's heap census) and its RSS.</summary>
static class Memory
{
    public record Reading(string Label, double HeapKb, long RssKb, Dictionary<string, double> ByType, Dictionary<string, double> CountByType);

    public static async Task<Reading> MeasureAsync(AppProcess app, string root, string label)
    {
        var dll = Path.Combine(root, "bench", "profile", "bin", "Release", "net10.0", "mb-profile.dll");
        if (!File.Exists(dll))
        {
            using var build = System.Diagnostics.Process.Start("dotnet", ["build", Path.Combine(root, "bench", "profile"), "-c", "Release", "--nologo", "-v", "q"])!;
            await build.WaitForExitAsync();
        }
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "heap", app.Pid.ToString(), "3000"]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var m = Regex.Match(output, @"Live objects: [\d,]+, ([\d.,]+) MiB");
        if (!m.Success) throw new InvalidOperationException("The heap census failed:\n" + output);
        var byType = new Dictionary<string, double>();
        var countByType = new Dictionary<string, double>();
        foreach (Match row in Regex.Matches(output, @"^\| (.+?) \| ([\d,]+) \| ([\d,]+) \|", RegexOptions.Multiline))
        {
            byType[row.Groups[1].Value] = byType.GetValueOrDefault(row.Groups[1].Value) + double.Parse(row.Groups[3].Value.Replace(",", ""));
            countByType[row.Groups[1].Value] = countByType.GetValueOrDefault(row.Groups[1].Value) + double.Parse(row.Groups[2].Value.Replace(",", ""));
        }
        var reading = new Reading(label, double.Parse(m.Groups[1].Value.Replace(",", "")) * 1024, app.RssKb(), byType, countByType);
        Console.WriteLine($"Memory, {label}: managed heap (live, after a full collection) {reading.HeapKb / 1024:N1} MiB, RSS {reading.RssKb / 1024.0:N0} MiB");
        return reading;
    }

    /// <summary>What the circuits added, by type: the census difference per circuit, largest first.</summary>
    public static void ByType(Reading without, Reading with, int n, int rows)
    {
        Console.WriteLine($"| type | KB per circuit ({with.Label} minus {without.Label}) | objects per circuit |");
        Console.WriteLine("|---|---|---|");
        foreach (var (type, kb) in with.ByType.Select(t => (t.Key, (t.Value - without.ByType.GetValueOrDefault(t.Key)) / n)).OrderByDescending(t => t.Item2).Take(rows))
            Console.WriteLine($"| {type} | {kb:N1} | {(with.CountByType.GetValueOrDefault(type) - without.CountByType.GetValueOrDefault(type)) / n:N1} |");
    }

    /// <summary>RSS does not shrink when circuits close (the GC keeps what it took), so its baseline may be an earlier reading.</summary>
    public static void PerCircuit(Reading without, Reading with, int n, string what, Reading? rssBaseline = null) =>
        Console.WriteLine($"Per circuit on the {what}: {(with.HeapKb - without.HeapKb) / n:N0} KB managed, {(with.RssKb - (rssBaseline ?? without).RssKb) / (double)n:N0} KB RSS ({n} circuits)");
}
