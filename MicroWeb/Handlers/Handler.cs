using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MicroWeb.Handlers;

/// <summary>
/// A handler method or delegate with its parameters resolved, called through a <see cref="MethodInvoker"/>: no code is
/// generated at startup (the runtime emits a call stub for a handler from its second call), and exceptions reach the
/// caller unwrapped.
/// </summary>
internal sealed class Handler
{
    // Made on its first call (the parameters were checked at registration, by RouteBinding): startup pays for no
    // handler it does not run.
    private MethodInvoker? _invoker;
    private readonly Func<object?, ValueTask<object?>>? _await;
    private readonly bool _needsInstance;

    /// <param name="method">The method to call.</param>
    /// <param name="delegate">The delegate it came from, or null for a method of a <c>[Route]</c> class: an instance
    /// method then gets a new instance of its class per call, from the app's <c>HandlerFactory</c>.</param>
    public Handler(MethodInfo method, Delegate? @delegate)
    {
        Method = method;
        Target = @delegate?.Target;
        _needsInstance = !method.IsStatic && @delegate is null;
        Parameters = method.GetParameters();
        Name = $"{method.DeclaringType?.Name}.{method.Name}";
        ResultType = ResultTypeOf(method.ReturnType, out _await);
    }

    public MethodInfo Method { get; }

    /// <summary>The delegate's target, so that one delegate registered for two rules is one handler.</summary>
    public object? Target { get; }
    public ParameterInfo[] Parameters { get; }
    public string Name { get; }

    /// <summary>What the handler produces after awaiting; typeof(void) for void, Task and ValueTask.</summary>
    public Type ResultType { get; }

    /// <summary>True when both call the same method on the same target: one handler registered for two rules.</summary>
    public bool SameAs(Handler other) => Method == other.Method && ReferenceEquals(Target, other.Target);

    public async ValueTask<object?> InvokeAsync(MicroWebApp app, object?[] args)
    {
        var target = _needsInstance ? app.HandlerFactory(Method.DeclaringType!) : null;
        try
        {
            var invoker = _invoker ??= MethodInvoker.Create(Method); // a race makes two, harmlessly
            var result = invoker.Invoke(target ?? Target, new Span<object?>(args));
            return _await is null ? result : await _await(result);
        }
        finally
        {
            if (target is IAsyncDisposable ad) await ad.DisposeAsync();
            else if (target is IDisposable d) d.Dispose();
        }
    }

    // Unwraps Task<T>/ValueTask<T> and builds a typed awaiter, so awaiting costs no reflection per request.
    private static Type ResultTypeOf(Type returnType, out Func<object?, ValueTask<object?>>? awaiter)
    {
        awaiter = null;
        if (returnType == typeof(Task)) { awaiter = AwaitTask; return typeof(void); }
        if (returnType == typeof(ValueTask)) { awaiter = AwaitValueTask; return typeof(void); }
        if (returnType.IsGenericType)
        {
            var def = returnType.GetGenericTypeDefinition();
            if (def == typeof(Task<>) || def == typeof(ValueTask<>))
            {
                var inner = returnType.GetGenericArguments()[0];
                var name = def == typeof(Task<>) ? nameof(AwaitTaskOf) : nameof(AwaitValueTaskOf);
                awaiter = RuntimeFeature.IsDynamicCodeSupported
                    ? typeof(Handler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
                        .MakeGenericMethod(inner).CreateDelegate<Func<object?, ValueTask<object?>>>()
                    : AwaitByReflection(returnType, def == typeof(ValueTask<>));
                return inner;
            }
        }
        if (typeof(Task).IsAssignableFrom(returnType) || returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            throw new NotSupportedException($"return type {returnType} is not supported");
        return returnType;
    }

    private static async ValueTask<object?> AwaitTask(object? task)
    {
        await (Task)task!;
        return null;
    }

    private static async ValueTask<object?> AwaitValueTask(object? task)
    {
        await (ValueTask)task!;
        return null;
    }

    // Native AOT has no code for AwaitTaskOf<int> made at run time: await the task untyped and read its Result.
    [DynamicDependency("get_Result", typeof(Task<>))]
    [DynamicDependency("AsTask", typeof(ValueTask<>))]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Task<T>.Result and ValueTask<T>.AsTask are kept by the DynamicDependency attributes.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Task<T>.Result is kept by the DynamicDependency attribute.")]
    private static Func<object?, ValueTask<object?>> AwaitByReflection(Type returnType, bool valueTask)
    {
        var asTask = valueTask ? returnType.GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes)! : null;
        var result = (asTask?.ReturnType ?? returnType).GetProperty(nameof(Task<int>.Result))!;
        return async value =>
        {
            var task = (Task)(asTask is null ? value! : asTask.Invoke(value, null)!);
            await task;
            return result.GetValue(task);
        };
    }

    private static async ValueTask<object?> AwaitTaskOf<T>(object? task) => await (Task<T>)task!;

    private static async ValueTask<object?> AwaitValueTaskOf<T>(object? task) => await (ValueTask<T>)task!;

    /// <summary>Types a handler may not return (they would silently serialize to nonsense).</summary>
    public static bool IsUnsupportedResult(Type t) =>
        typeof(Delegate).IsAssignableFrom(t) || typeof(Task).IsAssignableFrom(t) || t.IsPointer || t.IsByRef
        || t == typeof(Type) || typeof(MemberInfo).IsAssignableFrom(t)
        || t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ValueTask<>)
        || t == typeof(ValueTask);
}
