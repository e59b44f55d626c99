namespace MicroWeb;

/// <summary>
/// Declares a response of a handler for the OpenAPI description, as flask-smorest's <c>@blp.response</c>:
/// <c>[Produces(201, typeof(Fruta))]</c>, <c>[Produces(404)]</c>. Repeatable. When a handler has any, they
/// replace the response inferred from its return type.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProducesAttribute(int statusCode, Type? type = null) : Attribute
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The body's type, or null for a response without a body.</summary>
    public Type? Type { get; } = type;

    /// <summary>Media type of the body; by default text/html for strings, application/octet-stream for bytes
    /// and streams, application/json for anything else.</summary>
    public string? ContentType { get; set; }

    /// <summary>What the response means; the status's reason phrase when null.</summary>
    public string? Description { get; set; }
}

/// <summary>
/// Declares the JSON body a handler expects when it reads the body itself (a <c>JsonObject</c> or the
/// <c>Request</c>), so the OpenAPI description still shows its schema: <c>[Accepts(typeof(Fruta))]</c>.
/// Handlers with a typed body parameter need no attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceptsAttribute(Type type) : Attribute
{
    /// <summary>The body's type.</summary>
    public Type Type { get; } = type;

    /// <summary>Media type of the body.</summary>
    public string ContentType { get; set; } = "application/json";

    /// <summary>False when the body may be left out.</summary>
    public bool Required { get; set; } = true;
}

/// <summary>
/// A one-line summary of an operation for the OpenAPI description. Without it the handler's XML doc
/// <c>&lt;summary&gt;</c> is used (and <c>&lt;remarks&gt;</c> as the description); the longer text comes from
/// <see cref="System.ComponentModel.DescriptionAttribute"/> when given.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SummaryAttribute(string summary) : Attribute
{
    /// <summary>The summary.</summary>
    public string Summary { get; } = summary;
}

/// <summary>
/// Groups operations in the OpenAPI description and the explorer. On a class it applies to all its handlers;
/// without it, a handler class's name is its tag.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class TagsAttribute(params string[] tags) : Attribute
{
    /// <summary>The tags.</summary>
    public IReadOnlyList<string> Tags { get; } = tags;
}

/// <summary>Leaves a handler (or every handler of a class) out of the OpenAPI description.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ExcludeFromOpenApiAttribute : Attribute;
