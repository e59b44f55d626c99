using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroWeb.Http;
using MicroWeb.Routing;
using MicroWeb.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace MicroWeb.Handlers;

/// <summary>Where one handler argument comes from; decided once at startup.</summary>
internal abstract record ParameterSource(ParameterInfo Parameter)
{
    public string Name => Parameter.Name ?? "?";
    public Type Type => Parameter.ParameterType;

    /// <summary>Decides the source of a parameter, or returns null when nothing can supply it.</summary>
    public static ParameterSource? For(ParameterInfo p, IReadOnlyCollection<string> ruleVariables, IServiceProviderIsService? services = null)
    {
        var t = p.ParameterType;
        if (t == typeof(Request)) return new Injected(p, c => c.Request);
        if (t == typeof(RequestContext)) return new Injected(p, c => c);
        if (t == typeof(MicroWebApp)) return new Injected(p, c => c.App);
        if (t == typeof(CancellationToken)) return new Injected(p, c => c.Request.Aborted);
        if (t == typeof(WebSocketConnection))
            return new Injected(p, c => c.WebSocket ?? throw new InvalidOperationException($"Parameter '{p.Name}': a WebSocketConnection is given to WebSocket routes only."));
        // From the request's scope, as ASP.NET Core's minimal APIs: marked, or of a type the container knows.
        if (p.GetCustomAttribute<FromServicesAttribute>() is not null || services?.IsService(t) == true)
            return new Injected(p, c => c.RequestServices.GetRequiredService(t));
        if (p.GetCustomAttribute<FromQueryAttribute>() is { } q) return new Query(p, q.Name ?? p.Name!);
        if (p.GetCustomAttribute<FromBodyAttribute>() is not null) return new Body(p);
        if (ruleVariables.Any(v => NamesMatch(v, p.Name!)) || p.HasDefaultValue && ValueConversion.IsSupported(t)) return new RouteVariable(p);
        if (t == typeof(JsonNode) || t == typeof(JsonElement) || t == typeof(JsonObject) || IsComplex(t)) return new Body(p);
        return null;
    }

    /// <summary>Rule variables bind to parameters by name, under MicroWeb's one rule for names (<see cref="Names"/>).</summary>
    public static bool NamesMatch(string variable, string parameter) => Names.Same(variable, parameter);

    /// <summary>This source as public route metadata.</summary>
    public HandlerParameter Describe() => this switch
    {
        Query query => new HandlerParameter(Parameter, ParameterOrigin.Query, query.QueryName),
        Body => new HandlerParameter(Parameter, ParameterOrigin.Body, Name),
        Injected => new HandlerParameter(Parameter, ParameterOrigin.Service, Name),
        _ => new HandlerParameter(Parameter, ParameterOrigin.RouteValue, Name),
    };

    private static bool IsComplex(Type t) =>
        !ValueConversion.IsSupported(t) && !t.IsPrimitive && !t.IsPointer && !typeof(Delegate).IsAssignableFrom(t)
        && (t.IsClass || t.IsValueType) && t != typeof(string);

    public sealed record Injected(ParameterInfo P, Func<RequestContext, object?> Get) : ParameterSource(P);

    public sealed record RouteVariable(ParameterInfo P) : ParameterSource(P);

    public sealed record Query(ParameterInfo P, string QueryName) : ParameterSource(P)
    {
        public object? Read(Request request)
        {
            var raw = request.QueryValue(QueryName);
            if (raw is null)
            {
                if (Parameter.HasDefaultValue) return Parameter.DefaultValue;
                if (!Type.IsValueType || Nullable.GetUnderlyingType(Type) is not null) return null;
                throw new HttpException(400, $"The query argument '{QueryName}' is required.");
            }
            return ValueConversion.TryConvert(raw, Type, out var value)
                ? value
                : throw new HttpException(400, $"The query argument '{QueryName}' is not a valid {Nullable.GetUnderlyingType(Type)?.Name ?? Type.Name}.");
        }
    }

    public sealed record Body(ParameterInfo P) : ParameterSource(P)
    {
        public async ValueTask<object?> ReadAsync(RequestContext context)
        {
            var request = context.Request;
            if (request.HasBody && !request.IsJson) throw new HttpException(415, "The body must be JSON (Content-Type: application/json).");
            // Parsed as it arrives; the body is never held as bytes besides the parsed document.
            var root = request.HasBody ? await request.ReadJsonElementAsync(context.App.JsonOptions) : null;
            if (Type == typeof(JsonNode) || Type == typeof(JsonObject))
            {
                var node = await request.ReadJsonNodeAsync();
                if (node is null && !Parameter.HasDefaultValue) throw new HttpException(400, "A JSON body is required.");
                return Type == typeof(JsonObject) && node is not null and not JsonObject
                    ? throw new HttpException(400, "The request body must be a JSON object.")
                    : node;
            }
            if (root is null)
            {
                if (Parameter.HasDefaultValue) return Parameter.DefaultValue;
                throw new HttpException(400, "A JSON body is required.");
            }
            // Typed bodies are checked against their C# type (required members, data annotations): 400 with field errors.
            var value = Type == typeof(JsonElement) ? root.Value : JsonBody.Read(root.Value, Type, context.App.JsonOptions);
            return value ?? (Parameter.HasDefaultValue ? Parameter.DefaultValue : throw new HttpException(400, "The JSON body must not be null."));
        }
    }
}
