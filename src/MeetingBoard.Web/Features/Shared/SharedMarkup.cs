using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// Renders a component with no controls to an HTML string, outside any circuit, so that what a whole
/// audience sees the same way is built once and every circuit shows it as one markup frame: the diff
/// compares one string (by reference when nothing changed) instead of building and diffing the same
/// frames in every circuit. Text is encoded as Blazor encodes it when it prerenders a page.
/// </summary>
public sealed class SharedMarkup(IServiceProvider services, ILoggerFactory logs)
{
    public string Render<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        // A renderer per call: an HtmlRenderer keeps every root component it rendered until it is disposed.
        // Its own scope: the renderer asks for the framework's scoped services, which the root refuses.
        using var scope = services.CreateScope();
        using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        // The components given here render synchronously, so this completes before it returns: nothing waits on a circuit.
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return root.ToHtmlString();
        }).GetAwaiter().GetResult();
    }
}
