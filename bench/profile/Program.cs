// mb-profile: what a running MeetingBoard process holds and where its CPU goes, through EventPipe.
//
//   dotnet run --project bench/profile -c Release -- heap <pid> [rows]        live objects by type, after a full collection
//   dotnet run --project bench/profile -c Release -- cpu <pid> <seconds> [rows]  sampled stacks: methods by inclusive and exclusive time
//   dotnet run --project bench/profile -c Release -- cpu-file <file.nettrace> [rows [leaf]]  the same, from a trace collected
//       before; with a leaf (a pattern), the commonest stacks (six frames) of the samples whose innermost method matches it
//
// The heap census is what dotnet-gcdump collects (the runtime walks the heap during a collection it
// starts and reports every object's type and size); the CPU profile is dotnet-trace's sample profiler.
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

return args switch
{
    ["heap", var pid, .. var rest] => Heap(int.Parse(pid), rest is [var n] ? int.Parse(n) : 40),
    ["cpu", var pid, var seconds, .. var rest] => Cpu(int.Parse(pid), double.Parse(seconds), rest is [var n] ? int.Parse(n) : 40),
    ["cpu-file", var file, var n, var leaf] => Samples(file, int.Parse(n), leaf),
    ["cpu-file", var file, .. var rest] => Samples(file, rest is [var n] ? int.Parse(n) : 40),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: mb-profile heap <pid> [rows] | cpu <pid> <seconds> [rows] | cpu-file <file.nettrace> [rows]");
    return 2;
}

static int Heap(int pid, int rows)
{
    var keywords = (long)(ClrTraceEventParser.Keywords.GCHeapSnapshot);
    var providers = new[] { new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Verbose, keywords) };
    var client = new DiagnosticsClient(pid);
    using var session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 1024);
    var source = new EventPipeEventSource(session.EventStream);

    var typeNames = new Dictionary<ulong, string>();
    var bytes = new Dictionary<ulong, long>();
    var counts = new Dictionary<ulong, long>();
    var large = new Dictionary<ulong, long>(); // bytes in objects of 8 KiB or more: rendered pages, buffers
    int? dumpGc = null;
    var done = false;
    source.Clr.GCStart += e =>
    {
        // The collection this session asked for (GCHeapCollect) is the one the census belongs to.
        if (dumpGc is null && e.Depth == 2) dumpGc = e.Count;
    };
    source.Clr.TypeBulkType += e =>
    {
        for (var i = 0; i < e.Count; i++) typeNames[e.Values(i).TypeID] = e.Values(i).TypeName;
    };
    source.Clr.GCBulkNode += e =>
    {
        for (var i = 0; i < e.Count; i++)
        {
            var node = e.Values(i);
            bytes[node.TypeID] = bytes.GetValueOrDefault(node.TypeID) + (long)node.Size;
            counts[node.TypeID] = counts.GetValueOrDefault(node.TypeID) + 1;
            if (node.Size >= 8192) large[node.TypeID] = large.GetValueOrDefault(node.TypeID) + (long)node.Size;
        }
    };
    source.Clr.GCStop += e =>
    {
        if (dumpGc == e.Count && !done)
        {
            done = true;
            // The type names of the last batch of nodes may still be on their way; stop a moment later.
            Task.Delay(2000).ContinueWith(_ => session.Stop());
        }
    };
    source.Process();

    var total = bytes.Values.Sum();
    Console.WriteLine($"Live objects: {counts.Values.Sum():N0}, {total / 1024.0 / 1024:N1} MiB");
    Console.WriteLine("| type | objects | KiB | of it in objects of 8 KiB or more | share |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (type, size) in bytes.OrderByDescending(b => b.Value).Take(rows))
        Console.WriteLine($"| {typeNames.GetValueOrDefault(type, $"type {type:x}")} | {counts[type]:N0} | {size / 1024.0:N0} | {large.GetValueOrDefault(type) / 1024.0:N0} | {100.0 * size / total:N1}% |");
    return 0;
}

