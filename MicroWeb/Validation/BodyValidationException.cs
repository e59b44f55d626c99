using System.Text.Json;
using System.Text.Json.Serialization;
using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// A JSON body that does not satisfy its C# type: missing required members, values of the wrong type,
/// or failed data annotations. Answered <c>400</c> with <c>{"errors": [{"field": ..., "message": ...}]}</c>,
/// like flask-smorest's marshmallow errors.
/// </summary>
public sealed class BodyValidationException : HttpException
{
    /// <summary>Creates the exception and its JSON response.</summary>
    public BodyValidationException(IReadOnlyList<FieldError> errors, JsonSerializerOptions? json = null)
        : base(400, "The request body is not valid: " + string.Join(" ", errors.Select(e => e.Message)))
    {
        Errors = errors;
        Response = Response.Json(new ValidationErrorBody(errors), 400, json);
    }

    /// <summary>Every problem found, in the order of the body's members.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>The JSON shape of a validation error response: <c>{"errors": [{"field": ..., "message": ...}]}</c>.</summary>
/// <param name="Errors">Every problem found.</param>
public sealed record ValidationErrorBody([property: JsonPropertyName("errors")] IReadOnlyList<FieldError> Errors);
