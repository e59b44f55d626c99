using System.Reflection;

namespace MicroWeb.Commands;

/// <summary>A command registered with <c>app.Command</c>: a delegate whose parameters are filled by type.</summary>
internal sealed class Command
{
    public Command(string name, Delegate handler, string? help)
    {
        Name = name;
        Help = help;
        _handler = handler;
        foreach (var p in handler.Method.GetParameters())
            if (p.ParameterType != typeof(string[]) && p.ParameterType != typeof(MicroWebApp) && p.ParameterType != typeof(TextWriter))
                throw new ArgumentException($"Command '{name}': parameter '{p.Name}' must be string[] (the arguments), MicroWebApp or TextWriter (the output).");
        var result = handler.Method.ReturnType;
        if (result != typeof(void) && result != typeof(int) && result != typeof(Task) && result != typeof(Task<int>))
            throw new ArgumentException($"Command '{name}' must return void, int, Task or Task<int> (the exit code).");
    }

    private readonly Delegate _handler;

    public string Name { get; }

    public string? Help { get; }

    public int Invoke(MicroWebApp app, string[] args, TextWriter output)
    {
        var arguments = _handler.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(string[]) ? args : p.ParameterType == typeof(MicroWebApp) ? (object)app : output).ToArray();
        object? result;
        try
        {
            result = _handler.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        return result switch
        {
            int code => code,
            Task<int> task => task.GetAwaiter().GetResult(),
            Task task => Completed(task),
            _ => 0,
        };
    }

    private static int Completed(Task task)
    {
        task.GetAwaiter().GetResult();
        return 0;
    }
}
