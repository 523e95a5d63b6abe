using System.Text.Json;
using Microsoft.Playwright;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// Runs axe-core inside a page and fails on any WCAG 2.2 A/AA violation. axe.min.js comes embedded in
/// the NuGet package Deque.AxeCore.Commons (found among its manifest resources, so a clean clone needs
/// no npm). Evaluated through the DevTools protocol, so the page's own CSP stays as it is.
/// </summary>
public static class Axe
{
    static readonly Lazy<string> Script = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeResult).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("axe.min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        // A live page is checked as people use it: once its circuit has replaced the prerendered page
        // (meanwhile the page is inert and the framework swaps the <title>).
        if (await page.Locator("[data-mb-page]").CountAsync() > 0) await LivePages.WaitUntilLiveAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.EvaluateAsync(Script.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
              });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"axe found {list.Count} problem(s) on {state} ({page.Url}):\n{string.Join("\n", list)}");
    }
}
