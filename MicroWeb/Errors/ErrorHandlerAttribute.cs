namespace MicroWeb;

/// <summary>
/// Marks a method as the handler of an error, as Flask's <c>@app.errorhandler</c>: by status code
/// (<c>[ErrorHandler(404)]</c>) or by exception type (<c>[ErrorHandler(typeof(AccesoRestringidoAUsuarios))]</c>).
/// The method may take the exception, <see cref="Request"/>, <see cref="RequestContext"/> and return anything a route can.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ErrorHandlerAttribute : Attribute
{
    /// <summary>Handles an HTTP status (404, 405, 500, ...). A 500 handler also receives unhandled exceptions.</summary>
    public ErrorHandlerAttribute(int statusCode) => StatusCode = statusCode;

    /// <summary>Handles an exception type and its subclasses (the most derived registered type wins).</summary>
    public ErrorHandlerAttribute(Type exceptionType)
    {
        if (!typeof(Exception).IsAssignableFrom(exceptionType))
            throw new ArgumentException($"{exceptionType} is not an exception type.", nameof(exceptionType));
        ExceptionType = exceptionType;
    }

    /// <summary>The status handled, or null.</summary>
    public int? StatusCode { get; }

    /// <summary>The exception type handled, or null.</summary>
    public Type? ExceptionType { get; }
}
