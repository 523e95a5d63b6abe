// mb-load: scenarios that drive the real app through real Blazor circuits. See bench/README.md.
//
//   dotnet run --project bench/load -c Release -- a [--participants=300] [--items=50]
//   dotnet run --project bench/load -c Release -- m [--participants=300] [--items=20] [--more=70]
//   dotnet run --project bench/load -c Release -- s [--rounds=5] [--meetings=4] [--participants=10] [--items=5] [--idleSeconds=10]
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is not [var scenario, ..] || scenario is not ("a" or "m" or "s"))
{
    Console.Error.WriteLine("usage: mb-load a|m|s [--participants=N] [--items=K] [--more=K2] [--rounds=R] [--meetings=N] [--idleSeconds=S] [--parallel=P] [--maxMinutes=M] [--no-build]");
    return 2;
}
var options = args.Skip(1).Where(a => a.StartsWith("--")).Select(a => a[2..].Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
int Opt(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var participants = Opt("participants", 300);
var items = Opt("items", scenario == "a" ? 50 : 20);
var parallel = Opt("parallel", 4);
var maxMinutes = Opt("maxMinutes", 20);

var root = AppProcess.RepoRoot();
var results = Path.Combine(root, "bench", "results");
Directory.CreateDirectory(results);
if (!options.ContainsKey("no-build")) AppProcess.Build(root);
// S: meetings are let go of after --idleSeconds unwatched, and the metrics (on their own loopback port) say when.
await using var app = scenario == "s"
    ? await AppProcess.StartAsync(root, new Dictionary<string, string>
    {
        ["MeetingBoard__UnloadIdleMeetingsAfterMinutes"] = (Opt("idleSeconds", 10) / 60.0).ToString(CultureInfo.InvariantCulture),
    }, withMetrics: true)
    : await AppProcess.StartAsync(root);
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes));
deadline.Token.Register(() =>
{
    Console.WriteLine($"Stopped: the run took longer than {maxMinutes} minutes");
    try { app.Process.Kill(true); } catch { }
    Environment.Exit(3);
});
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
Console.WriteLine($"Scenario {scenario}: {participants} participants, {items} items; machine: {Environment.ProcessorCount} cores");

var facilitator = await Flows.SetUpFacilitatorAsync(app);
var (meetingId, code) = await Flows.StartMeetingAsync(facilitator);
var board = await Circuit.OpenAsync(facilitator, $"/m/{meetingId}", trackHandlers: true);
var adder = new Adder(board);
Console.WriteLine($"Meeting {meetingId} (code {code}); the facilitator's circuit is open; forms: {string.Join(", ", adder.Forms)}");

return scenario switch { "a" => await ScenarioA(), "m" => await ScenarioM(), _ => await ScenarioS() };

async Task<List<Circuit>> OpenParticipants(int n)
{
    var circuits = new Circuit[n];
    var next = -1;
    var cpu0 = app.Cpu();
    var t0 = Circuit.Now;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < n)
        {
            var browser = await Flows.JoinAsync(app, code, $"Participant {i + 1}");
            circuits[i] = await Circuit.OpenAsync(browser, $"/m/{meetingId}");
            if ((i + 1) % 50 == 0) Console.WriteLine($"  {i + 1} circuits open");
        }
    }));
    var seconds = Circuit.Ms(t0, Circuit.Now) / 1000;
    Console.WriteLine($"Opened {n} participant circuits in {seconds:N1} s; server CPU {(app.Cpu() - cpu0).TotalMilliseconds / Math.Max(1, n):N0} ms per circuit opened (join + page + circuit)");
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
            opened[i] = await Circuit.OpenAsync(await Flows.JoinAsync(app, joinCode, $"Participant {i + 1}"), $"/m/{meeting}");
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
            m = await app.ScrapeAsync();
            if (Get(m, "meetingboard_circuits_open") == 0 && Get(m, "meetingboard_meetings_loaded") == 0) break;
            if (DateTime.UtcNow > until) { Console.WriteLine("  not settled in time: " + Line(m)); break; }
            await Task.Delay(500);
        }
        Console.WriteLine($"  settled in {Circuit.Ms(t0, Circuit.Now) / 1000:N1} s");
        var reading = await Memory.MeasureAsync(app, root, label);
        Console.WriteLine("  " + Line(await app.ScrapeAsync()));
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
            peak = await Memory.MeasureAsync(app, root, $"round {r}, peak: {perRound} meetings, {perRound * (people + 1)} circuits open");
            Console.WriteLine("  " + Line(await app.ScrapeAsync()));
        }
        foreach (var (b, _, inMeeting) in open)
        {
            foreach (var c in inMeeting) await c.DisposeAsync();
            await b.DisposeAsync();
        }
        return peak;
    }

    var cpu0 = app.Cpu();
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
                      $"server CPU {(app.Cpu() - cpu0).TotalSeconds:N0} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");
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

