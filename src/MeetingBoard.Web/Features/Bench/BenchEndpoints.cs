namespace MeetingBoard.Web.Features.Bench;

/// <summary>
/// The floor every open <see cref="FloorPage"/> shows; bumping it re-renders them all, told the way the meeting
/// feed tells its circuits (<see cref="Live.MeetingFeed.TellAllAsync"/>), so the two differ only in what they render.
/// </summary>
public static class BenchFloor
{
    public static string Label { get; private set; } = "floor";

    static System.Collections.Immutable.ImmutableList<Func<string, Task>> pages = [];

    public static void Watch(Func<string, Task> page) => System.Collections.Immutable.ImmutableInterlocked.Update(ref pages, p => p.Add(page));

    public static void Unwatch(Func<string, Task> page) => System.Collections.Immutable.ImmutableInterlocked.Update(ref pages, p => p.Remove(page));

    public static Task BumpAsync(string label)
    {
        Label = label;
        return Live.MeetingFeed.TellAllAsync(pages, page => page(label));
    }
}

/// <summary>
/// Benchmark-only endpoints (bench/, docs/benchmarks.md), mapped only with MeetingBoard:Benchmarks:Enabled.
/// Without it every /bench address answers 404, the floor page included (the router would otherwise serve it).
/// </summary>
public static class BenchEndpoints
{
    public static void UseBenchOnlyWhenEnabled(this IApplicationBuilder app, BenchmarkOptions options)
    {
        if (options.Enabled) return;
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/bench"))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next();
        });
    }

    public static void MapBench(this IEndpointRouteBuilder app, BenchmarkOptions options)
    {
        if (!options.Enabled) return;
        app.MapPost("/bench/floor/{label}", (string label) =>
        {
            // Told from a thread of its own, as the meeting feed tells a meeting's circuits, and answered at once: the
            // answer is the acknowledgement F is measured from. (Telling every page before answering, as the floor did
            // until December, made F's figures from the answer too small.)
            _ = Task.Run(() => BenchFloor.BumpAsync(label));
            return Results.Accepted();
        }).DisableAntiforgery();
        // What this process has allocated and how long the GC has stopped it, so far: the bench reads it before and
        // after a scenario's changes to give bytes allocated and GC pause per circuit per change.
        // The last young collection's pause beside what it kept (promoted): whether a long pause came from what
        // survived (on this 2-core machine it mostly did not: docs/benchmarks.md, part 5).
        app.MapGet("/bench/gc", () =>
        {
            var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            var settings = GC.GetConfigurationVariables();
            return Results.Json(new
            {
                allocatedBytes = GC.GetTotalAllocatedBytes(),
                pauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
                gen0 = GC.CollectionCount(0),
                gen1 = GC.CollectionCount(1),
                gen2 = GC.CollectionCount(2),
                lastYoung = new
                {
                    index = last.Index,
                    pauseMs = last.PauseDurations.Length > 0 ? last.PauseDurations[0].TotalMilliseconds : 0,
                    promotedBytes = last.PromotedBytes,
                    heapBytes = last.HeapSizeBytes,
                },
                server = System.Runtime.GCSettings.IsServerGC,
                heaps = settings.TryGetValue("HeapCount", out var heaps) ? heaps : null,
            });
        });
    }
}
