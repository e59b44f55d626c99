using System.Diagnostics.CodeAnalysis;

namespace MicroWeb.Handlers;

/// <summary>What trimming must keep of a class registered with <c>AddRoutes</c>: its handler methods (any visibility)
/// and its constructors (an instance handler's class is created per request).</summary>
internal static class HandlerType
{
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods
        | DynamicallyAccessedMemberTypes.PublicConstructors;

    /// <summary>A class's methods in the order they are written (routes are matched in registration order). Native AOT
    /// has no metadata tokens; its reflection already lists methods in declaration order.</summary>
    public static IEnumerable<System.Reflection.MethodInfo> InDeclarationOrder(System.Reflection.MethodInfo[] methods)
    {
        try
        {
            return methods.OrderBy(m => m.MetadataToken).ToArray();
        }
        catch (InvalidOperationException) // "There is no metadata token available for the given member."
        {
            return methods;
        }
    }
}
