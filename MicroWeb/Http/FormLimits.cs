namespace MicroWeb.Http;

/// <summary>The 413s of form parsing. The rest of the body is still on the connection, so the connection closes.</summary>
internal static class FormLimits
{
    public static HttpException TooLarge(Request request) =>
        Request.Closing(413, $"The form's fields exceed the limit of {request.MaxFormMemorySize} bytes (MaxFormMemorySize).");

    public static HttpException TooManyParts(Request request) =>
        Request.Closing(413, $"The form has more than {request.MaxFormParts} fields and files (MaxFormParts).");
}
