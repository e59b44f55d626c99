using MicroWeb.Http;
using MicroWeb.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroWeb.Handlers;

/// <summary>
/// One route of one handler: how each handler argument is produced for that rule. Route variables are
/// converted to parameter types during matching (a value that does not convert makes the rule not match).
/// </summary>
internal sealed class RouteBinding
{
    private readonly ParameterSource[] _sources;
    private readonly int[] _valueIndex; // per parameter: index of the rule variable feeding it, or -1
    private readonly Type[] _variableTargets; // per rule variable: the parameter type it converts to
    private readonly bool _simple; // no JSON body to read: every argument is at hand, no awaits needed
    private readonly bool _valuesAreArguments; // parameters are exactly the rule's variables, in order

    /// <param name="handler">The handler.</param>
    /// <param name="rule">The parsed rule.</param>
    /// <param name="services">Tells which parameter types the app's services provide.</param>
    /// <param name="defaults">Names of the rule's defaults: they bind as the rule's variables do, after them.</param>
    public RouteBinding(Handler handler, ParsedRule rule, IServiceProviderIsService? services = null, IEnumerable<string>? defaults = null)
    {
        Handler = handler;
        var variables = rule.Variables.Select(v => v.Name).Concat(defaults ?? []).ToArray();
        _sources = new ParameterSource[handler.Parameters.Length];
        _valueIndex = new int[handler.Parameters.Length];
        _variableTargets = new Type[variables.Length];
        Array.Fill(_variableTargets, typeof(object));
        var used = new bool[variables.Length];

        for (var i = 0; i < handler.Parameters.Length; i++)
        {
            var p = handler.Parameters[i];
            var source = ParameterSource.For(p, variables, services)
                ?? throw new InvalidOperationException(
                    $"Handler {handler.Name}: parameter '{p.Name}' ({p.ParameterType.Name}) is neither a variable of rule '{rule.Text}' " +
                    "nor injectable (Request, RequestContext, CancellationToken, MicroWebApp, [FromQuery], [FromBody], [FromServices], a registered service or a JSON body type).");
            _sources[i] = source;
            _valueIndex[i] = -1;
            if (source is not ParameterSource.RouteVariable) continue;

            var index = Array.FindIndex(variables, v => ParameterSource.NamesMatch(v, p.Name!));
            if (index < 0)
            {
                if (!p.HasDefaultValue)
                    throw new InvalidOperationException($"Handler {handler.Name}: parameter '{p.Name}' is not in rule '{rule.Text}' and has no default value.");
                continue;
            }
            if (!ValueConversion.IsSupported(p.ParameterType))
                throw new InvalidOperationException($"Handler {handler.Name}: parameter '{p.Name}' has type {p.ParameterType.Name}, which a URL value cannot be converted to.");
            _valueIndex[i] = index;
            _variableTargets[index] = p.ParameterType;
            used[index] = true;
        }

        var takesRequest = _sources.Any(s => s.Type == typeof(Request) || s.Type == typeof(RequestContext));
        for (var v = 0; v < variables.Length; v++)
            if (!used[v] && !takesRequest)
                throw new InvalidOperationException($"Handler {handler.Name}: rule '{rule.Text}' has variable '{variables[v]}' but the handler has no parameter for it.");

        Filters = [.. handler.Method.DeclaringType?.GetCustomAttributes(typeof(ViewFilterAttribute), inherit: true).Cast<ViewFilterAttribute>() ?? [],
            .. handler.Method.GetCustomAttributes(typeof(ViewFilterAttribute), inherit: true).Cast<ViewFilterAttribute>()];
        _simple = !_sources.Any(s => s is ParameterSource.Body);
        ValueTypes = _variableTargets.All(t => t == typeof(object)) ? null : _variableTargets;
        Parameters = [.. _sources.Select(s => s.Describe())];
        _valuesAreArguments = _sources.Length == variables.Length;
        for (var i = 0; i < _valueIndex.Length && _valuesAreArguments; i++) _valuesAreArguments = _valueIndex[i] == i;
    }

    public Handler Handler { get; }

    /// <summary>The view filters of the handler: those on its class first, then those on the method.</summary>
    public ViewFilterAttribute[] Filters { get; }

    /// <summary>Where each handler argument comes from, in parameter order (read by the OpenAPI generator).</summary>
    public IReadOnlyList<ParameterSource> Sources => _sources;

    /// <summary>Per rule value, the parameter type the matcher converts it to (<see cref="Route.ValueTypes"/>); null
    /// when the handler takes every value as the converter gives it.</summary>
    public Type[]? ValueTypes { get; }

    /// <summary>The handler's parameters as route metadata (<see cref="Route.Parameters"/>).</summary>
    public IReadOnlyList<HandlerParameter> Parameters { get; }

    public ValueTask<object?> InvokeAsync(RequestContext context, object?[] values)
    {
        if (_sources.Length == 0) return Handler.InvokeAsync(context.App, []);
        // The matcher made a fresh values array for this request, already converted: it is the argument array.
        if (_valuesAreArguments) return Handler.InvokeAsync(context.App, values);
        if (!_simple) return InvokeWithBodyAsync(context, values);
        var args = new object?[_sources.Length];
        for (var i = 0; i < args.Length; i++) args[i] = Resolve(i, context, values);
        return Handler.InvokeAsync(context.App, args);
    }

    private async ValueTask<object?> InvokeWithBodyAsync(RequestContext context, object?[] values)
    {
        var args = new object?[_sources.Length];
        for (var i = 0; i < args.Length; i++)
            args[i] = _sources[i] is ParameterSource.Body body ? await body.ReadAsync(context) : Resolve(i, context, values);
        return await Handler.InvokeAsync(context.App, args);
    }

    private object? Resolve(int i, RequestContext context, object?[] values) => _sources[i] switch
    {
        ParameterSource.Injected injected => injected.Get(context),
        ParameterSource.Query query => query.Read(context.Request),
        ParameterSource.RouteVariable when _valueIndex[i] >= 0 => values[_valueIndex[i]],
        var s => s.Parameter.DefaultValue,
    };
}
