using System.Collections;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MicroWeb.Handlers;
using MicroWeb.Http;
using MicroWeb.Routing;
using MicroWeb.Routing.Converters;
using MicroWeb.Validation;

namespace MicroWeb.OpenApi;

/// <summary>
/// Builds an OpenAPI 3.1 document from the route table, as flask-smorest does from its blueprints: one path per
/// rule (<c>&lt;int:id&gt;</c> becomes <c>{id}</c>), one operation per declared method, path parameters typed by
/// their converters, <c>[FromQuery]</c> parameters, JSON bodies and responses typed by the handler's C# types,
/// texts from <c>[Summary]</c>, <c>[Description]</c> and XML doc comments.
/// </summary>
internal sealed partial class OpenApiDocumentBuilder(RouteTable routes, JsonSerializerOptions json, OpenApiOptions options)
{
    // Methods OpenAPI 3.1 has a field for, in the order the explorer lists them.
    private static readonly string[] DocumentedMethods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    private readonly SchemaGenerator _schemas = new(json);
    private readonly HashSet<string> _operationIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string?> _tags = new(StringComparer.Ordinal);

    public JsonObject Build()
    {
        var paths = new JsonObject();
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal); // template with names blanked -> template
        foreach (var route in routes.Routes)
        {
            if (route.IsWebSocket || route.HandlerMethod is not { } handlerMethod || IsExcluded(route, handlerMethod)) continue;
            var template = Template(route.Parsed);
            // "/a/{x}" and "/a/{y}" are the same path to OpenAPI: the first registered keeps it.
            var shape = TemplateName().Replace(template, "{}");
            if (shapes.TryGetValue(shape, out var existing) && existing != template) continue;
            shapes[shape] = template;

            var item = paths[template] as JsonObject ?? new JsonObject();
            foreach (var method in DocumentedMethods.Where(route.DeclaredMethods.Contains))
            {
                var key = method.ToLowerInvariant();
                if (item.ContainsKey(key)) continue;
                item[key] = Operation(route, handlerMethod, method);
            }
            if (item.Count > 0) paths[template] = item;
        }

