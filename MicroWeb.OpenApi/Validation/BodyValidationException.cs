using System.Text.Json;
using System.Text.Json.Serialization;
using MicroWeb.Http;
using MicroWeb.Validation;

namespace MicroWeb;

/// <summary>
/// A JSON body that does not satisfy its C# type: missing required members, values of the wrong type,
/// or failed data annotations. Answered <c>400</c> with <c>{"errors": [{"field": ..., "message": ...}]}</c>,
/// like flask-smorest's marshmallow errors.
/// </summary>
public sealed class BodyValidationException : HttpException
{
    /// <summary>Creates the exception and its JSON response.</summary>
    /// <param name="errors">Every problem found.</param>
    public BodyValidationException(IReadOnlyList<FieldError> errors)
        : base(400, "The request body is not valid: " + string.Join(" ", errors.Select(e => e.Message)))
    {
        Errors = errors;
        // Written through the package's own context: the app's (in a trimmed or AOT app) does not know these types.
        Response = new Response(JsonSerializer.SerializeToUtf8Bytes(new ValidationErrorBody(errors), ValidationJsonContext.Readable.ValidationErrorBody), 400, Response.JsonType);
    }

    /// <summary>Every problem found, in the order of the body's members.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>The JSON shape of a validation error response: <c>{"errors": [{"field": ..., "message": ...}]}</c>.</summary>
/// <param name="Errors">Every problem found.</param>
public sealed record ValidationErrorBody([property: JsonPropertyName("errors")] IReadOnlyList<FieldError> Errors);
