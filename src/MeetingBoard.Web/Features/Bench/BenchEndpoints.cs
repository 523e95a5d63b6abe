namespace MeetingBoard.Web.Features.Bench;

/// <summary>The floor every open <see cref="FloorPage"/> shows; bumping it re-renders them all.</summary>
public static class BenchFloor
{
    public static string Label { get; private set; } = "floor";

    public static event Action<string>? Bumped;

    public static void Bump(string label)
    {
        Label = label;
        Bumped?.Invoke(label);
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
            BenchFloor.Bump(label);
            return Results.Accepted();
        }).DisableAntiforgery();
    }
}