async Task<int> ScenarioM()
{
    var more = Opt("more", 70);
    for (var i = 0; i < items; i++) await adder.AddAsync($"Demo item {i + 1:D3}: {Flows.Words(i)}");
    Console.WriteLine($"Board has {items} items");
    // A few circuits first, kept open: what the first circuit pays once (JIT, caches) is not counted per circuit.
    var warm = await OpenParticipants(Opt("warm", 10));
    await Task.Delay(2000);
    var before = await Memory.MeasureAsync(app, root, $"{warm.Count} warm-up circuits");
    var circuits = await OpenParticipants(participants);
    await Task.Delay(3000);
    var with = await Memory.MeasureAsync(app, root, $"{participants} participant circuits, {items} items");
    Memory.PerCircuit(before, with, participants, $"{items}-item board");

    // Every participant's circuit renders further changes: the board grows to items + more.
    var cpu0 = app.Cpu();
    for (var i = 0; i < more; i++)
    {
        var text = $"Later item {i + 1:D3}: {Flows.Words(i + 7)}";
        var seen = circuits.Concat(warm).Select(c => c.WaitForText(text)).ToList();
        await adder.AddAsync(text);
        await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
    }
    var cpuPerChange = (app.Cpu() - cpu0).TotalMilliseconds / Math.Max(1, more);
    Console.WriteLine($"{more} more items added, each seen by every circuit; server CPU {cpuPerChange:N0} ms per change ({cpuPerChange / Math.Max(1, participants):N2} ms per circuit per change)");
    await Task.Delay(2000);
    var withMore = await Memory.MeasureAsync(app, root, $"{participants} participant circuits, {items + more} items");

    foreach (var c in circuits) await c.DisposeAsync();
    await Task.Delay(5000);
    var after = await Memory.MeasureAsync(app, root, $"{participants} circuits closed, {warm.Count} warm-up circuits open, {items + more} items");
    Console.WriteLine();
    Memory.PerCircuit(before, with, participants, $"{items}-item board");
    if (Opt("byType", 0) is > 0 and var typeRows) Memory.ByType(before, with, participants, typeRows);
    Memory.PerCircuit(after, withMore, participants, $"{items + more}-item board (after {more} changes seen by every circuit)", rssBaseline: before);
    File.WriteAllLines(Path.Combine(results, $"m-{stamp}.csv"),
        ["state,participants,items,heap_kb,rss_kb",
         $"before,0,{items},{before.HeapKb},{before.RssKb}", $"with,{participants},{items},{with.HeapKb},{with.RssKb}",
         $"with_more,{participants},{items + more},{withMore.HeapKb},{withMore.RssKb}", $"after,0,{items + more},{after.HeapKb},{after.RssKb}"]);
    Console.WriteLine($"Raw numbers: bench/results/m-{stamp}.csv");
    return 0;
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
    // --profile=S: bench/profile's CPU sampler on the app for the first S seconds of the changes.
    Task<string>? profile = null;
    if (Opt("profile", 0) is > 0 and var profileSeconds)
        profile = Task.Run(async () =>
        {
            var dll = Path.Combine(root, "bench", "profile", "bin", "Release", "net10.0", "mb-profile.dll");
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "cpu", app.Pid.ToString(), profileSeconds.ToString(), "40"]) { RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            return output;
        });
    var cpu0 = app.Cpu();
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
    var cpu = app.Cpu() - cpu0;
    var ownCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - ownCpu0;
    Console.WriteLine();
    Console.WriteLine($"A: {participants} participant circuits, {items} items added one after another by the facilitator's circuit");
    Console.WriteLine("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Stats.Row("each participant's batch with the item, from the facilitator's own batch (ack)", fromAck);
    Stats.Row("the same, from sending the submit", fromSend);
    Stats.Row("last participant per change, from ack", lastFromAck);
    Stats.Row("facilitator's own batch, from sending the submit", ackAfterSend);
    Console.WriteLine($"Missing receipts (none within 30 s): {missing}");
    Console.WriteLine($"Server CPU during the changes: {cpu.TotalSeconds:N1} s over {wall:N1} s wall ({100 * cpu.TotalSeconds / wall:N0}% of one core); " +
                      $"{cpu.TotalMilliseconds / items:N0} ms per change, {cpu.TotalMilliseconds / items / Math.Max(1, participants):N2} ms per circuit per change; RSS {app.RssKb() / 1024.0:N0} MiB");
    Console.WriteLine($"Load generator CPU meanwhile (same machine): {ownCpu.TotalSeconds:N1} s ({100 * ownCpu.TotalSeconds / wall:N0}% of one core); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    File.WriteAllLines(Path.Combine(results, $"a-{stamp}.csv"), rows);
    if (profile is not null)
    {
        var text = await profile;
        File.WriteAllText(Path.Combine(results, $"a-{stamp}-cpu.md"), text);
        Console.WriteLine($"CPU profile of the app during the changes: bench/results/a-{stamp}-cpu.md");
    }
    Console.WriteLine($"Raw samples: bench/results/a-{stamp}.csv");
    foreach (var c in circuits) await c.DisposeAsync();
    return missing == 0 ? 0 : 1;
}

static class Flows
{
    public const string Password = "bench horse battery staple 2026";

    public static string Words(int i) =>
        new[] { "school reports good attendance", "grandmother collects the children on Fridays", "health visitor saw the baby last week",
                "the family GP has no concerns", "mum has joined a parenting group", "dad works nights", "neighbour helps with shopping" }[i % 7];

    public static async Task<Browser> SetUpFacilitatorAsync(AppProcess app)
    {
        var b = new Browser(app.Base);
        await b.GetAsync(app.SetupPath);
        var (status, text, location) = await b.PostAsync(app.SetupPath,
            [new("name", "Bench Facilitator"), new("email", "bench@example.org"), new("password", Password)]);
        if (status != HttpStatusCode.Redirect && status != HttpStatusCode.Found) throw new InvalidOperationException($"Setup failed: {(int)status} {Snip(text)}");
        return b;
    }

    public static async Task<(string MeetingId, string Code)> StartMeetingAsync(Browser f)
    {
        var (_, html, _) = await f.GetAsync("/meetings");
        var meetingId = Browser.Hidden(html, "meetingId");
        var (status, text, location) = await f.PostAsync("/meetings",
            [new("meetingId", meetingId), new("type", "GroupSupervision"), new("title", "Bench group supervision"),
             new("caseReference", "Family A"), new("admitAutomatically", "yes")]);
        if (location is null) throw new InvalidOperationException($"Starting a meeting failed: {(int)status} {Snip(text)}");
        var (_, page, _) = await f.GetAsync(location);
        var code = Regex.Match(page, @"/join/([A-Za-z0-9-]+)").Groups[1].Value;
        if (code == "") throw new InvalidOperationException("No join code on the facilitator's page");
        return (meetingId, code);
    }

    public static async Task<Browser> JoinAsync(AppProcess app, string code, string name)
    {
        var b = new Browser(app.Base);
        var (_, html, _) = await b.GetAsync($"/join/{code}");
        var (status, text, location) = await b.PostAsync($"/join/{code}",
            [new("participantId", Browser.Hidden(html, "participantId")), new("secret", Browser.Hidden(html, "secret")),
             new("name", name), new("role", "Social worker")]);
        if (location is null) throw new InvalidOperationException($"Joining failed: {(int)status} {Snip(text)}");
        return b;
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
    public record Reading(string Label, double HeapKb, long RssKb, Dictionary<string, double> ByType);

    public static async Task<Reading> MeasureAsync(AppProcess app, string root, string label)
    {
        var dll = Path.Combine(root, "bench", "profile", "bin", "Release", "net10.0", "mb-profile.dll");
        if (!File.Exists(dll))
        {
            using var build = System.Diagnostics.Process.Start("dotnet", ["build", Path.Combine(root, "bench", "profile"), "-c", "Release", "--nologo", "-v", "q"])!;
            await build.WaitForExitAsync();
        }
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "heap", app.Pid.ToString(), "400"]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var m = Regex.Match(output, @"Live objects: [\d,]+, ([\d.,]+) MiB");
        if (!m.Success) throw new InvalidOperationException("The heap census failed:\n" + output);
        var byType = new Dictionary<string, double>();
        foreach (Match row in Regex.Matches(output, @"^\| (.+?) \| ([\d,]+) \| ([\d,]+) \|", RegexOptions.Multiline))
            byType[row.Groups[1].Value] = byType.GetValueOrDefault(row.Groups[1].Value) + double.Parse(row.Groups[3].Value.Replace(",", ""));
        var reading = new Reading(label, double.Parse(m.Groups[1].Value.Replace(",", "")) * 1024, app.RssKb(), byType);
        Console.WriteLine($"Memory, {label}: managed heap (live, after a full collection) {reading.HeapKb / 1024:N1} MiB, RSS {reading.RssKb / 1024.0:N0} MiB");
        return reading;
    }

    /// <summary>What the circuits added, by type: the census difference per circuit, largest first.</summary>
    public static void ByType(Reading without, Reading with, int n, int rows)
    {
        Console.WriteLine($"| type | KB per circuit ({with.Label} minus {without.Label}) |");
        Console.WriteLine("|---|---|");
        foreach (var (type, kb) in with.ByType.Select(t => (t.Key, (t.Value - without.ByType.GetValueOrDefault(t.Key)) / n)).OrderByDescending(t => t.Item2).Take(rows))
            Console.WriteLine($"| {type} | {kb:N1} |");
    }

    /// <summary>RSS does not shrink when circuits close (the GC keeps what it took), so its baseline may be an earlier reading.</summary>
    public static void PerCircuit(Reading without, Reading with, int n, string what, Reading? rssBaseline = null) =>
        Console.WriteLine($"Per circuit on the {what}: {(with.HeapKb - without.HeapKb) / n:N0} KB managed, {(with.RssKb - (rssBaseline ?? without).RssKb) / (double)n:N0} KB RSS ({n} circuits)");
}
