using MicroWeb.Http;

namespace MicroWeb.Errors;

/// <summary>
/// Error handlers by status code and by exception type. For an exception, the handler of the most derived
/// registered type wins; HTTP errors (<see cref="HttpException"/>, including Abort) are looked up by code.
/// </summary>
internal sealed class ErrorHandlerRegistry
{
    private readonly Dictionary<int, ErrorHandler> _byCode = [];
    private readonly Dictionary<Type, ErrorHandler> _byType = [];

    /// <summary>Adds a handler for a status or for an exception type (exactly one of the two is given).</summary>
    public void Add(int? statusCode, Type? exceptionType, ErrorHandler handler)
    {
        if (statusCode is { } code) Add(code, handler);
        else Add(exceptionType!, handler);
    }

    /// <summary>Adds every handler of <paramref name="other"/> (a blueprint's app-wide ones).</summary>
    public void AddFrom(ErrorHandlerRegistry other)
    {
        foreach (var (code, handler) in other._byCode) Add(code, handler);
        foreach (var (type, handler) in other._byType) Add(type, handler);
    }

    public void Add(int statusCode, ErrorHandler handler)
    {
        if (statusCode is < 400 or > 599) throw new ArgumentOutOfRangeException(nameof(statusCode), "Error handlers are for 4xx and 5xx statuses.");
        if (!_byCode.TryAdd(statusCode, handler))
            throw new InvalidOperationException($"Status {statusCode} already has an error handler ({_byCode[statusCode].Name}).");
    }

    public void Add(Type exceptionType, ErrorHandler handler)
    {
        if (!_byType.TryAdd(exceptionType, handler))
            throw new InvalidOperationException($"{exceptionType.Name} already has an error handler ({_byType[exceptionType].Name}).");
    }

    /// <summary>The handler for an exception: by type first (most derived), then by its status code.</summary>
    public ErrorHandler? Find(Exception error, int status) => FindByType(error) ?? _byCode.GetValueOrDefault(status);

    /// <summary>The handler registered for the exception's type or its nearest base type, or null.</summary>
    public ErrorHandler? FindByType(Exception error)
    {
        for (var type = error.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            if (_byType.TryGetValue(type, out var byType)) return byType;
        return null;
    }
}
