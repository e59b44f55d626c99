using System.Reflection;
using MicroWeb.Handlers;
using MicroWeb.Http;

namespace MicroWeb.Errors;

/// <summary>
/// A registered error handler: a compiled handler whose parameters receive the exception or injected values.
/// Parameters are checked at registration, so a handler that could never be called fails at startup.
/// </summary>
internal sealed class ErrorHandler
{
    private readonly Handler _handler;
    private readonly Func<RequestContext, Exception, object?>[] _arguments;

    public ErrorHandler(Handler handler)
    {
        _handler = handler;
        _arguments = handler.Parameters.Select(Resolver).ToArray();
    }

    public string Name => _handler.Name;

    private Func<RequestContext, Exception, object?> Resolver(ParameterInfo p)
    {
        var type = p.ParameterType;
        if (type == typeof(HttpException))
            return (_, e) => e as HttpException ?? new HttpException(500, null, e);
        if (typeof(Exception).IsAssignableFrom(type))
            return (_, e) => type.IsInstanceOfType(e) ? e : e is HttpException { InnerException: { } inner } && type.IsInstanceOfType(inner) ? inner : null;
        if (type == typeof(int) && p.Name is "code" or "status" or "statusCode")
            return (_, e) => e is HttpException h ? h.StatusCode : 500;
        if (ParameterSource.For(p, []) is ParameterSource.Injected injected)
            return (c, _) => injected.Get(c);
        throw new InvalidOperationException(
            $"Error handler {_handler.Name}: parameter '{p.Name}' ({type.Name}) must be the exception, an int 'code', Request, RequestContext, CancellationToken or MicroWebApp.");
    }

    /// <summary>Runs the handler. A body without an explicit status keeps the error's status (see README).</summary>
    public async Task<Response> InvokeAsync(RequestContext context, Exception error, int status)
    {
        var args = new object?[_arguments.Length];
        for (var i = 0; i < args.Length; i++) args[i] = _arguments[i](context, error);
        var result = await _handler.InvokeAsync(context.App, args);
        var response = ResultConverter.ToResponse(result, context.App);
        var explicitStatus = result is Response || result is System.Runtime.CompilerServices.ITuple;
        if (!explicitStatus) response.StatusCode = status;
        return response;
    }
}
