using System.Reflection;

namespace MicroWeb.Routing;

/// <summary>Where a handler argument comes from.</summary>
public enum ParameterOrigin
{
    /// <summary>A variable of the rule (or one of its defaults), converted to the parameter's type.</summary>
    RouteValue,
    /// <summary>The query string (<c>[FromQuery]</c>).</summary>
    Query,
    /// <summary>The JSON body (<c>[FromBody]</c>, or a complex type).</summary>
    Body,
    /// <summary>Given by MicroWeb: the request, its context, the app, the cancellation token, or a service.</summary>
    Service,
}

/// <summary>One parameter of a route's handler and where its value comes from; read by documentation generators such
/// as MicroWeb.OpenApi.</summary>
/// <param name="Parameter">The parameter as declared.</param>
/// <param name="Origin">Where its value comes from.</param>
/// <param name="Name">The name it is read under: the query name for <see cref="ParameterOrigin.Query"/>, else the
/// parameter's name.</param>
public sealed record HandlerParameter(ParameterInfo Parameter, ParameterOrigin Origin, string Name);
