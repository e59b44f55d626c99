using System.Diagnostics.CodeAnalysis;

namespace MicroWeb.Handlers;

/// <summary>What trimming must keep of a class registered with <c>AddRoutes</c>: its handler methods (any visibility)
/// and its constructors (an instance handler's class is created per request).</summary>
internal static class HandlerType
{
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods
        | DynamicallyAccessedMemberTypes.PublicConstructors;
}
