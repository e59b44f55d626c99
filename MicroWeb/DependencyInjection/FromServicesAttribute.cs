namespace MicroWeb;

/// <summary>
/// Binds a handler parameter from the request's service scope (see <see cref="RequestContext.RequestServices"/>).
/// Parameters whose type is a registered service bind from it without the attribute; use it to say so explicitly.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromServicesAttribute : Attribute;