static int Cpu(int pid, double seconds, int rows)
{
    var providers = new[]
    {
        new EventPipeProvider("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
        new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational,
            (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.JittedMethodILToNativeMap)),
    };
    var file = Path.Combine(Path.GetTempPath(), $"mb-profile-{pid}-{DateTime.UtcNow:HHmmss}.nettrace");
    var client = new DiagnosticsClient(pid);
    using (var session = client.StartEventPipeSession(providers, requestRundown: true, circularBufferMB: 512))
    {
        using var output = File.Create(file);
        var copy = session.EventStream.CopyToAsync(output);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        session.Stop();
        copy.Wait();
    }
    return Samples(file, rows);
}

static int Samples(string file, int rows, string? leaf = null)
{
    var etlx = TraceLog.CreateFromEventPipeDataFile(file);
    using var log = new TraceLog(etlx);
    var inclusive = new Dictionary<string, int>();
    var exclusive = new Dictionary<string, int>();
    // Innermost frames of a thread that is waiting, not running: thread pool and timer waits, blocking reads,
    // the console logger's queue, native frames the runtime cannot name (epoll and friends), a thread held
    // while the GC runs (PollGC: the GC's own work is on its native threads, which are not sampled), and a
    // pool thread whose innermost named frame is its start (parked in the pool's native semaphore).
    var waits = new System.Text.RegularExpressions.Regex(@"Wait|Sleep|Sys\.Read|TryDequeue|EventLoop|!\?$|PollGC|WorkerThread\.WorkerThreadStart\(\)$");
    var leafPattern = leaf is null ? null : new System.Text.RegularExpressions.Regex(leaf);
    var leafStacks = new Dictionary<string, int>();
    var samples = 0;
    var waiting = 0;
    foreach (var e in log.Events)
    {
        if (e.EventName != "Thread/Sample") continue;
        var stack = e.CallStack();
        if (stack is null) continue;
        // The sampler samples every thread, idle ones too; a sample whose innermost frame waits is not CPU.
        if (waits.IsMatch(Name(stack)))
        {
            waiting++;
            continue;
        }
        samples++;
        if (leafPattern is not null && leafPattern.IsMatch(Name(stack)))
        {
            var frames = new List<string>();
            for (var f = stack; f is not null && frames.Count < 6; f = f.Caller) frames.Add(Name(f));
            var key = string.Join(" ← ", frames);
            leafStacks[key] = leafStacks.GetValueOrDefault(key) + 1;
        }
        var seen = new HashSet<string>();
        var first = true;
        for (var frame = stack; frame is not null; frame = frame.Caller)
        {
            var name = Name(frame);
            if (first) exclusive[name] = exclusive.GetValueOrDefault(name) + 1;
            first = false;
            if (seen.Add(name)) inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
        }
    }
    Console.WriteLine($"Samples of running threads: {samples:N0} (about one per millisecond per thread; {waiting:N0} of waiting threads left out) from {file}");
    if (leafPattern is not null)
    {
        Print($"stacks ending in {leaf}", leafStacks, samples, rows);
        return 0;
    }
    Print("inclusive", inclusive, samples, rows);
    Print("exclusive", exclusive, samples, rows);
    return 0;

    static string Name(TraceCallStack frame)
    {
        var address = frame.CodeAddress;
        var method = address.FullMethodName;
        return string.IsNullOrEmpty(method) ? $"{address.ModuleName}!?" : method;
    }
}

static void Print(string kind, Dictionary<string, int> counts, int samples, int rows)
{
    Console.WriteLine($"\n| method ({kind}) | samples | share |");
    Console.WriteLine("|---|---|---|");
    foreach (var (name, n) in counts.OrderByDescending(c => c.Value).Take(rows))
        Console.WriteLine($"| {name.Replace("|", "\\|")} | {n:N0} | {100.0 * n / samples:N1}% |");
}