        var info = new JsonObject { ["title"] = options.Title, ["version"] = options.Version };
        if (options.Description is { } description) info["description"] = description;
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = info,
        };
        if (_tags.Count > 0)
            document["tags"] = new JsonArray(_tags.Select(t => (JsonNode)WithDescription(new JsonObject { ["name"] = t.Key }, t.Value)).ToArray());
        document["paths"] = paths;
        var components = _schemas.Components();
        if (components.Count > 0) document["components"] = new JsonObject { ["schemas"] = components };
        return document;
    }

    // Static files are files, not API operations (as flask-smorest leaves Flask's static route out).
    private bool IsExcluded(Route route, MethodInfo method) =>
        route.Endpoint == "static" || route.Endpoint.EndsWith(".static", StringComparison.Ordinal)
        || method.IsDefined(typeof(ExcludeFromOpenApiAttribute), true)
        || method.DeclaringType?.IsDefined(typeof(ExcludeFromOpenApiAttribute), true) == true
        || options.Include is { } include && !include(route);

    /// <summary>A rule as an OpenAPI path template: <c>/blog/&lt;int:id&gt;</c> → <c>/blog/{id}</c>.</summary>
    internal static string Template(ParsedRule rule) =>
        "/" + string.Join("/", rule.Segments.Select(s => string.Concat(s.Pieces.Select(p => p switch
        {
            VariablePiece v => "{" + v.Name + "}",
            LiteralPiece l => l.Text,
            _ => "",
        }))));

    private JsonObject Operation(Route route, MethodInfo handler, string method)
    {
        var doc = IsGenerated(handler) ? null : XmlDocs.For(handler);
        var operation = new JsonObject();

        var tags = Tags(handler);
        if (tags.Length > 0) operation["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray());
        if ((handler.GetCustomAttribute<SummaryAttribute>()?.Summary ?? XmlDocs.Text(doc, "summary")) is { } summary) operation["summary"] = summary;
        if ((handler.GetCustomAttribute<DescriptionAttribute>()?.Description ?? XmlDocs.Text(doc, "remarks")) is { } description) operation["description"] = description;
        operation["operationId"] = OperationId(route, method);

        var parameters = new JsonArray();
        // The path's variables only: a subdomain variable is no path parameter.
        foreach (var variable in route.Parsed.Segments.SelectMany(s => s.Variables)) parameters.Add((JsonNode)PathParameter(variable, route, doc));
        foreach (var query in route.Parameters.Where(p => p.Origin == ParameterOrigin.Query)) parameters.Add((JsonNode)QueryParameter(query, doc));
        if (parameters.Count > 0) operation["parameters"] = parameters;

        var typedBody = route.Parameters.FirstOrDefault(p => p.Origin == ParameterOrigin.Body);
        if (RequestBody(handler, typedBody, doc) is { } body) operation["requestBody"] = body;

        var responses = Responses(handler, doc);
        if (typedBody is not null && !IsJsonDom(typedBody.Parameter.ParameterType) && !responses.ContainsKey("400"))
            responses["400"] = new JsonObject
            {
                ["description"] = "The body is not valid: every problem, by field.",
                ["content"] = new JsonObject { [Response.JsonType] = new JsonObject { ["schema"] = _schemas.SchemaFor(typeof(ValidationErrorBody)) } },
            };
        operation["responses"] = responses;
        return operation;
    }

    private string[] Tags(MethodInfo handler)
    {
        var owner = handler.DeclaringType;
        var declared = handler.GetCustomAttribute<TagsAttribute>() ?? owner?.GetCustomAttribute<TagsAttribute>();
        string[] tags = declared is not null ? [.. declared.Tags]
            : owner is not null && !IsGeneratedType(owner) ? [owner.Name]
            : [];
        foreach (var tag in tags)
            if (!_tags.ContainsKey(tag))
                _tags[tag] = declared is null && owner is not null ? XmlDocs.Text(XmlDocs.For(owner), "summary") : null;
        return tags;
    }

    private string OperationId(Route route, string method)
    {
        var baseId = route.DeclaredMethods.Count > 1 ? $"{route.Endpoint}_{method.ToLowerInvariant()}" : route.Endpoint;
        baseId = UnsafeIdChars().Replace(baseId, "_");
        var id = baseId;
        for (var i = 2; !_operationIds.Add(id); i++) id = $"{baseId}_{i}";
        return id;
    }

    // ---- parameters ----

    private JsonObject PathParameter(VariablePiece variable, Route route, XElement? doc)
    {
        var bound = route.Parameters.FirstOrDefault(p => p.Origin == ParameterOrigin.RouteValue && Names.Same(variable.Name, p.Name))?.Parameter;
        var parameter = new JsonObject
        {
            ["name"] = variable.Name,
            ["in"] = "path",
            ["required"] = true,
            ["schema"] = ConverterSchema(variable.Converter, bound?.ParameterType),
        };
        var description = bound is null ? null : XmlDocs.Param(doc, bound.Name ?? variable.Name);
        if (variable.Converter is PathConverter) description = (description is null ? "" : description + " ") + "May contain slashes.";
        return WithDescription(parameter, description);
    }

    private JsonNode ConverterSchema(RouteConverter converter, Type? parameterType)
    {
        var target = parameterType is null ? null : Nullable.GetUnderlyingType(parameterType) ?? parameterType;
        switch (converter)
        {
            case IntConverter c:
            {
                var schema = new JsonObject { ["type"] = "integer", ["format"] = target == typeof(int) ? "int32" : "int64" };
                if ((c.Min ?? (c.Signed ? null : 0)) is { } min) schema["minimum"] = min;
                if (c.Max is { } max) schema["maximum"] = max;
                else if (target == typeof(int)) schema["maximum"] = int.MaxValue; // larger values do not bind: 404
                return schema;
            }
            case FloatConverter c:
            {
                var schema = new JsonObject { ["type"] = "number" };
                if ((c.Min ?? (c.Signed ? null : 0)) is { } min) schema["minimum"] = min;
                if (c.Max is { } max) schema["maximum"] = max;
                return schema;
            }
            case UuidConverter:
                return new JsonObject { ["type"] = "string", ["format"] = "uuid" };
            case AnyConverter c:
                return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(c.Items.Select(i => (JsonNode?)i).ToArray()) };
            case PathConverter:
                return new JsonObject { ["type"] = "string" };
            case StringConverter c when target is null || target == typeof(string) || target == typeof(object):
            {
                var schema = new JsonObject { ["type"] = "string" };
                if (c.MinLength > 0) schema["minLength"] = c.MinLength;
                if (c.MaxLength is { } max) schema["maxLength"] = max;
                return schema;
            }
            default:
                // A string variable bound to an enum or number, or a custom converter: the bound type says more.
                var type = target ?? converter.ValueType;
                return type == typeof(string) ? new JsonObject { ["type"] = "string" } : _schemas.SchemaFor(type);
        }
    }

    private JsonObject QueryParameter(HandlerParameter query, XElement? doc)
    {
        var p = query.Parameter;
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        var schema = _schemas.SchemaFor(type);
        if (p.HasDefaultValue && p.DefaultValue is { } value && schema is JsonObject s && !s.ContainsKey("$ref"))
            s["default"] = JsonMetadata.SerializeToNode(value, json);
        var parameter = new JsonObject
        {
            ["name"] = query.Name,
            ["in"] = "query",
            // As the binder: missing is an error only for non-nullable value types without a default.
            ["required"] = !p.HasDefaultValue && p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null,
            ["schema"] = schema,
        };
        return WithDescription(parameter, XmlDocs.Param(doc, p.Name ?? query.Name));
    }

    private JsonObject? RequestBody(MethodInfo handler, HandlerParameter? body, XElement? doc)
    {
        var accepts = handler.GetCustomAttribute<AcceptsAttribute>();
        if (accepts is null && body is null) return null;
        var schema = _schemas.SchemaFor(accepts?.Type ?? body!.Parameter.ParameterType);
        var result = new JsonObject
        {
            ["content"] = new JsonObject { [accepts?.ContentType ?? Response.JsonType] = new JsonObject { ["schema"] = schema } },
            ["required"] = accepts?.Required ?? !body!.Parameter.HasDefaultValue,
        };
        return WithDescription(result, body is null ? null : XmlDocs.Param(doc, body.Name));
    }

    // ---- responses ----

    // What the handler produces once awaited: typeof(void) for void, Task and ValueTask.
    private static Type ResultType(Type returnType)
    {
        if (returnType == typeof(Task) || returnType == typeof(ValueTask)) return typeof(void);
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Task<>) || definition == typeof(ValueTask<>))) return returnType.GetGenericArguments()[0];
        return returnType;
    }

    private JsonObject Responses(MethodInfo handler, XElement? doc)
    {
        var responses = new JsonObject();
        var texts = XmlDocs.Responses(doc);
        var declared = handler.GetCustomAttributes<ProducesAttribute>().OrderBy(p => p.StatusCode).ToArray();
        if (declared.Length > 0)
        {
            foreach (var p in declared)
            {
                var key = p.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (responses.ContainsKey(key)) continue;
                responses[key] = ResponseObject(p.Description ?? texts.GetValueOrDefault(p.StatusCode) ?? StatusCodes.Phrase(p.StatusCode), p.Type, p.ContentType);
            }
            return responses;
        }

        var returns = XmlDocs.Text(doc, "returns");
        var result = ResultType(handler.ReturnType);
        if (result == typeof(void))
            responses["204"] = ResponseObject(texts.GetValueOrDefault(204) ?? returns ?? StatusCodes.Phrase(204), null, null);
        else if (result == typeof(object) || typeof(Response).IsAssignableFrom(result) || typeof(ITuple).IsAssignableFrom(result) && result.IsValueType)
        {
            // The status is decided at run time ((body, 201), Response...): say what the body is, when the type tells.
            var bodyType = typeof(ITuple).IsAssignableFrom(result) && result.IsGenericType ? result.GetGenericArguments()[0] : null;
            if (bodyType == typeof(object)) bodyType = null;
            responses["default"] = ResponseObject(returns ?? "The handler's response.", bodyType, null);
        }
        else
            responses["200"] = ResponseObject(texts.GetValueOrDefault(200) ?? returns ?? StatusCodes.Phrase(200), result, null);
        foreach (var (code, text) in texts)
        {
            var key = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!responses.ContainsKey(key)) responses[key] = ResponseObject(text, null, null);
        }
        return responses;
    }

    private JsonObject ResponseObject(string description, Type? type, string? contentType)
    {
        var response = new JsonObject { ["description"] = description };
        if (type is null || type == typeof(void)) return response;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            // A streamed result (see Streaming.StreamedResults): NDJSON lines are each one item.
            var item = type.GetGenericArguments()[0];
            var (streamMedia, itemSchema) = item == typeof(string) ? ("text/html", new JsonObject { ["type"] = "string" })
                : item == typeof(byte[]) || item == typeof(ReadOnlyMemory<byte>) ? ("application/octet-stream", new JsonObject())
                : item == typeof(Streaming.ServerSentEvent) ? ("text/event-stream", new JsonObject { ["type"] = "string" })
                : (Streaming.StreamedResults.NdjsonType, _schemas.SchemaFor(item));
            response["content"] = new JsonObject { [contentType ?? streamMedia] = new JsonObject { ["schema"] = itemSchema } };
            return response;
        }
        var (media, schema) = type == typeof(string) ? ("text/html", new JsonObject { ["type"] = "string" })
            : type == typeof(byte[]) || typeof(Stream).IsAssignableFrom(type) ? ("application/octet-stream", new JsonObject())
            : (Response.JsonType, _schemas.SchemaFor(type));
        response["content"] = new JsonObject { [contentType ?? media] = new JsonObject { ["schema"] = schema } };
        return response;
    }

    // ---- helpers ----

    private static bool IsJsonDom(Type type) => typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement);

    private static bool IsGenerated(MethodInfo method) => method.Name.Contains('<') || method.DeclaringType is { } t && IsGeneratedType(t);

    private static bool IsGeneratedType(Type type) => type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.Contains('<');

    private static JsonObject WithDescription(JsonObject target, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description)) target["description"] = description;
        return target;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeIdChars();
}
