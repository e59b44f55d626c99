using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// A view decorator, as Flask's <c>@login_required</c>: runs before the handler of a route (after the request hooks)
/// and may answer instead of it. Put a subclass on a handler method, on a lambda (<c>app.Get("/x", [LoginRequired] () =&gt; ...)</c>)
/// or on a class of <c>[Route]</c> methods; give one to <c>Blueprint.Filter</c> for every route of a blueprint.
/// Override <see cref="Before"/>, or <see cref="BeforeAsync"/> for a filter that awaits.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public abstract class ViewFilterAttribute : Attribute
{
    /// <summary>Returns the response to send instead of calling the handler, or null to go on.</summary>
    public virtual Response? Before(RequestContext context) => null;

    /// <summary>The asynchronous form of <see cref="Before"/>; calls it unless overridden.</summary>
    public virtual ValueTask<Response?> BeforeAsync(RequestContext context) => new(Before(context));
}
